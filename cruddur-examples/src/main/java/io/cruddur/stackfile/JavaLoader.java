package io.cruddur.stackfile;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import io.cruddur.spec.Stack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a {@code .java} stack file in memory and calls its stack methods. A compilation that succeeded is kept in
 * the {@link CompiledCache}, so that the next run of an unchanged file loads its classes without javac.
 */
final class JavaLoader {
  /** How many times javac compiled a stack file in this JVM: what the tests of the cache observe. */
  static final AtomicInteger COMPILATIONS = new AtomicInteger();

  private JavaLoader() {}

  /** A method of the first class that gives a stack, and the line it is declared on. */
  record StackMethod(String name, long line) {}

  static List<StackFile.Found> load(Path file, String text) {
    return load(file, text, CompiledCache.fromEnvironment());
  }

  static List<StackFile.Found> load(Path file, String text, CompiledCache cache) {
    String classpath = Classpath.of();
    String key = cache.enabled() ? CompiledCache.key(file, text, classpath) : null;
    CompiledCache.Compiled compiled = key == null ? null : cache.read(key);
    if (compiled == null) {
      compiled = compile(file, text, classpath);
      if (key != null) {
        cache.write(key, file, compiled);
      }
    }
    return call(file, text, compiled);
  }

  /** The file's classes, or a {@link StackFileException} with javac's errors. */
  private static CompiledCache.Compiled compile(Path file, String text, String classpath) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new StackFileException(List.of(new StackFileException.Error(file, 1, 1, "compiling a .java stack file "
          + "needs a JDK (javac), and this Java (" + System.getProperty("java.home") + ") has none: run with a JDK "
          + "17 or later, or write the stack as a .jsh script")));
    }
    COMPILATIONS.incrementAndGet();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    // Closed when done: each file manager holds the class path's jars open.
    try (StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT,
        StandardCharsets.UTF_8)) {
      return compile(file, text, classpath, javac, diagnostics, standard);
    } catch (IOException e) {
      throw new StackFileException(List.of(new StackFileException.Error(file, 1, 1, "cannot compile: "
          + e.getMessage())));
    }
  }

  private static CompiledCache.Compiled compile(Path file, String text, String classpath, JavaCompiler javac,
      DiagnosticCollector<JavaFileObject> diagnostics, StandardJavaFileManager standard) {
    Positions positions = new Positions(file, text);
    Map<String, ByteArrayOutputStream> classes = new HashMap<>();
    JavaFileManager memory = new ForwardingJavaFileManager<>(standard) {
      @Override
      public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
          FileObject sibling) {
        return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
            kind) {
          @Override
          public OutputStream openOutputStream() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            classes.put(className, out);
            return out;
          }
        };
      }
    };
    // As the source launcher (java File.java) does, a public class need not match the file's name.
    JavaFileObject source = new SimpleJavaFileObject(file.toAbsolutePath().toUri(), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return text;
      }

      @Override
      public boolean isNameCompatible(String simpleName, JavaFileObject.Kind kind) {
        return true;
      }
    };
    JavacTask task = (JavacTask) javac.getTask(null, memory, diagnostics, List.of("-classpath", classpath,
        "-proc:none", "-g", "-Xlint:none", "-nowarn"), null, List.of(source));
    String className = null;
    List<StackMethod> methods = new ArrayList<>();
    try {
      Iterable<? extends CompilationUnitTree> units = task.parse();
      SourcePositions where = com.sun.source.util.Trees.instance(task).getSourcePositions();
      for (CompilationUnitTree unit : units) {
        for (Tree type : unit.getTypeDecls()) {
          if (type instanceof ClassTree c && className == null) {
            String pkg = unit.getPackageName() == null ? "" : unit.getPackageName() + ".";
            className = pkg + c.getSimpleName();
            for (Tree member : c.getMembers()) {
              if (member instanceof MethodTree m && m.getParameters().isEmpty()) {
                methods.add(new StackMethod(m.getName().toString(),
                    positions.line((int) where.getStartPosition(unit, m))));
              }
            }
          }
        }
      }
      task.analyze();
      task.generate();
    } catch (IOException e) {
      throw new StackFileException(List.of(new StackFileException.Error(file, 1, 1, "cannot compile: "
          + e.getMessage())));
    } catch (IllegalStateException e) {
      // javac stops between phases when an earlier one failed; the diagnostics say why.
    }
    List<StackFileException.Error> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.add(new StackFileException.Error(file, Math.max(1, d.getLineNumber()),
            Math.max(1, d.getColumnNumber()), d.getMessage(Locale.ROOT)));
      }
    }
    if (!errors.isEmpty()) {
      throw new StackFileException(errors);
    }
    if (className == null) {
      throw new StackFileException(List.of(new StackFileException.Error(file, 1, 1, "declares no class")));
    }
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    classes.forEach((name, out) -> bytes.put(name, out.toByteArray()));
    return new CompiledCache.Compiled(className, List.copyOf(methods), bytes);
  }

  /** Loads the compiled classes and calls the stack methods of the first one. */
  private static List<StackFile.Found> call(Path file, String text, CompiledCache.Compiled compiled) {
    Positions positions = new Positions(file, text);
    String className = compiled.className();
    ClassLoader loader = new ClassLoader(JavaLoader.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] b = compiled.classes().get(name);
        if (b == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, b, 0, b.length);
      }
    };
    List<StackFileException.Error> errors = new ArrayList<>();
    List<StackFile.Found> found = new ArrayList<>();
    try {
      Class<?> type = loader.loadClass(className);
      for (StackMethod sm : compiled.methods()) {
        Method m = type.getDeclaredMethod(sm.name());
        if (!Modifier.isStatic(m.getModifiers()) || !Stack.class.isAssignableFrom(m.getReturnType())) {
          continue;
        }
        m.setAccessible(true);
        try {
          Object value = m.invoke(null);
          if (value == null) {
            errors.add(new StackFileException.Error(file, sm.line(), 1, sm.name() + "() returned null"));
          } else {
            found.add(new StackFile.Found((Stack) value, sm.name() + "()", sm.line()));
          }
        } catch (InvocationTargetException e) {
          errors.add(thrown(e.getCause(), file, positions, sm));
        } catch (ExceptionInInitializerError e) {
          errors.add(thrown(e.getCause(), file, positions, sm));
        }
      }
    } catch (ReflectiveOperationException | LinkageError e) {
      errors.add(new StackFileException.Error(file, 1, 1, "cannot load " + className + ": " + e));
    }
    if (!errors.isEmpty()) {
      throw new StackFileException(errors);
    }
    return found;
  }

  /** Where {@code e} comes from in the file: its innermost frame there, else the method that threw it. */
  private static StackFileException.Error thrown(Throwable e, Path file, Positions positions, StackMethod sm) {
    String what = e instanceof io.cruddur.spec.InvalidSpecException ? e.getMessage()
        : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    String name = file.getFileName().toString();
    for (StackTraceElement el : e.getStackTrace()) {
      if (name.equals(el.getFileName()) && el.getLineNumber() > 0) {
        return positions.at(positions.offsetOfLine(el.getLineNumber()), what, true);
      }
    }
    return positions.at(positions.offsetOfLine((int) sm.line()), what, true);
  }
}
