package io.cruddur.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.Cruddur;
import io.cruddur.TestStacks;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.plan.Plan;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Arbitrary input never escapes validation as an unexpected exception: any change of any field of the shop, with
 * any string or number (nulls included), either builds and plans, or is refused at {@code build()} with an
 * {@link InvalidSpecException} whose every problem names its path.
 */
class ValidationPropertiesTest {
  /** One change of one field, shown by name in a failing example. */
  record Change(String field, Consumer<Stack.Builder> apply) {
    @Override
    public String toString() {
      return field;
    }
  }

  private static Consumer<Stack.Builder> api(Consumer<Service.Builder> change) {
    return ShopChanges.api(change);
  }

  private static Arbitrary<String> strings() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(80),
        Arbitraries.strings().withChars("abcXYZ019-_./*:@{} ").ofMaxLength(300),
        Arbitraries.of("", " ", "shop", "api", "web", "*.shop.example.org", "shop.example.org", "/health",
            "api.shop.example.org", "arn:aws:ssm:us-east-1:123456789012:parameter/x", "subnet-0a1b2c3d"),
        Arbitraries.just(null));
  }

  private static Arbitrary<Integer> numbers() {
    return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.integers().between(-2, 70000),
        Arbitraries.of(0, 1, 2, 5, 10, 100, 256, 300, 512, 1024, 3600, 65535, 65536, Integer.MIN_VALUE,
            Integer.MAX_VALUE));
  }

  @Provide
  Arbitrary<Change> changes() {
    Arbitrary<Change> text = Combinators.combine(Arbitraries.of(
        "name", "region", "tag key", "tag value", "repository", "cluster", "namespace", "log group",
        "service name", "image repository", "image tag", "port name", "app protocol", "propagateTags",
        "environment name", "environment value", "secret name", "secret reference", "health path", "matcher",
        "route host", "path pattern", "load balancer", "default service", "ssl policy", "subnet", "domain",
        "certificate name", "alias", "security group", "ingress cidr", "ingress from group", "execution role",
        "managed policy", "inline policy", "sidecar name"), strings()).as(ValidationPropertiesTest::text);
    Arbitrary<Change> number = Combinators.combine(Arbitraries.of(
        "cpu", "memory", "port", "desired count", "min healthy", "max percent", "deregistration delay",
        "health interval", "health timeout", "healthy threshold", "unhealthy threshold", "route priority",
        "retention", "auto scaling min", "auto scaling max", "auto scaling cpu", "auto scaling memory",
        "auto scaling requests", "ingress port", "container health interval", "container health retries"),
        numbers()).as(ValidationPropertiesTest::number);
    return Arbitraries.oneOf(text, number);
  }

  private static Change text(String field, String v) {
    Consumer<Stack.Builder> c = switch (field) {
      case "name" -> b -> b.name(v);
      case "region" -> b -> b.region(v);
      case "tag key" -> b -> b.putTag(v, "x");
      case "tag value" -> b -> b.putTag("k", v);
      case "repository" -> b -> b.repository(r -> r.name(v));
      case "cluster" -> b -> b.cluster(k -> k.name(v));
      case "namespace" -> b -> b.cluster(k -> k.name("shop").serviceConnectNamespace(v));
      case "log group" -> b -> b.logGroup(l -> l.name(v).retentionDays(1));
      case "service name" -> api(s -> s.name(v));
      case "image repository" -> api(s -> s.image(Image.ecr(v)));
      case "image tag" -> api(s -> s.image(Image.ecr("api", v)));
      case "port name" -> api(s -> s.portName(v));
      case "app protocol" -> api(s -> s.appProtocol(v));
      case "propagateTags" -> api(s -> s.propagateTags(v));
      case "environment name" -> api(s -> s.putEnvironment(v, "x"));
      case "environment value" -> api(s -> s.putEnvironment("X", v));
      case "secret name" -> api(s -> s.putSecret(v, Secret.ssm("/shop/x")));
      case "secret reference" -> api(s -> s.putSecret("X", Secret.ssm(v)));
      case "health path" -> api(s -> s.healthCheck(h -> h.path(v)));
      case "matcher" -> api(s -> s.healthCheck(h -> h.path("/health").matcher(v)));
      case "route host" -> api(s -> s.routes(List.of(Route.builder().host(v).build())));
      case "path pattern" -> api(s -> s.routes(List.of(Route.builder().host("api.shop.example.org")
          .addPathPattern(v).build())));
      case "load balancer" -> b -> b.loadBalancer(lb -> lb.name(v).defaultService("web"));
      case "default service" -> b -> b.loadBalancer(lb -> lb.name("shop-alb").defaultService(v));
      case "ssl policy" -> b -> b.loadBalancer(lb -> lb.name("shop-alb").defaultService("web").sslPolicy(v));
      case "subnet" -> api(s -> s.addSubnet(v));
      case "domain" -> b -> b.domain(d -> d.name(v).certificateFor("*." + v));
      case "certificate name" -> b -> b.domain(d -> d.name("shop.example.org").certificateFor("*.shop.example.org")
          .addSubjectAlternativeName(v));
      case "alias" -> b -> b.domain(d -> d.name("shop.example.org").certificateFor("*.shop.example.org")
          .addAlias(v));
      case "security group" -> b -> b.securityGroup(g -> g.name(v));
      case "ingress cidr" -> b -> b.securityGroup(g -> g.name("db").addIngress(Ingress.builder().port(5432).cidr(v)
          .build()));
      case "ingress from group" -> b -> b.securityGroup(g -> g.name("db").addIngress(Ingress.builder().port(5432)
          .fromGroup(v).build()));
      case "execution role" -> b -> b.executionRole(Role.builder().name(v).build());
      case "managed policy" -> b -> b.taskRole(Role.builder().name("t").addManagedPolicyArn(v).build());
      case "inline policy" -> b -> b.taskRole(Role.builder().name("t").putInlinePolicy("p", v).build());
      case "sidecar name" -> api(s -> s.sidecars(List.of(Sidecar.builder().name(v).image(Image.of("nginx:1"))
          .build())));
      default -> throw new IllegalArgumentException(field);
    };
    return new Change(field + " = " + (v == null ? "null" : "\"" + v + "\""), c);
  }

  private static Change number(String field, int n) {
    Consumer<Stack.Builder> c = switch (field) {
      case "cpu" -> api(s -> s.cpu(n));
      case "memory" -> api(s -> s.memoryMib(n));
      case "port" -> api(s -> s.port(n));
      case "desired count" -> api(s -> s.desiredCount(n));
      case "min healthy" -> api(s -> s.minHealthyPercent(n));
      case "max percent" -> api(s -> s.maxPercent(n));
      case "deregistration delay" -> api(s -> s.deregistrationDelaySeconds(n));
      case "health interval" -> api(s -> s.healthCheck(h -> h.path("/health").intervalSeconds(n)));
      case "health timeout" -> api(s -> s.healthCheck(h -> h.path("/health").timeoutSeconds(n)));
      case "healthy threshold" -> api(s -> s.healthCheck(h -> h.path("/health").healthyThreshold(n)));
      case "unhealthy threshold" -> api(s -> s.healthCheck(h -> h.path("/health").unhealthyThreshold(n)));
      case "route priority" -> api(s -> s.routes(List.of(Route.builder().host("api.shop.example.org").priority(n)
          .build())));
      case "retention" -> b -> b.logGroup(l -> l.name("shop").retentionDays(n));
      case "auto scaling min" -> api(s -> s.autoScaling(n, 4, 50));
      case "auto scaling max" -> api(s -> s.autoScaling(1, n, 50));
      case "auto scaling cpu" -> api(s -> s.autoScaling(1, 4, n));
      case "auto scaling memory" -> api(s -> s.autoScaling(a -> a.min(1).max(4).memoryPercent(n)));
      case "auto scaling requests" -> api(s -> s.autoScaling(a -> a.min(1).max(4).requestsPerTarget(n)));
      case "ingress port" -> b -> b.securityGroup(g -> g.name("db").addIngress(Ingress.builder().port(n)
          .cidr("10.0.0.0/8").build()));
      case "container health interval" -> api(s -> s.containerHealthCheck(ContainerHealthCheck.builder()
          .addCommand("CMD", "true").intervalSeconds(n).build()));
      case "container health retries" -> api(s -> s.containerHealthCheck(ContainerHealthCheck.builder()
          .addCommand("CMD", "true").retries(n).build()));
      default -> throw new IllegalArgumentException(field);
    };
    return new Change(field + " = " + n, c);
  }

  @Provide
  Arbitrary<List<Change>> someChanges() {
    return changes().list().ofMinSize(1).ofMaxSize(4);
  }

  @Property(tries = 500)
  void anyChangeBuildsAndPlansOrIsRefusedWithPaths(@ForAll("someChanges") List<Change> changes) {
    Stack.Builder b = TestStacks.shop().toBuilder();
    Stack stack;
    try {
      changes.forEach(c -> c.apply().accept(b));
      stack = b.build();
    } catch (InvalidSpecException e) {
      assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
        assertThat(p.path()).isNotBlank();
        assertThat(p.message()).isNotBlank();
      });
      return;
    }
    // A spec that builds must also plan without an unexpected exception (problems are fine: the region, say).
    Plan plan = Cruddur.with(InMemoryCloud.builder().region(stack.region()).build()).plan(stack);
    assertThat(plan.steps()).isNotEmpty();
  }
}
