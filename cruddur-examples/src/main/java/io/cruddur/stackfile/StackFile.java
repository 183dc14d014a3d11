package io.cruddur.stackfile;

import io.cruddur.base.CruddurException;
import io.cruddur.spec.Stack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stacks a stack file defines. Two kinds of file:
 *
 * <ul>
 *   <li>{@code .java}, a single Java source file as {@code java File.java} runs one: every static method of its
 *       first top-level class that takes no argument and returns a {@link Stack} gives one stack. The file
 *       imports what it uses, as any Java file does, so it also compiles in an IDE. Compiling it needs a JDK.
 *   <li>{@code .jsh}, a JShell script: every top-level variable of type {@code Stack} (a {@code var}, a named
 *       one, or the value of an expression statement such as the script's last line) and every method that
 *       takes no argument and returns one gives one stack. The script starts with {@link #JSH_IMPORTS}. A line
 *       that starts with {@code .} continues the statement before it, so builder chains are written as in Java
 *       (JShell itself ends a statement at the first line that completes it).
 * </ul>
 *
 * <p>Stacks are told apart by {@link Stack#name()}; a file that defines one needs no name. Every error (a compile
 * error, an exception while a stack is built, an invalid spec) is reported with its file, line and column, as a
 * {@link StackFileException}.
 */
public final class StackFile {
  /** What a {@code .jsh} stack file may use without importing it. */
  public static final List<String> JSH_IMPORTS = List.of("import io.cruddur.spec.*;",
      "import static io.cruddur.spec.Secret.ssm;", "import java.util.List;", "import java.util.Map;",
      "import java.time.Duration;");

  private final Path file;
  private final Map<String, Stack> stacks;

  private StackFile(Path file, Map<String, Stack> stacks) {
    this.file = file;
    this.stacks = stacks;
  }

  /**
   * Compiles or evaluates {@code file} and builds its stacks.
   *
   * @throws StackFileException with every error, by file, line and column
   */
  public static StackFile load(Path file) {
    String name = file.getFileName().toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StackFileException(List.of(new StackFileException.Error(file, 1, 1, "cannot read the file: "
          + e.getMessage())));
    }
    List<Found> found;
    if (name.endsWith(".jsh")) {
      found = JshLoader.load(file, text);
    } else if (name.endsWith(".java")) {
      found = JavaLoader.load(file, text);
    } else {
      throw new StackFileException(List.of(new StackFileException.Error(file, 1, 1, "a stack file is a JShell "
          + "script (.jsh) or a Java source file (.java)")));
    }
    Map<String, Stack> stacks = new LinkedHashMap<>();
    List<StackFileException.Error> errors = new ArrayList<>();
    for (Found f : found) {
      Stack other = stacks.putIfAbsent(f.stack().name(), f.stack());
      if (other != null && !other.equals(f.stack())) {
        errors.add(new StackFileException.Error(file, f.line(), 1, f.source() + " defines a second, different "
            + "stack named '" + f.stack().name() + "': stacks in one file need names of their own"));
      }
    }
    if (stacks.isEmpty() && errors.isEmpty()) {
      errors.add(new StackFileException.Error(file, 1, 1, name.endsWith(".jsh")
          ? "defines no stack: end the script with an expression of type Stack (Stack.builder()...build()), or "
              + "declare a variable of type Stack or a method Stack stack()"
          : "defines no stack: give the file's first class a method static Stack stack() { return Stack.builder()"
              + "...build(); }"));
    }
    if (!errors.isEmpty()) {
      throw new StackFileException(errors);
    }
    return new StackFile(file, java.util.Collections.unmodifiableMap(stacks));
  }

  /** A stack a file defines, where: the variable or method that gave it, and its line. */
  record Found(Stack stack, String source, long line) {}

  public Path file() {
    return file;
  }

  /** The stacks by name, in the order the file defines them. */
  public Map<String, Stack> stacks() {
    return stacks;
  }

  /**
   * The stack named {@code name}, or the file's only stack when {@code name} is null.
   *
   * @throws CruddurException if there is no such stack, or several and no name
   */
  public Stack stack(String name) {
    if (name == null) {
      if (stacks.size() > 1) {
        throw new CruddurException(file + " defines " + stacks.size() + " stacks (" + String.join(", ",
            stacks.keySet()) + "): name one (CLI: --stack NAME)");
      }
      return stacks.values().iterator().next();
    }
    Stack s = stacks.get(name);
    if (s == null) {
      throw new CruddurException(file + " defines no stack named '" + name + "'; it defines: " + String.join(", ",
          stacks.keySet()));
    }
    return s;
  }

  /** The file's only stack. */
  public Stack single() {
    return stack(null);
  }
}
