package io.cruddur.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.TestStacks;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every numeric rule at its edges: the lowest and highest value AWS accepts build, one beyond each is refused with
 * the field's path. (The rules' own tests show the typical mistakes; these show where each range ends.)
 */
class ValidationBoundariesTest {
  private static Consumer<Stack.Builder> api(Consumer<Service.Builder> change) {
    return ShopChanges.api(change);
  }

  private static AutoScaling scaling(int min, int max, int cpuPercent) {
    return AutoScaling.builder().min(min).max(max).cpuPercent(cpuPercent).build();
  }

  private static ContainerHealthCheck.Builder check() {
    return ContainerHealthCheck.builder().addCommand("CMD-SHELL", "true");
  }

  private static Consumer<Stack.Builder> change(String field, int n) {
    return switch (field) {
      case "port" -> api(s -> s.port(n));
      case "desiredCount" -> api(s -> s.desiredCount(n).autoScaling(java.util.Optional.empty()));
      case "minHealthyPercent" -> api(s -> s.minHealthyPercent(n));
      case "maxPercent" -> api(s -> s.maxPercent(n));
      case "deregistrationDelaySeconds" -> api(s -> s.deregistrationDelaySeconds(n));
      case "healthCheck.intervalSeconds" -> api(s -> s.healthCheck(h -> h.path("/health").intervalSeconds(n)
          .timeoutSeconds(2)));
      case "healthCheck.timeoutSeconds" -> api(s -> s.healthCheck(h -> h.path("/health").intervalSeconds(300)
          .timeoutSeconds(n)));
      case "healthCheck.healthyThreshold" -> api(s -> s.healthCheck(h -> h.path("/health").healthyThreshold(n)));
      case "healthCheck.unhealthyThreshold" -> api(s -> s.healthCheck(h -> h.path("/health").unhealthyThreshold(n)));
      case "containerHealthCheck.intervalSeconds" -> api(s -> s.containerHealthCheck(check().intervalSeconds(n)
          .build()));
      case "containerHealthCheck.timeoutSeconds" -> api(s -> s.containerHealthCheck(check().timeoutSeconds(n)
          .build()));
      case "containerHealthCheck.retries" -> api(s -> s.containerHealthCheck(check().retries(n).build()));
      case "containerHealthCheck.startPeriodSeconds" -> api(s -> s.containerHealthCheck(check()
          .startPeriodSeconds(n).build()));
      case "autoScaling.min" -> api(s -> s.desiredCount(Math.max(n, 0)).autoScaling(scaling(n, 10, 50)));
      case "autoScaling.max" -> api(s -> s.desiredCount(1).autoScaling(scaling(1, n, 50)));
      case "autoScaling.cpuPercent" -> api(s -> s.autoScaling(scaling(1, 2, n)));
      case "autoScaling.memoryPercent" -> api(s -> s.autoScaling(a -> a.min(1).max(2).memoryPercent(n)));
      case "autoScaling.scaleOutCooldownSeconds" -> api(s -> s.autoScaling(
          AutoScaling.builder().min(1).max(2).cpuPercent(50).scaleOutCooldownSeconds(n).build()));
      case "routes[0].priority" -> api(s -> s.routes(List.of(Route.builder().host("api.shop.example.org")
          .priority(n).build())));
      case "logGroup.retentionDays" -> b -> b.logGroup(l -> l.name("shop").retentionDays(n));
      case "ingress[0].port" -> b -> b.securityGroup(g -> g.name("db").ingress(i -> i.port(n).toPort(65535)
          .cidr("10.0.0.0/8")));
      case "ingress[0].toPort" -> b -> b.securityGroup(g -> g.name("db").ingress(i -> i.port(0).toPort(n)
          .cidr("10.0.0.0/8")));
      default -> throw new IllegalArgumentException(field);
    };
  }

  private static List<String> paths(Consumer<Stack.Builder> change) {
    return ShopChanges.paths(change);
  }

  @ParameterizedTest(name = "{0}: {1}..{2}")
  @CsvSource({
      "port, 1, 65535, services[api].port",
      "desiredCount, 0, 5000, services[api].desiredCount",
      "minHealthyPercent, 0, 100, services[api].minHealthyPercent",
      "maxPercent, 100, 200, services[api].maxPercent",
      "deregistrationDelaySeconds, 0, 3600, services[api].deregistrationDelaySeconds",
      "healthCheck.intervalSeconds, 5, 300, services[api].healthCheck.intervalSeconds",
      "healthCheck.timeoutSeconds, 2, 120, services[api].healthCheck.timeoutSeconds",
      "healthCheck.healthyThreshold, 2, 10, services[api].healthCheck.healthyThreshold",
      "healthCheck.unhealthyThreshold, 2, 10, services[api].healthCheck.unhealthyThreshold",
      "containerHealthCheck.intervalSeconds, 5, 300, services[api].containerHealthCheck.intervalSeconds",
      "containerHealthCheck.timeoutSeconds, 2, 60, services[api].containerHealthCheck.timeoutSeconds",
      "containerHealthCheck.retries, 1, 10, services[api].containerHealthCheck.retries",
      "containerHealthCheck.startPeriodSeconds, 0, 300, services[api].containerHealthCheck.startPeriodSeconds",
      "autoScaling.max, 1, 5000, services[api].autoScaling.max",
      "autoScaling.cpuPercent, 1, 100, services[api].autoScaling.cpuPercent",
      "autoScaling.memoryPercent, 1, 100, services[api].autoScaling.memoryPercent",
      "routes[0].priority, 1, 50000, services[api].routes[0].priority",
      "ingress[0].port, 0, 65535, securityGroups[db].ingress[0].port",
      "ingress[0].toPort, 0, 65535, securityGroups[db].ingress[0].toPort"})
  void theLowestAndHighestValuesBuildAndOneBeyondIsRefused(String field, int lowest, int highest, String path) {
    assertThat(paths(change(field, lowest))).as("%s = %d", field, lowest).isEmpty();
    assertThat(paths(change(field, highest))).as("%s = %d", field, highest).isEmpty();
    assertThat(paths(change(field, lowest - 1))).as("%s = %d", field, lowest - 1).contains(path);
    assertThat(paths(change(field, highest + 1))).as("%s = %d", field, highest + 1).contains(path);
  }

  @Test
  void cooldownsAndAutoScalingMinimumMayBeZeroButNotNegative() {
    assertThat(paths(change("autoScaling.scaleOutCooldownSeconds", 0))).isEmpty();
    assertThat(paths(change("autoScaling.scaleOutCooldownSeconds", -1))).isNotEmpty();
    assertThat(paths(change("autoScaling.min", 0))).isEmpty();
    assertThat(paths(change("autoScaling.min", -1))).contains("services[api].autoScaling.min");
  }

  @Test
  void theDesiredCountMustLieWithinTheAutoScalingRange() {
    assertThat(paths(api(s -> s.desiredCount(2).autoScaling(scaling(2, 4, 50))))).isEmpty();
    assertThat(paths(api(s -> s.desiredCount(4).autoScaling(scaling(2, 4, 50))))).isEmpty();
    assertThat(paths(api(s -> s.desiredCount(1).autoScaling(scaling(2, 4, 50)))))
        .containsExactly("services[api].autoScaling");
    assertThat(paths(api(s -> s.desiredCount(5).autoScaling(scaling(2, 4, 50)))))
        .containsExactly("services[api].autoScaling");
    assertThat(paths(api(s -> s.desiredCount(3).autoScaling(scaling(3, 3, 50))))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "200|valid", "499|valid", "200,202,204|valid", "200-299|valid", "200-499|valid", "250-250|valid",
      "199|refused", "500|refused", "200,500|refused", "199-299|refused", "200-500|refused", "300-200|refused",
      "2000|refused", "200-|refused", "ok|refused"})
  void healthCheckMatchersAreCodes200To499(String matcher, String expected) {
    List<String> p = paths(api(s -> s.healthCheck(h -> h.path("/health").matcher(matcher))));
    assertThat(p).isEqualTo(expected.equals("valid") ? List.of() : List.of("services[api].healthCheck.matcher"));
  }

  @ParameterizedTest(name = "cpu {0}")
  @CsvSource(delimiter = '|', value = {
      "256|100|100 MiB is not valid with 256 CPU units (512, 1024 or 2048 MiB)",
      "512|100|100 MiB is not valid with 512 CPU units (1024-4096 MiB in steps of 1024)",
      "4096|100|100 MiB is not valid with 4096 CPU units (8192-30720 MiB in steps of 1024)",
      "16384|100|100 MiB is not valid with 16384 CPU units (32768-122880 MiB in steps of 8192)"})
  void aMemoryThatDoesNotFitItsCpuSaysWhichDo(int cpu, int memory, String message) {
    Stack.Builder b = TestStacks.shop().toBuilder();
    api(s -> s.cpu(cpu).memoryMib(memory)).accept(b);
    try {
      b.build();
      throw new AssertionError("built");
    } catch (InvalidSpecException e) {
      assertThat(e.problems()).containsExactly(new Problem("services[api].memoryMib", message));
    }
  }

  @Test
  void derivedPrioritiesAreStableBandedAndDifferPerRoute() {
    Route hostAndPath = Route.builder().host("api.shop.example.org").addPathPattern("/v1/*").build();
    Route pathOnly = Route.builder().addPathPattern("/v1/*").build();
    Route hostOnly = Route.builder().host("api.shop.example.org").build();
    assertThat(hostAndPath.derivedPriority()).isBetween(1000, 10999);
    assertThat(pathOnly.derivedPriority()).isBetween(11000, 20999);
    assertThat(hostOnly.derivedPriority()).isBetween(21000, 30999);
    assertThat(Route.builder().host("api.shop.example.org").build().derivedPriority())
        .as("the same route, the same number").isEqualTo(hostOnly.derivedPriority());
    assertThat(Route.builder().host("www.shop.example.org").build().derivedPriority())
        .isNotEqualTo(hostOnly.derivedPriority());
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(hostOnly.key().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(hostOnly.derivedPriority()).isEqualTo(21000 + (int) (crc.getValue() % 10000));
    assertThat(hostOnly.key()).isNotEmpty().isNotEqualTo(hostAndPath.key());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "0.0.0.0/0|valid", "255.255.255.255/32|valid", "10.0.0.0/8|valid", "10.0.0.0/33|refused",
      "256.0.0.0/8|refused", "10.256.0.0/16|refused", "10.0.256.0/24|refused", "10.0.0.256/32|refused",
      "10.0.0.0|refused", "10.0.0/8|refused"})
  void ingressCidrsAreIpv4Blocks(String cidr, String expected) {
    List<String> p = paths(b -> b.securityGroup(g -> g.name("db").ingress(i -> i.port(5432).cidr(cidr))));
    assertThat(p).isEqualTo(expected.equals("valid") ? List.of() : List.of("securityGroups[db].ingress[0].cidr"));
  }

  @Test
  void tagKeysAndValuesEndAt128And256Characters() {
    assertThat(paths(b -> b.tag("k".repeat(128), "v".repeat(256)))).isEmpty();
    assertThat(paths(b -> b.tag("k".repeat(129), "v"))).containsExactly("tags[" + "k".repeat(129) + "]");
    assertThat(paths(b -> b.tag("k", "v".repeat(257)))).containsExactly("tags[k]");
    assertThat(paths(b -> b.tag("", "v"))).containsExactly("tags[]");
  }

  @Test
  void repositoryNamesAre2To256Characters() {
    assertThat(paths(b -> b.repository("ab"))).isEmpty();
    assertThat(paths(b -> b.repository("a".repeat(256)))).isEmpty();
    assertThat(paths(b -> b.repository("a"))).containsExactly("repositories[a].name");
    assertThat(paths(b -> b.repository("a".repeat(257)))).containsExactly("repositories[" + "a".repeat(257)
        + "].name");
  }
}
