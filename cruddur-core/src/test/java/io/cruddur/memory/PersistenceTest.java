package io.cruddur.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.Cruddur;
import io.cruddur.TestStacks;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
  @TempDir
  Path dir;

  @Test
  void separateRunsSeeTheSameCloud() throws Exception {
    Path file = dir.resolve("nested/state.json");
    InMemoryCloud first = TestStacks.withSecret(TestStacks.cloudBuilder().stateFile(file).build());
    assertThat(Cruddur.with(first).apply(TestStacks.shop()).succeeded()).isTrue();
    InMemoryCloud second = TestStacks.cloudBuilder().stateFile(file).build();
    assertThat(second.ecs().listServices("shop")).hasSize(2);
    assertThat(second.clock().now()).isEqualTo(first.clock().now());
    assertThat(Cruddur.with(second).plan(TestStacks.shop()).work()).isEmpty();
    assertThat(second.writes()).isEmpty();
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).as("no temp file is left behind")
          .containsExactly("state.json");
    }
  }

  @Test
  void scalingPoliciesKeepTheirMetricAndResourceLabelAcrossRuns() {
    Path file = dir.resolve("state.json");
    var shop = TestStacks.shop();
    var scaled = shop.toBuilder().services(java.util.List.of(io.cruddur.spec.Service.builder()
        .from(shop.service("api").orElseThrow()).autoScaling(a -> a.min(1).max(4).memoryPercent(70)
            .requestsPerTarget(500)).build(), shop.service("web").orElseThrow())).build();
    InMemoryCloud first = TestStacks.withSecret(TestStacks.cloudBuilder().stateFile(file).build());
    assertThat(Cruddur.with(first).apply(scaled).succeeded()).isTrue();
    InMemoryCloud second = TestStacks.cloudBuilder().stateFile(file).build();
    var read = second.autoScaling().listScalingPolicies("ecs", "service/shop/api", "ecs:service:DesiredCount");
    assertThat(read).isEqualTo(first.autoScaling().listScalingPolicies("ecs", "service/shop/api",
        "ecs:service:DesiredCount")).hasSize(2);
    assertThat(read).filteredOn(p -> p.name().endsWith("-requests")).singleElement()
        .satisfies(p -> assertThat(p.targetTracking().resourceLabel()).startsWith("app/shop-alb/"));
    assertThat(Cruddur.with(second).plan(scaled).work()).isEmpty();
  }

  /** Regression: ids came from one counter, so parallel applies gave different ids from run to run. */
  @Test
  void idsAreDeterministicUnderParallelApply() {
    java.util.Set<String> fingerprints = new java.util.HashSet<>();
    for (int run = 0; run < 5; run++) {
      InMemoryCloud cloud = TestStacks.cloud();
      Cruddur.with(cloud).apply(TestStacks.shop());
      String vpc = cloud.ec2().defaultVpc().orElseThrow().id();
      fingerprints.add(cloud.elb().listLoadBalancers() + "|" + cloud.elb().listTargetGroups() + "|"
          + cloud.ec2().listSecurityGroups(vpc) + "|" + cloud.route53().listHostedZones().stream()
              // The caller reference is new in every apply, by design (an idempotency key); the ids are not.
              .map(z -> new io.cruddur.port.Route53Port.HostedZone(z.id(), z.name(), z.nameServers(), z.tags(), "-"))
              .toList() + "|"
          + cloud.acm().listCertificates().stream().map(c -> c.arn()).toList() + "|"
          + cloud.serviceDiscovery().listNamespaces() + "|" + cloud.ecs().listServices("shop"));
    }
    assertThat(fingerprints).hasSize(1);
  }
}
