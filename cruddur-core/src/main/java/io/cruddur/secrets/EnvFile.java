package io.cruddur.secrets;

import io.cruddur.base.CruddurException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The variables of a {@code .env} file: {@code NAME=value} lines, with an optional {@code export} before the
 * name, blank lines and {@code #} comments. A value is taken as it is, or in double quotes (with {@code \n},
 * {@code \t}, {@code \"} and {@code \\} escapes, and able to span lines) or single quotes (literal); an unquoted
 * value ends at a {@code #} that follows white space. Errors name the file and line, never a value.
 */
public final class EnvFile {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Map<String, String> values;

  private EnvFile(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /** @throws CruddurException if the file cannot be read or a line is malformed (every one, by line) */
  public static EnvFile read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new CruddurException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The variables of {@code text}; {@code source} names it in errors. */
  public static EnvFile parse(String text, String source) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, Integer> lineOf = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).stripLeading();
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        errors.add(source + ":" + lineNo + ": expected NAME=value");
        continue;
      }
      String name = line.substring(0, eq).strip();
      if (!NAME.matcher(name).matches()) {
        // Never echoed: it may be a piece of a secret (a line of a key whose quotes were not closed).
        errors.add(source + ":" + lineNo + ": the text before = is not a variable name (letters, digits and _, not "
            + "starting with a digit)");
        continue;
      }
      String raw = line.substring(eq + 1).stripLeading();
      String value;
      if (raw.startsWith("\"")) {
        StringBuilder sb = new StringBuilder();
        int end = closingQuote(raw, 1, sb);
        while (end < 0 && i + 1 < lines.length) {
          sb.append('\n');
          raw = lines[++i];
          end = closingQuote(raw, 0, sb);
        }
        if (end < 0) {
          errors.add(source + ":" + lineNo + ": the double-quoted value of " + name + " is not closed");
          continue;
        }
        if (!trailerIsComment(raw.substring(end + 1))) {
          errors.add(source + ":" + lineNo + ": unexpected text after the quoted value of " + name);
          continue;
        }
        value = sb.toString();
      } else if (raw.startsWith("'")) {
        // Literal, and able to span lines (a PEM key, say), as python-dotenv reads it.
        StringBuilder sb = new StringBuilder();
        String rest = raw.substring(1);
        int end = rest.indexOf('\'');
        while (end < 0 && i + 1 < lines.length) {
          sb.append(rest).append('\n');
          rest = lines[++i];
          end = rest.indexOf('\'');
        }
        if (end < 0) {
          errors.add(source + ":" + lineNo + ": the single-quoted value of " + name + " is not closed");
          continue;
        }
        if (!trailerIsComment(rest.substring(end + 1))) {
          errors.add(source + ":" + lineNo + ": unexpected text after the quoted value of " + name);
          continue;
        }
        value = sb.append(rest, 0, end).toString();
      } else {
        int hash = raw.indexOf(" #");
        value = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
      }
      Integer first = lineOf.putIfAbsent(name, lineNo);
      if (first != null) {
        errors.add(source + ":" + lineNo + ": " + name + " is set again (first on line " + first + ")");
        continue;
      }
      values.put(name, value);
    }
    if (!errors.isEmpty()) {
      throw new CruddurException(errors.size() + (errors.size() == 1 ? " error" : " errors") + " in " + source
          + ":\n  " + String.join("\n  ", errors));
    }
    return new EnvFile(values);
  }

  /** Appends the double-quoted text from {@code from} to {@code sb}, unescaped; the closing quote's index, or -1. */
  private static int closingQuote(String raw, int from, StringBuilder sb) {
    for (int j = from; j < raw.length(); j++) {
      char ch = raw.charAt(j);
      if (ch == '\\' && j + 1 < raw.length()) {
        char next = raw.charAt(++j);
        sb.append(switch (next) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          default -> next;
        });
      } else if (ch == '"') {
        return j;
      } else {
        sb.append(ch);
      }
    }
    return -1;
  }

  private static boolean trailerIsComment(String rest) {
    String r = rest.strip();
    return r.isEmpty() || r.startsWith("#");
  }

  /** The variable names, in file order. */
  public java.util.Set<String> names() {
    return values.keySet();
  }

  /** The value of {@code name}, if the file sets it. */
  public java.util.Optional<String> value(String name) {
    return java.util.Optional.ofNullable(values.get(name));
  }

  /** The names only: a value never appears in a {@code toString()}. */
  @Override
  public String toString() {
    return "EnvFile" + values.keySet();
  }
}
