package io.cruddur.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.Cruddur;
import io.cruddur.apply.Outcome;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.plan.Plan;
import io.cruddur.spec.Image;
import io.cruddur.spec.Secret;
import io.cruddur.spec.Sidecar;
import io.cruddur.spec.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

/**
 * The example of README.md's "The DSL" section. {@link #theDslExampleDeploys} mirrors it line for line: if one
 * changes, so does the other. {@link #theReadmeSnippetRunsAsWrittenInJShell} runs the README's own text, as the
 * README suggests (JShell with {@code cruddur-startup.jsh}), so that the two cannot drift apart unnoticed.
 */
class ReadmeExampleTest {
  @Test
  void theDslExampleDeploys() {
    // --- mirrors README.md, "The DSL" ---
    var app = Stack.builder()
        .name("cruddur").region("us-east-1")
        .cluster(c -> c.name("cruddur").containerInsights(true).serviceConnectNamespace("cruddur"))
        .repository("backend-flask").repository("frontend-react-js")
        .logGroup(l -> l.name("cruddur").retentionDays(1))
        .domain(d -> d.name("cruddur.example.com").certificateFor("*.cruddur.example.com"))
        .loadBalancer(lb -> lb.name("cruddur-alb").redirectHttpToHttps(true).defaultService("frontend-react-js"))
        .addService(s -> s.name("backend-flask")
            .image(Image.ecr("backend-flask", "1.4.2")).cpu(256).memoryMib(512).port(4567)
            .healthCheck(h -> h.path("/api/health-check").healthyThreshold(3))
            .route(r -> r.host("api.cruddur.example.com"))
            .secret("CONNECTION_URL", Secret.ssm("/cruddur/backend-flask/CONNECTION_URL"))
            .sidecar(Sidecar.xray()))
        .addService(s -> s.name("frontend-react-js")
            .image(Image.ecr("frontend-react-js", "1.4.2")).port(3000)
            .route(r -> r.host("cruddur.example.com")))
        .build();                       // one InvalidSpecException listing every problem, or a valid Stack

    // The in-memory cloud is as strict as AWS: push the images, create the secrets' parameters and point the
    // domain's registrar at the hosted zone the stack creates (or the certificate is never issued) first.
    var cloud = InMemoryCloud.builder().seedImages("backend-flask", List.of("1.4.2"))
        .seedImages("frontend-react-js", List.of("1.4.2")).delegate("cruddur.example.com").build();
    cloud.putParameter("/cruddur/backend-flask/CONNECTION_URL", "SecureString");   // no value is ever stored
    var cruddur = Cruddur.with(cloud);
    Plan plan = cruddur.plan(app);      // reads only; print it with plan.toText() or plan.toJson()
    Outcome outcome = cruddur.apply(plan);
    // --- end of the README's code ---

    assertThat(plan.problems()).isEmpty();
    assertThat(plan.warnings()).as("every image is pushed").noneMatch(w -> w.contains(".image:"));
    assertThat(outcome.succeeded()).as("%s", outcome instanceof Outcome.Failed f ? f.describe() : "").isTrue();
    assertThat(cloud.acm().listCertificates()).singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo("ISSUED"));
    assertThat(cloud.ecs().findService("cruddur", "backend-flask").orElseThrow().runningCount()).isEqualTo(1);
    assertThat(cloud.ecs().findService("cruddur", "frontend-react-js").orElseThrow().runningCount()).isEqualTo(1);
    assertThat(cruddur.plan(app).work()).as("a second plan has nothing to do").isEmpty();
  }

  /** The README's snippet, evaluated as written, in JShell with the README's start-up script. */
  @Test
  void theReadmeSnippetRunsAsWrittenInJShell() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    int section = readme.indexOf("\n## The DSL\n");
    assertThat(section).as("README.md has a section 'The DSL'").isPositive();
    int start = readme.indexOf("```java\n", section) + "```java\n".length();
    String snippet = readme.substring(start, readme.indexOf("```", start));
    assertThat(snippet).contains("var app = Stack.builder()").contains("Outcome outcome = cruddur.apply(plan);");

    try (JShell shell = JShell.builder().executionEngine("local").build()) {
      shell.addToClasspath(System.getProperty("java.class.path"));
      List<String> errors = new ArrayList<>();
      // JShell's default imports (java.util.* among them), then cruddur-startup.jsh's, as the README's command line has it.
      String imports = "import java.util.*;\nimport java.util.function.*;\n"
          + Files.readString(Path.of("../cruddur-startup.jsh")).lines().filter(l -> l.startsWith("import "))
          .reduce("", (a, b) -> a + b + "\n");
      eval(shell, imports + snippet, errors);
      List<String> values = new ArrayList<>();
      for (String expr : List.of("outcome.succeeded() ? \"succeeded\" : ((Outcome.Failed) outcome).describe()",
          "plan.problems().isEmpty()",
          "cloud.acm().listCertificates().get(0).status()")) {
        values.addAll(eval(shell, expr, errors));
      }
      assertThat(errors).isEmpty();
      assertThat(values).containsExactly("\"succeeded\"", "true", "\"ISSUED\"");
    }
  }

  /** Evaluates {@code code} one complete snippet at a time; returns the values, adds what failed to errors. */
  private static List<String> eval(JShell shell, String code, List<String> errors) {
    List<String> values = new ArrayList<>();
    String rest = code;
    while (!rest.isBlank()) {
      var info = shell.sourceCodeAnalysis().analyzeCompletion(rest);
      String source = info.source();
      if (source == null || source.isBlank()) {
        errors.add("incomplete snippet: " + rest);
        break;
      }
      for (SnippetEvent e : shell.eval(source)) {
        if (e.exception() != null) {
          errors.add(source.strip() + " -> " + e.exception());
        } else if (e.status() == Snippet.Status.REJECTED) {
          shell.diagnostics(e.snippet()).forEach(d -> errors.add(source.strip() + " -> " + d.getMessage(null)));
        } else if (e.value() != null) {
          values.add(e.value());
        }
      }
      rest = info.remaining();
    }
    return values;
  }
}
