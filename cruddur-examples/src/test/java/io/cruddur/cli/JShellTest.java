package io.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

/** The README's JShell session: the startup script's imports make {@code Stack} mean Cruddur's. */
class JShellTest {
  @Test
  void theStartupScriptMakesTheDslUsableFromJShell() throws Exception {
    String startup = Files.readString(Path.of("../cruddur-startup.jsh"));
    try (JShell shell = JShell.builder().executionEngine("local").build()) {
      shell.addToClasspath(System.getProperty("java.class.path"));
      List<String> errors = new ArrayList<>();
      List<String> values = new ArrayList<>();
      // The default JShell imports, which include java.util.* (and so java.util.Stack).
      for (String line : List.of("import java.util.*;", "import java.util.function.*;")) {
        eval(shell, line, errors, values);
      }
      for (String line : startup.lines().filter(l -> l.startsWith("import ")).toList()) {
        eval(shell, line, errors, values);
      }
      eval(shell, "var app = StackFile.load(Path.of(\"" + Examples.STACKS.resolve("cruddur.java") + "\")).single();",
          errors, values);
      eval(shell, "var cruddur = Cruddur.with(LocalCloud.prepare(app));", errors, values);
      eval(shell, "var plan = cruddur.plan(app);", errors, values);
      eval(shell, "plan.summary().get(\"create\")", errors, values);
      eval(shell, "cruddur.apply(plan).succeeded()", errors, values);
      eval(shell, "Stack.builder().name(\"demo\").repository(\"web\").build().name()", errors, values);
      assertThat(errors).isEmpty();
      assertThat(values).containsSubsequence("34", "true", "\"demo\"");
    }
  }

  private static void eval(JShell shell, String code, List<String> errors, List<String> values) {
    for (SnippetEvent e : shell.eval(code)) {
      if (e.exception() != null) {
        errors.add(code + " -> " + e.exception());
      } else if (e.status() == Snippet.Status.REJECTED) {
        shell.diagnostics(e.snippet()).forEach(d -> errors.add(code + " -> " + d.getMessage(null)));
      } else if (e.value() != null) {
        values.add(e.value());
      }
    }
  }
}
