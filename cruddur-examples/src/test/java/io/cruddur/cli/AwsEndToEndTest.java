package io.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.aws.AwsCloud;
import io.cruddur.aws.Moto;
import io.cruddur.aws.MotoCompensation;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * The whole Cruddur example through the CLI against moto: apply, apply again (zero writes, counted by the CLI's
 * SDK interceptor), destroy (nothing the stack owns is left active). The applies wait for the services to become
 * stable: the moto harness makes every service report its one task running ({@code MOTO_ECS_SERVICE_RUNNING=1}).
 * The CLI's clouds go through {@link MotoCompensation}, which makes up for the ECS service settings moto drops;
 * without it the second apply would see drift that only the emulator made.
 */
@ExtendWith({Moto.class, MotoCredentials.class})
class AwsEndToEndTest {
  record Result(int code, String out, String err) {}

  /** One memory of what moto drops, for every command of the test (each builds its own AwsCloud). */
  private final MotoCompensation compensation = new MotoCompensation();

  private Result cli(String command, String... options) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine c = new CommandLine(new Main(compensation::wrap));
    c.setOut(new PrintWriter(out, true));
    c.setErr(new PrintWriter(err, true));
    var args = new java.util.ArrayList<>(java.util.List.of(command, "--target", "aws", "--endpoint",
        Moto.endpoint().toString(), "--region", "us-east-1",
        // moto starts no tasks and its repositories hold no images: what tasks would pull does not matter here.
        "--allow-missing-images", "cruddur"));
    if (!command.equals("plan")) {
      args.add(1, "--yes");
    }
    args.addAll(1, java.util.List.of(options));
    int code = c.execute(args.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  /** The secret parameters of the example, holding known values that must never show anywhere. */
  private static final java.util.List<String> SECRETS = java.util.List.of("AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY", "CONNECTION_URL", "ROLLBAR_ACCESS_TOKEN", "OTEL_EXPORTER_OTLP_HEADERS");

  /** Puts each secret into moto as a SecureString holding a canary value, as an operator would; returns them. */
  private static java.util.List<String> putCanarySecrets() {
    java.util.List<String> values = new java.util.ArrayList<>();
    try (var ssm = software.amazon.awssdk.services.ssm.SsmClient.builder().endpointOverride(Moto.endpoint())
        .region(software.amazon.awssdk.regions.Region.US_EAST_1).build()) {
      for (String name : SECRETS) {
        String value = "canary-" + name.toLowerCase(java.util.Locale.ROOT) + "-" + java.util.UUID.randomUUID();
        ssm.putParameter(b -> b.name("/cruddur/backend-flask/" + name).value(value)
            .type(software.amazon.awssdk.services.ssm.model.ParameterType.SECURE_STRING).overwrite(true));
        values.add(value);
      }
    }
    return values;
  }

  /**
   * Apply, no-op apply, destroy, apply again and destroy, with the secrets' parameters holding canary values: no
   * output of any of them (plan text and JSON, progress, outcome JSON, errors, the call summary) holds a value,
   * nor does any port value Cruddur reads.
   */
  @Test
  void applyReapplyDestroy() {
    java.util.List<String> canaries = putCanarySecrets();
    java.util.List<Result> results = new java.util.ArrayList<>();
    results.add(cli("plan"));
    results.add(cli("plan", "--json"));
    Result first = cli("apply");
    results.add(first);
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).contains("Plan: 34 to create");
    assertThat(first.err()).containsPattern("aws api calls: \\d+ reads, [1-9]\\d* writes");
    assertThat(first.err()).as("the services were awaited").doesNotContain("not waiting for service stable");

    Result second = cli("apply");
    results.add(second);
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.out()).contains("Plan: 0 to create, 0 to update, 0 to replace, 0 to delete, 34 unchanged");
    assertThat(second.err()).containsPattern("aws api calls: \\d+ reads, 0 writes; [3-9] on the stack's lease");

    Result destroy = cli("destroy");
    results.add(destroy);
    assertThat(destroy.code()).as(destroy.err()).isZero();
    try (AwsCloud cloud = Moto.cloud().build()) {
      for (String name : SECRETS) {
        assertThat(String.valueOf(cloud.ssm().describeParameter("/cruddur/backend-flask/" + name)))
            .as("what Cruddur reads of a secret").doesNotContain(canaries);
      }
      assertThat(cloud.elb().listLoadBalancers()).isEmpty();
      assertThat(cloud.elb().listTargetGroups()).isEmpty();
      assertThat(cloud.ecs().listServices("cruddur")).isEmpty();
      assertThat(cloud.ecs().findCluster("cruddur")).isEmpty();
      assertThat(cloud.ecs().allTaskDefinitions("backend-flask")).isEmpty();
      assertThat(cloud.ecs().allTaskDefinitions("frontend-react-js")).isEmpty();
      assertThat(cloud.route53().listHostedZones()).isEmpty();
      assertThat(cloud.acm().listCertificates()).isEmpty();
      assertThat(cloud.iam().listRoles()).isEmpty();
      assertThat(cloud.ecr().listRepositories()).isEmpty();
      assertThat(cloud.logs().listLogGroups()).isEmpty();
      assertThat(cloud.serviceDiscovery().listNamespaces()).isEmpty();
      String vpc = cloud.ec2().defaultVpc().orElseThrow().id();
      assertThat(cloud.ec2().listSecurityGroups(vpc)).extracting(g -> g.name()).containsOnly("default");
    }
    Result after = cli("plan");
    assertThat(after.code()).isZero();
    assertThat(after.out()).as("everything would be created again").contains("Plan: 34 to create");

    // Regression: idempotency keys were the same in the next apply, so a certificate request after a destroy
    // reused the deleted certificate's token (moto answered 500; AWS would have returned the deleted one).
    Result again = cli("apply");
    results.add(again);
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.err()).doesNotContain("retry ");
    Result last = cli("destroy", "--json");
    results.add(last);
    assertThat(last.code()).isZero();
    assertThat(results).as("every output of every run").allSatisfy(r -> {
      assertThat(r.out()).doesNotContain(canaries);
      assertThat(r.err()).doesNotContain(canaries);
    });
    assertThat(results.get(1).out()).as("the secrets are there, by reference")
        .contains("/cruddur/backend-flask/CONNECTION_URL");
  }

  /**
   * {@code secrets push} from an env file on moto: the first push creates the declared parameters, a second changes
   * nothing, a rotated value updates one; moto then holds each value (read back here with the raw SDK), and no
   * output ever shows one.
   */
  @Test
  void secretsArePushedFromAnEnvFileAndComparedWithoutShowingAValue(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    Moto.reset();
    java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
    for (String name : SECRETS) {
      values.put(name, "pushed-" + name.toLowerCase(java.util.Locale.ROOT) + "-" + java.util.UUID.randomUUID());
    }
    java.nio.file.Path env = dir.resolve(".env");
    StringBuilder text = new StringBuilder("# the app's secrets\nNOT_A_SECRET=plain\n");
    values.forEach((k, v) -> text.append(k).append("=\"").append(v).append("\"\n"));
    java.nio.file.Files.writeString(env, text);

    Result first = push(env);
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).contains("created   /cruddur/backend-flask/CONNECTION_URL (CONNECTION_URL)")
        .contains("ignored   NOT_A_SECRET: not secrets of the stack").contains("5 created, 0 updated, 0 unchanged");
    Result second = push(env);
    assertThat(second.out()).contains("0 created, 0 updated, 5 unchanged, 0 missing");
    assertThat(second.err()).containsPattern("aws api calls: \\d+ reads, 0 writes;");

    values.put("ROLLBAR_ACCESS_TOKEN", "rotated-" + java.util.UUID.randomUUID());
    java.nio.file.Files.writeString(env, "ROLLBAR_ACCESS_TOKEN=" + values.get("ROLLBAR_ACCESS_TOKEN") + "\n");
    Result third = push(env);
    assertThat(third.out()).contains("updated   /cruddur/backend-flask/ROLLBAR_ACCESS_TOKEN (ROLLBAR_ACCESS_TOKEN)")
        .contains("0 created, 1 updated, 0 unchanged, 4 missing");

    try (var ssm = software.amazon.awssdk.services.ssm.SsmClient.builder().endpointOverride(Moto.endpoint())
        .region(software.amazon.awssdk.regions.Region.US_EAST_1).build()) {
      for (String name : SECRETS) {
        var p = ssm.getParameter(b -> b.name("/cruddur/backend-flask/" + name).withDecryption(true)).parameter();
        assertThat(p.type()).isEqualTo(software.amazon.awssdk.services.ssm.model.ParameterType.SECURE_STRING);
        assertThat(p.value()).as(name).isEqualTo(values.get(name));
      }
    }
    for (Result r : java.util.List.of(first, second, third)) {
      assertThat(r.out() + r.err()).doesNotContain(values.values()).doesNotContain("plain");
    }
  }

  private Result push(java.nio.file.Path env) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine c = new CommandLine(new Main(compensation::wrap));
    c.setOut(new PrintWriter(out, true));
    c.setErr(new PrintWriter(err, true));
    int code = c.execute("secrets", "push", "--target", "aws", "--endpoint", Moto.endpoint().toString(), "--region",
        "us-east-1", "--env-file", env.toString(), "cruddur");
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void aSecondRunIsRefusedWhileTheStacksLeaseInAwsIsHeld() {
    try (AwsCloud cloud = Moto.cloud().build()) {
      var leases = new io.cruddur.lease.ParameterLeases(cloud.ssm());
      try (var held = leases.acquire("cruddur", io.cruddur.lease.LeaseOptions.defaults().withHolder("ci-runner-7"))) {
        Result r = cli("apply");
        assertThat(r.code()).as(r.err()).isEqualTo(Main.LEASED);
        assertThat(r.err()).contains("stack cruddur is locked by ci-runner-7 since " + held.holder().since())
            .contains("(pass --lease-wait 10m to wait for it)");
        assertThat(r.out()).as("nothing planned").isEmpty();
        assertThat(cloud.ecs().findCluster("cruddur")).as("nothing created").isEmpty();
      }
      assertThat(cloud.ssm().namesUnder("/cruddur/leases/cruddur")).as("released").isEmpty();
    }
  }
}
