package io.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.aws.AwsCloud;
import io.cruddur.aws.Moto;
import io.cruddur.aws.MotoCompensation;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
@ExtendWith(Moto.class)
class AwsEndToEndTest {
  record Result(int code, String out, String err) {}

  private static final String ACCESS_KEY = "aws.accessKeyId";
  private static final String SECRET_KEY = "aws.secretAccessKey";
  private String accessKeyBefore;
  private String secretKeyBefore;
  /** One memory of what moto drops, for every command of the test (each builds its own AwsCloud). */
  private MotoCompensation compensation;

  @BeforeEach
  void useMoto() {
    accessKeyBefore = System.setProperty(ACCESS_KEY, "testing");
    secretKeyBefore = System.setProperty(SECRET_KEY, "testing");
    compensation = new MotoCompensation();
  }

  @AfterEach
  void restore() {
    restore(ACCESS_KEY, accessKeyBefore);
    restore(SECRET_KEY, secretKeyBefore);
  }

  private static void restore(String key, String before) {
    if (before == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, before);
    }
  }

  private Result cli(String command) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine c = new CommandLine(new Main(compensation::wrap));
    c.setOut(new PrintWriter(out, true));
    c.setErr(new PrintWriter(err, true));
    var args = new java.util.ArrayList<>(java.util.List.of(command, "--target", "aws", "--endpoint",
        Moto.endpoint().toString(), "--region", "us-east-1", "cruddur"));
    if (!command.equals("plan")) {
      args.add(1, "--yes");
    }
    int code = c.execute(args.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void applyReapplyDestroy() {
    Result first = cli("apply");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).contains("Plan: 34 to create");
    assertThat(first.err()).containsPattern("aws api calls: \\d+ reads, [1-9]\\d* writes");
    assertThat(first.err()).as("the services were awaited").doesNotContain("not waiting for service stable");

    Result second = cli("apply");
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.out()).contains("Plan: 0 to create, 0 to update, 0 to replace, 0 to delete, 34 unchanged");
    assertThat(second.err()).containsPattern("aws api calls: \\d+ reads, 0 writes; [3-9] on the stack's lease");

    Result destroy = cli("destroy");
    assertThat(destroy.code()).as(destroy.err()).isZero();
    try (AwsCloud cloud = Moto.cloud().build()) {
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
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.err()).doesNotContain("retry ");
    assertThat(cli("destroy").code()).isZero();
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
