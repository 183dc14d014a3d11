package io.cruddur.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every default a spec documents, as a value: the plan and the AWS calls follow from these. */
class SpecDefaultsTest {
  @Test
  void aServiceDeploysOneTaskSafelyByDefault() {
    Service s = Service.builder().name("api").image(Image.ecr("api")).build();
    assertThat(s.desiredCount()).isEqualTo(1);
    assertThat(s.assignPublicIp()).as("default VPC without NAT").isTrue();
    assertThat(s.serviceConnect()).isTrue();
    assertThat(s.executeCommand()).isFalse();
    assertThat(s.circuitBreaker()).isTrue();
    assertThat(s.rollback()).isTrue();
    assertThat(s.minHealthyPercent()).isEqualTo(100);
    assertThat(s.maxPercent()).isEqualTo(200);
    assertThat(s.cpu()).isEqualTo(256);
    assertThat(s.memoryMib()).isEqualTo(512);
    assertThat(s.appProtocol()).isEqualTo("http");
    assertThat(s.portName()).isEqualTo("api");
  }

  @Test
  void aSidecarIsASmallNonEssentialUdpContainer() {
    Sidecar x = Sidecar.builder().name("proxy").image(Image.of("nginx:1")).build();
    assertThat(x.cpu()).isZero();
    assertThat(x.memoryReservationMib()).isEqualTo(32);
    assertThat(x.essential()).isFalse();
    assertThat(x.protocol()).isEqualTo("udp");
    assertThat(x.xrayDaemon()).isFalse();
    assertThat(Sidecar.xray().xrayDaemon()).isTrue();
  }

  @Test
  void aRepositoryIsScannedMutableAndKeptWithItsImages() {
    Repository r = Repository.named("api");
    assertThat(r.immutableTags()).isFalse();
    assertThat(r.scanOnPush()).isTrue();
    assertThat(r.forceDelete()).isFalse();
  }

  @Test
  void aStackDerivesItsRegionClusterLogGroupAndRoles() {
    Stack s = Stack.builder().name("shop").build();
    assertThat(s.region()).isEqualTo("us-east-1");
    assertThat(s.cluster().name()).isEqualTo("shop");
    assertThat(s.logGroup().name()).isEqualTo("/ecs/shop");
    assertThat(s.executionRoleName()).isEqualTo("shop-execution-role");
    assertThat(s.taskRoleName()).isEqualTo("shop-task-role");
    assertThat(s.toBuilder().executionRole(Role.builder().name("mine").build()).build().executionRoleName())
        .isEqualTo("mine");
    assertThat(s.toBuilder().taskRole(Role.builder().name("theirs").build()).build().taskRoleName())
        .isEqualTo("theirs");
  }

  @Test
  void aDomainMakesItsZone() {
    assertThat(Domain.builder().name("shop.example.org").build().createZone()).isTrue();
  }

  @Test
  void secretsAreEqualByReferenceAndNameAnArnInTheStacksAccount() {
    Secret a = Secret.ssm("/shop/DB_URL");
    assertThat(a).isEqualTo(Secret.ssm("/shop/DB_URL")).hasSameHashCodeAs(Secret.ssm("/shop/DB_URL"))
        .isNotEqualTo(Secret.ssm("/shop/OTHER")).isNotEqualTo("/shop/DB_URL");
    assertThat(a.hashCode()).isNotEqualTo(Secret.ssm("/shop/OTHER").hashCode());
    assertThat(a.isArn()).isFalse();
    assertThat(a.arn("aws", "eu-west-1", "123456789012").toString())
        .isEqualTo("arn:aws:ssm:eu-west-1:123456789012:parameter/shop/DB_URL");
    assertThat(Secret.ssm("DB_URL").arn("aws", "eu-west-1", "123456789012").toString())
        .isEqualTo("arn:aws:ssm:eu-west-1:123456789012:parameter/DB_URL");
    Secret arn = Secret.ssm("arn:aws:ssm:us-east-1:210987654321:parameter/x");
    assertThat(arn.isArn()).isTrue();
    assertThat(arn.arn("aws", "eu-west-1", "123456789012").toString())
        .as("an ARN stays as it is").isEqualTo("arn:aws:ssm:us-east-1:210987654321:parameter/x");
  }
}
