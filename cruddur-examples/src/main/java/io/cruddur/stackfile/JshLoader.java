package io.cruddur.stackfile;

import io.cruddur.spec.Stack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/** Evaluates a {@code .jsh} stack file in a JShell of this JVM. */
final class JshLoader {
  private JshLoader() {}

  /** A snippet of the file: its text, and the file offset of each of its characters. */
  record Piece(String text, int[] offsets) {}

  static List<StackFile.Found> load(Path file, String text) {
    Positions positions = new Positions(file, text);
    List<StackFileException.Error> errors = new ArrayList<>();
    List<StackFile.Found> found = new ArrayList<>();
    try (JShell shell = JShell.builder().executionEngine("local").build()) {
      shell.addToClasspath(Classpath.of());
      for (String line : StackFile.JSH_IMPORTS) {
        shell.eval(line);
      }
      Map<String, Piece> bySnippet = new HashMap<>();
      for (Piece piece : split(shell.sourceCodeAnalysis(), text)) {
        boolean failed = false;
        for (SnippetEvent e : shell.eval(piece.text())) {
          if (e.causeSnippet() != null) {
            continue;
          }
          Snippet sn = e.snippet();
          bySnippet.put(sn.id(), piece);
          switch (e.status()) {
            case REJECTED -> shell.diagnostics(sn).filter(Diag::isError).forEach(d -> errors.add(positions.at(
                piece.offsets()[(int) Math.min(Math.max(d.getPosition(), 0), piece.offsets().length - 1)],
                d.getMessage(java.util.Locale.ROOT))));
            case RECOVERABLE_DEFINED, RECOVERABLE_NOT_DEFINED -> errors.add(positions.at(piece.offsets()[0],
                "cannot find symbol: " + String.join(", ", shell.unresolvedDependencies(
                    (jdk.jshell.DeclarationSnippet) sn).toList())));
            default -> { }
          }
          if (e.exception() != null) {
            errors.add(thrown(e.exception(), piece, bySnippet, positions));
            failed = true;
          }
        }
        if (failed) {
          break; // a script stops at its first exception, as the statements after it may need what it did not do
        }
      }
      if (!errors.isEmpty()) {
        throw new StackFileException(errors);
      }
      String key = UUID.randomUUID().toString();
      List<Snippet> sources = new ArrayList<>();
      shell.variables().filter(v -> shell.status(v).isActive() && isStack(v.typeName())).forEach(sources::add);
      shell.methods().filter(m -> shell.status(m).isActive() && m.parameterTypes().isEmpty()
          && isStack(m.signature().substring(m.signature().indexOf(')') + 1))).forEach(sources::add);
      for (Snippet s : sources) {
        String name = s instanceof VarSnippet v ? v.name() : ((MethodSnippet) s).name() + "()";
        Piece piece = bySnippet.get(s.id());
        for (SnippetEvent e : shell.eval(Handoff.class.getName() + ".put(\"" + key + "\", " + name + ");")) {
          if (e.exception() != null && piece != null) {
            errors.add(thrown(e.exception(), piece, bySnippet, positions));
          }
        }
        List<Object> values = Handoff.take(key);
        if (values.size() == 1 && values.get(0) instanceof Stack stack) {
          found.add(new StackFile.Found(stack, name, piece == null ? 1 : positions.line(piece.offsets()[0])));
        } else if (values.size() == 1 && values.get(0) == null && piece != null) {
          errors.add(positions.at(piece.offsets()[0], name + " is null"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new StackFileException(errors);
    }
    return found;
  }

  private static boolean isStack(String type) {
    return type.equals("Stack") || type.equals(Stack.class.getName());
  }

  /**
   * The place an exception comes from: the innermost frame in a snippet of the file (JShell names a snippet's
   * class {@code #id} and numbers its lines from the snippet's first), else where the snippet that ran starts.
   */
  private static StackFileException.Error thrown(JShellException ex, Piece ran, Map<String, Piece> bySnippet,
      Positions positions) {
    String what;
    if (ex instanceof EvalException ee) {
      String type = ee.getExceptionClassName();
      String simple = type.substring(type.lastIndexOf('.') + 1);
      what = type.equals(io.cruddur.spec.InvalidSpecException.class.getName()) ? ee.getMessage()
          : simple + (ee.getMessage() == null ? "" : ": " + ee.getMessage());
    } else if (ex instanceof UnresolvedReferenceException ure) {
      what = "cannot use " + ure.getSnippet().source().strip() + ": it refers to something not defined";
    } else {
      what = ex.getMessage();
    }
    for (StackTraceElement el : ex.getStackTrace()) {
      String f = el.getFileName();
      if (f != null && f.startsWith("#") && el.getLineNumber() > 0) {
        Piece p = bySnippet.get(f.substring(1));
        if (p != null) {
          int offset = lineStart(p.text(), el.getLineNumber());
          if (offset >= 0) {
            return positions.at(p.offsets()[offset], what, true);
          }
        }
      }
    }
    return positions.at(ran.offsets()[0], what, true);
  }

  /** The offset in {@code text} where its {@code line} (from 1) starts, or -1. */
  private static int lineStart(String text, int line) {
    int offset = 0;
    for (int l = 1; l < line; l++) {
      offset = text.indexOf('\n', offset) + 1;
      if (offset == 0) {
        return -1;
      }
    }
    return offset < text.length() ? offset : -1;
  }

  /**
   * The file's snippets, in order. JShell ends a snippet where its text is complete; here a snippet also takes
   * every following line that starts with {@code .} (a builder chain), skipping blank lines and comments between.
   */
  static List<Piece> split(SourceCodeAnalysis analysis, String text) {
    List<Piece> pieces = new ArrayList<>();
    int pos = 0;
    while (true) {
      int start = Positions.skipBlankAndComments(text, pos);
      if (start >= text.length()) {
        return pieces;
      }
      StringBuilder sb = new StringBuilder();
      List<Integer> offsets = new ArrayList<>();
      pos = start + take(analysis, text, start, "", sb, offsets);
      while (true) {
        int next = Positions.skipBlankAndComments(text, pos);
        if (!continuesChain(text, next) || endsStatement(sb)) {
          break;
        }
        sb.append('\n');
        offsets.add(next);
        pos = next + take(analysis, text, next, "x", sb, offsets);
      }
      pieces.add(new Piece(sb.toString(), offsets.stream().mapToInt(Integer::intValue).toArray()));
    }
  }

  /** Appends the complete snippet at {@code start} (read as if {@code prefix} came first); returns its length. */
  private static int take(SourceCodeAnalysis analysis, String text, int start, String prefix, StringBuilder sb,
      List<Integer> offsets) {
    String rest = text.substring(start);
    SourceCodeAnalysis.CompletionInfo ci = analysis.analyzeCompletion(prefix + rest);
    int length = ci.completeness().isComplete() ? prefix.length() + rest.length() - ci.remaining().length()
        - prefix.length() : rest.length();
    length = Math.max(1, Math.min(length, rest.length()));
    for (int i = 0; i < length; i++) {
      sb.append(text.charAt(start + i));
      offsets.add(start + i);
    }
    return length;
  }

  private static boolean continuesChain(String text, int at) {
    return at < text.length() - 1 && text.charAt(at) == '.' && text.charAt(at + 1) != '.'
        && !Character.isDigit(text.charAt(at + 1));
  }

  private static boolean endsStatement(StringBuilder sb) {
    for (int i = sb.length() - 1; i >= 0; i--) {
      char c = sb.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c == ';' || c == '}';
      }
    }
    return true;
  }
}
