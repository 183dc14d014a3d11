package io.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.aws.AwsCloud;
import io.cruddur.aws.Moto;
import io.cruddur.aws.MotoCompensation;
import io.cruddur.port.LogsPort;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * The day-2 commands against moto through the AWS adapters, on the reference stack: status, logs, scale to 0 and
 * back, deploy --image, rollback, diff after a change made outside Cruddur, outputs and exec. Writes the transcript
 * to {@code target/day2-on-moto.txt}. moto starts no tasks and reports no targets, so those parts stay empty there.
 */
@ExtendWith({Moto.class, MotoCredentials.class})
class Day2OnMotoTest {
  record Result(int code, String out, String err) {}

  private final MotoCompensation compensation = new MotoCompensation();
  private final StringBuilder transcript = new StringBuilder();

  private Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine c = new CommandLine(new Main(compensation::wrap));
    c.setOut(new PrintWriter(out, true));
    c.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    int at = all.indexOf("cruddur");
    all.addAll(at, List.of("--target", "aws", "--endpoint", Moto.endpoint().toString(), "--region", "us-east-1",
        "--allow-missing-images"));
    int code = c.execute(all.toArray(String[]::new));
    transcript.append("$ cruddur ").append(String.join(" ", args)).append("   # exit ").append(code).append('\n')
        .append(args[0].equals("apply") ? "(plan left out)\n" : out.toString()).append(err.toString().lines().filter(l -> !l.startsWith("wait ") && !l.startsWith("start ")
            && !l.startsWith("done  ")).map(l -> l + "\n").reduce("", String::concat)).append('\n');
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void statusLogsScaleDeployRollbackDiffOutputsAndExecOnMoto() throws Exception {
    try (var ssm = software.amazon.awssdk.services.ssm.SsmClient.builder().endpointOverride(Moto.endpoint())
        .region(software.amazon.awssdk.regions.Region.US_EAST_1).build()) {
      for (String name : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "CONNECTION_URL",
          "ROLLBAR_ACCESS_TOKEN", "OTEL_EXPORTER_OTLP_HEADERS")) {
        ssm.putParameter(b -> b.name("/cruddur/backend-flask/" + name).value("x")
            .type(software.amazon.awssdk.services.ssm.model.ParameterType.SECURE_STRING).overwrite(true));
      }
    }
    Result apply = cli("apply", "--yes", "cruddur");
    assertThat(apply.code()).as(apply.err()).isZero();

    Result status = cli("status", "cruddur");
    assertThat(status.code()).isZero();
    assertThat(status.out()).contains("service backend-flask   ACTIVE   desired 1, running 1")
        .contains("https://api.cruddur.example.com/").contains("differences from the spec: none");

    // What the awslogs driver would write: moto runs no container.
    try (AwsCloud cloud = AwsCloud.builder().region("us-east-1").endpoint(Moto.endpoint()).build()) {
      long now = System.currentTimeMillis();
      cloud.logs().putLogEvents("cruddur", "backend-flask/backend-flask/0123456789abcdef",
          List.of(new LogsPort.LogMessage(now - 2000, "GET /api/health-check 200"),
              new LogsPort.LogMessage(now - 1000, "GET /api/activities/home 200")));
      cloud.logs().putLogEvents("cruddur", "backend-flask-xray/xray/0123456789abcdef",
          List.of(new LogsPort.LogMessage(now - 1500, "Successfully sent batch of 1 segments")));
    }
    Result logs = cli("logs", "cruddur", "backend-flask", "--since", "5m");
    assertThat(logs.code()).as(logs.err()).isZero();
    assertThat(logs.out().lines().map(l -> l.substring(l.indexOf(' ') + 1)).toList()).containsExactly(
        "backend-flask/01234567 GET /api/health-check 200", "xray/01234567 Successfully sent batch of 1 segments",
        "backend-flask/01234567 GET /api/activities/home 200");

    Result zero = cli("scale", "cruddur", "backend-flask", "0");
    assertThat(zero.code()).as(zero.err()).isZero();
    assertThat(cli("plan", "cruddur").out()).contains("desiredCount: 0 -> 1   (live -> spec)");
    Result one = cli("scale", "cruddur", "backend-flask", "1");
    assertThat(one.code()).as(one.err()).isZero();

    Result deploy = cli("deploy", "cruddur", "backend-flask", "--image", "v2");
    assertThat(deploy.code()).as(deploy.err()).isZero();
    assertThat(cli("status", "cruddur").out()).contains("backend-flask:2")
        .contains("changed outside the spec: cruddur deploy backend-flask image ");
    Result rollback = cli("rollback", "cruddur", "backend-flask");
    assertThat(rollback.code()).as(rollback.err()).isZero();
    assertThat(rollback.out()).contains("backend-flask:2\" -> \"arn:aws:ecs:us-east-1:123456789012:task-definition/"
        + "backend-flask:1\"");
    assertThat(cli("apply", "--yes", "cruddur").code()).isZero();
    assertThat(cli("diff", "--exit-code", "cruddur").code()).isZero();

    // A change made outside Cruddur, with the AWS SDK as a console user would.
    try (var ecs = software.amazon.awssdk.services.ecs.EcsClient.builder().endpointOverride(Moto.endpoint())
        .region(software.amazon.awssdk.regions.Region.US_EAST_1).build()) {
      ecs.updateService(b -> b.cluster("cruddur").service("frontend-react-js").desiredCount(3));
    }
    Result diff = cli("diff", "--exit-code", "cruddur");
    assertThat(diff.code()).isEqualTo(1);
    assertThat(diff.out()).contains("~ ecs.service cruddur/frontend-react-js").contains("desiredCount: 3 -> 1   (live -> spec)").doesNotContain("! drift");

    Result outputs = cli("outputs", "cruddur");
    assertThat(outputs.out()).contains("url            https://cruddur.example.com/");
    Result exec = cli("exec", "cruddur", "backend-flask");
    assertThat(exec.code()).isEqualTo(Main.FAILED);
    assertThat(exec.err()).contains("has no running task");
    Files.writeString(Path.of("target", "day2-on-moto.txt"), transcript);
  }
}
