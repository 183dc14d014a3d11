package io.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The day-2 commands on the embedded cloud, with the reference stack. */
class Day2CliTest {
  @TempDir
  Path dir;
  String state;

  record Result(int code, String out, String err) {}

  private Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @BeforeEach
  void deploy() {
    state = dir.resolve("state.json").toString();
    Result apply = run("apply", "--yes", "--state", state, "cruddur");
    assertThat(apply.code()).as(apply.err()).isZero();
  }

  @Test
  void statusAndDiffOfAStackAsDeclared() throws Exception {
    Result status = run("status", "--state", state, "cruddur");
    assertThat(status.code()).isZero();
    assertThat(status.out()).contains("service backend-flask   ACTIVE   desired 1, running 1, pending 0")
        .contains("(port 4567): 1 healthy").contains("https://api.cruddur.example.com/").contains("differences from the spec: none");
    JsonNode json = new ObjectMapper().readTree(run("status", "--json", "--state", state, "cruddur").out());
    assertThat(json.get("healthy").asBoolean()).isTrue();
    assertThat(json.get("services")).hasSize(2);
    Result diff = run("diff", "--exit-code", "--state", state, "cruddur");
    assertThat(diff.code()).isZero();
    assertThat(diff.out()).contains("No differences");
  }

  @Test
  void scaleToZeroAndBackThenTheSpecsApplyTakesOverAgain() throws Exception {
    Result zero = run("scale", "--state", state, "cruddur", "backend-flask", "0");
    assertThat(zero.code()).as(zero.err()).isZero();
    assertThat(zero.out()).contains("desiredCount: 1 -> 0");
    assertThat(zero.err()).contains("scaled backend-flask to 0");
    assertThat(run("status", "--state", state, "cruddur").out())
        .contains("service backend-flask   ACTIVE   desired 0, running 0, pending 0")
        .contains("changed outside the spec: cruddur scale 0 at ")
        .contains("differences from the spec: 1 resource(s)");
    Result plan = run("plan", "--state", state, "cruddur");
    assertThat(plan.out()).contains("! drift: changed outside the spec").contains("desiredCount: 0 -> 1   (live -> spec)")
        .contains("to keep it instead: set desiredCount(0) on service backend-flask");
    Result diff = run("diff", "--exit-code", "--state", state, "cruddur");
    assertThat(diff.code()).isEqualTo(1);
    assertThat(diff.out()).contains("desiredCount: 0 -> 1   (live -> spec)");
    assertThat(run("scale", "--state", state, "cruddur", "backend-flask", "1").code()).isZero();
    assertThat(run("status", "--json", "--state", state, "cruddur").out()).contains("\"running\":1");
    assertThat(run("scale", "--state", state, "cruddur", "backend-flask", "1").err())
        .contains("nothing to do");
    assertThat(run("scale", "--state", state, "cruddur", "nope", "1").code()).isEqualTo(Main.UNKNOWN_STACK);
    assertThat(run("scale", "--state", state, "cruddur", "backend-flask", "2", "--min", "1").code()).isEqualTo(2);
  }

  @Test
  void deployAnImageTagThenRollBackThenApplyTheSpec() {
    Result deploy = run("deploy", "--state", state, "cruddur", "backend-flask", "--image", "v2");
    assertThat(deploy.code()).as(deploy.err()).isZero();
    assertThat(deploy.err()).contains("seed   pushed a generated image backend-flask:v2");
    assertThat(deploy.out()).contains("containers[backend-flask].image").contains("backend-flask:v2\"");
    assertThat(run("status", "--state", state, "cruddur").out()).contains("backend-flask:2   steady")
        .contains("changed outside the spec: cruddur deploy backend-flask image ");
    Result plan = run("plan", "--state", state, "cruddur");
    assertThat(plan.out()).contains("to keep it instead: set the image of container backend-flask to ")
        .contains("~ ecs.task-definition backend-flask");

    Result back = run("rollback", "--state", state, "cruddur", "backend-flask");
    assertThat(back.code()).as(back.err()).isZero();
    assertThat(back.out()).contains("task-definition/backend-flask:2\" -> \"arn:aws:ecs:us-east-1:000000000000:"
        + "task-definition/backend-flask:1\"");
    Result none = run("rollback", "--state", state, "cruddur", "backend-flask");
    assertThat(none.code()).isEqualTo(Main.REFUSED);
    assertThat(none.out()).contains("no earlier ACTIVE revision");
    assertThat(run("rollback", "--to", "2", "--state", state, "cruddur", "backend-flask").code()).isZero();

    Result apply = run("apply", "--yes", "--state", state, "cruddur");
    assertThat(apply.code()).as(apply.err()).isZero();
    assertThat(run("diff", "--exit-code", "--state", state, "cruddur").code()).isZero();
    Result missing = run("deploy", "--no-seed-images", "--state", state, "cruddur", "backend-flask", "--image", "v3");
    assertThat(missing.code()).isEqualTo(Main.REFUSED);
    assertThat(missing.out()).contains("tag v3 is not in repository backend-flask");
  }

  @Test
  void logsShowTheContainersLinesAndExecPrintsTheCommand() throws Exception {
    Result logs = run("logs", "--since", "1h", "--state", state, "cruddur", "backend-flask");
    assertThat(logs.code()).as(logs.err()).isZero();
    assertThat(logs.out()).contains(" backend-flask/").contains(" xray/").contains("started from image");
    Result json = run("logs", "--json", "--container", "xray", "--since", "1h", "--state", state, "cruddur",
        "backend-flask");
    for (String line : json.out().strip().split("\n")) {
      assertThat(new ObjectMapper().readTree(line).get("container").asText()).isEqualTo("xray");
    }
    assertThat(run("logs", "--container", "nope", "--state", state, "cruddur", "backend-flask").err())
        .contains("has no container 'nope'");

    Result exec = run("exec", "--state", state, "cruddur", "backend-flask", "--", "python", "-c", "print(1)");
    assertThat(exec.code()).as(exec.err()).isZero();
    assertThat(exec.out()).startsWith("aws ecs execute-command --region us-east-1 --cluster cruddur --task ")
        .endsWith("--container backend-flask --interactive --command 'python -c '\\''print(1)'\\'''\n");
    Result frontend = run("exec", "--state", state, "cruddur", "frontend-react-js");
    assertThat(frontend.code()).isEqualTo(Main.FAILED);
    assertThat(frontend.err()).contains("does not enable execute-command");
  }

  @Test
  void statusOfAFailedDeploymentShowsItAsItIsWithItsStoppedReasons() throws Exception {
    String failed = dir.resolve("failed.json").toString();
    assertThat(run("apply", "--yes", "--no-seed-images", "--state", failed, "cruddur").code()).isEqualTo(1);
    Result status = run("status", "--state", failed, "cruddur");
    assertThat(status.out()).contains("service backend-flask   ACTIVE   desired 1, running 0")
        .contains("NOT STEADY").contains("FAILED      ECS deployment circuit breaker: tasks failed to start.")
        .contains("TaskFailedToStart: CannotPullContainerError").contains("no targets registered")
        .doesNotContain("   steady");
    assertThat(new ObjectMapper().readTree(run("status", "--json", "--state", failed, "cruddur").out())
        .get("healthy").asBoolean()).isFalse();
  }
}
