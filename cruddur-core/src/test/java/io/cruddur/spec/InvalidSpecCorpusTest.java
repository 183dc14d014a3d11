package io.cruddur.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cruddur.Cruddur;
import io.cruddur.TestStacks;
import io.cruddur.memory.InMemoryCloud;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of invalid specs, each one mistake (or a few) a user could make in the reference shop stack. Each must be
 * refused at {@code build()} with one {@link InvalidSpecException} that lists exactly the expected paths, each
 * with the rule it breaks, before any cloud call.
 */
class InvalidSpecCorpusTest {
  /** One invalid spec: what is wrong, how the shop is changed, and the paths expected (in report order). */
  record Case(String name, Consumer<Stack.Builder> change, List<String> paths) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case c(String name, Consumer<Stack.Builder> change, String... paths) {
    return new Case(name, change, List.of(paths));
  }

  private static Consumer<Stack.Builder> api(Consumer<Service.Builder> change) {
    return ShopChanges.api(change);
  }

  /** The shop with its api service's route changed. */
  private static Consumer<Stack.Builder> apiRoute(Consumer<Route.Builder> change) {
    return api(s -> {
      Route.Builder r = Route.builder().from(TestStacks.shop().service("api").orElseThrow().routes().get(0));
      change.accept(r);
      s.routes(List.of(r.build()));
    });
  }

  private static Consumer<Stack.Builder> apiHealth(Consumer<HealthCheck.Builder> change) {
    return api(s -> s.healthCheck(change));
  }

  private static Consumer<Stack.Builder> group(Consumer<Ingress.Builder> ingress) {
    return b -> b.securityGroup(g -> {
      Ingress.Builder i = Ingress.builder();
      ingress.accept(i);
      g.name("db").addIngress(i.build());
    });
  }

  static Stream<Case> corpus() {
    List<Case> all = new ArrayList<>();
    // The stack itself
    all.add(c("name with a space", b -> b.name("my shop"), "name"));
    all.add(c("name starting with a digit", b -> b.name("9shop"), "name"));
    all.add(c("empty name", b -> b.name(""), "name"));
    all.add(c("name too long", b -> b.name("s".repeat(40)), "name"));
    all.add(c("null name", b -> b.name(null), "name"));
    all.add(c("unknown region", b -> b.region("mars-1"), "region"));
    all.add(c("region with capitals", b -> b.region("US-EAST-1"), "region"));
    all.add(c("null region", b -> b.region(null), "region"));
    all.add(c("tag value with braces", b -> b.tag("team", "a{b}"), "tags[team]"));
    all.add(c("tag key with #", b -> b.tag("x#y", "v"), "tags[x#y]"));
    all.add(c("tag key reserved by AWS", b -> b.tag("aws:owner", "me"), "tags[aws:owner]"));
    all.add(c("tag key set by Cruddur", b -> b.tag(Stack.OWNER_TAG, "other"), "tags[cruddur:stack]"));
    all.add(c("tag value too long", b -> b.tag("note", "n".repeat(257)), "tags[note]"));
    all.add(c("tag key too long", b -> b.tag("k".repeat(129), "v"), "tags[" + "k".repeat(129) + "]"));
    all.add(c("null tag value", b -> b.putTag("team", null), "tags[team]"));
    all.add(c("50 tags plus Cruddur's own", b -> {
      for (int i = 0; i < 50; i++) {
        b.tag("t" + i, "v");
      }
    }, "tags"));
    // Cluster, log group, repositories
    all.add(c("cluster name with a space", b -> b.cluster(k -> k.name("bad cluster")), "cluster.name"));
    all.add(c("cluster name too long", b -> b.cluster(k -> k.name("c".repeat(256))), "cluster.name"));
    all.add(c("namespace with a space", b -> b.cluster(k -> k.name("shop").serviceConnectNamespace("a b")),
        "cluster.serviceConnectNamespace"));
    for (int days : new int[] {0, 2, 4, 366, 4000, -1}) {
      all.add(c("log retention of " + days + " days", b -> b.logGroup(l -> l.name("shop").retentionDays(days)),
          "logGroup.retentionDays"));
    }
    all.add(c("log group name with a space", b -> b.logGroup(l -> l.name("my logs").retentionDays(1)),
        "logGroup.name"));
    all.add(c("repository name with capitals", b -> b.repository("API"), "repositories[API].name"));
    all.add(c("repository name of one character", b -> b.repository("a"), "repositories[a].name"));
    all.add(c("repository declared twice", b -> b.repository("api"), "repositories[api]"));
    all.add(c("repository name with a space", b -> b.repository("my repo"), "repositories[my repo].name"));
    // Services
    all.add(c("service cpu not a Fargate size", api(s -> s.cpu(300)), "services[api].cpu"));
    all.add(c("service memory not allowed for its cpu", api(s -> s.memoryMib(4096)), "services[api].memoryMib"));
    all.add(c("service memory too small", api(s -> s.memoryMib(256)), "services[api].memoryMib"));
    for (int port : new int[] {0, -1, 65536, 70000}) {
      all.add(c("service port " + port, api(s -> s.port(port)), "services[api].port"));
    }
    all.add(c("negative desired count", api(s -> s.desiredCount(-1)), "services[api].desiredCount"));
    all.add(c("image in an undeclared repository", api(s -> s.image(Image.ecr("nope"))), "services[api].image"));
    all.add(c("null image", api(s -> s.image(null)), "services[api].image"));
    all.add(c("service name with a space", b -> b.services(List.of(Service.builder()
        .from(TestStacks.shop().service("web").orElseThrow()).name("my web").build())).loadBalancer(lb ->
        lb.name("shop-alb").defaultService("my web")), "services[my web].name"));
    all.add(c("two services of one name", b -> b.addService(s -> s.name("api").image(Image.ecr("web")).port(80)
        .route(r -> r.host("x.shop.example.org"))), "services[api]"));
    all.add(c("environment variable named like a secret", api(s -> s.putEnvironment("DB_URL", "x")),
        "services[api].environment[DB_URL]"));
    all.add(c("environment variable starting with a digit", api(s -> s.putEnvironment("1BAD", "y")),
        "services[api].environment[1BAD]"));
    all.add(c("secret in Secrets Manager", api(s -> s.putSecret("X",
        Secret.ssm("arn:aws:secretsmanager:us-east-1:123456789012:secret:db"))), "services[api].secrets[X]"));
    all.add(c("secret name with a space", api(s -> s.putSecret("X", Secret.ssm("/bad name/x"))),
        "services[api].secrets[X]"));
    all.add(c("secret name with an empty level", api(s -> s.putSecret("X", Secret.ssm("/shop//x"))),
        "services[api].secrets[X]"));
    all.add(c("secret ARN with a short account", api(s -> s.putSecret("X",
        Secret.ssm("arn:aws:ssm:us-east-1:12345:parameter/x"))), "services[api].secrets[X]"));
    all.add(c("propagateTags not an ECS value", api(s -> s.propagateTags("ALL")), "services[api].propagateTags"));
    all.add(c("minimum healthy percent above 100", api(s -> s.minHealthyPercent(150)),
        "services[api].minHealthyPercent"));
    all.add(c("maximum percent below 100", api(s -> s.maxPercent(50)), "services[api].maxPercent"));
    all.add(c("deregistration delay above 3600", api(s -> s.deregistrationDelaySeconds(4000)),
        "services[api].deregistrationDelaySeconds"));
    all.add(c("negative deregistration delay", api(s -> s.deregistrationDelaySeconds(-5)),
        "services[api].deregistrationDelaySeconds"));
    all.add(c("app protocol not http, http2 or grpc", api(s -> s.appProtocol("ftp")), "services[api].appProtocol"));
    all.add(c("port name with a space", api(s -> s.portName("my port")), "services[api].portName"));
    all.add(c("auto scaling minimum above its maximum", api(s -> s.autoScaling(5, 2, 50)),
        "services[api].autoScaling.max", "services[api].autoScaling"));
    all.add(c("auto scaling target of 0 %", api(s -> s.autoScaling(1, 2, 0)), "services[api].autoScaling.cpuPercent"));
    all.add(c("auto scaling target above 100 %", api(s -> s.autoScaling(1, 2, 150)),
        "services[api].autoScaling.cpuPercent"));
    all.add(c("auto scaling on no metric", api(s -> s.autoScaling(a -> a.min(1).max(2))),
        "services[api].autoScaling"));
    all.add(c("auto scaling memory target of 0 %", api(s -> s.autoScaling(a -> a.min(1).max(2).memoryPercent(0))),
        "services[api].autoScaling.memoryPercent"));
    all.add(c("auto scaling memory target above 100 %", api(s -> s.autoScaling(a -> a.min(1).max(2)
        .memoryPercent(101))), "services[api].autoScaling.memoryPercent"));
    all.add(c("auto scaling on 0 requests per target", api(s -> s.autoScaling(a -> a.min(1).max(2)
        .requestsPerTarget(0))), "services[api].autoScaling.requestsPerTarget"));
    all.add(c("auto scaling on requests of a service without a route", api(s -> s.routes(List.of())
        .autoScaling(a -> a.min(1).max(2).requestsPerTarget(500))), "services[api].autoScaling.requestsPerTarget"));
    all.add(c("auto scaling on every metric, each out of range", api(s -> s.autoScaling(a -> a.min(1).max(2)
        .cpuPercent(0).memoryPercent(200).requestsPerTarget(-1))), "services[api].autoScaling.cpuPercent",
        "services[api].autoScaling.memoryPercent", "services[api].autoScaling.requestsPerTarget"));
    all.add(c("undeclared security group", api(s -> s.addSecurityGroup("ghost")), "services[api].securityGroups"));
    all.add(c("subnet id that is not one", api(s -> s.addSubnet("net-1")), "services[api].subnets"));
    // Health checks
    all.add(c("health check path without a slash", apiHealth(h -> h.path("health")), "services[api].healthCheck.path"));
    all.add(c("health check interval of 4 s", apiHealth(h -> h.path("/health").intervalSeconds(4)),
        "services[api].healthCheck.intervalSeconds", "services[api].healthCheck.timeoutSeconds"));
    all.add(c("health check interval above 300 s", apiHealth(h -> h.path("/health").intervalSeconds(301)),
        "services[api].healthCheck.intervalSeconds"));
    all.add(c("health check timeout not below its interval", apiHealth(h -> h.path("/health").intervalSeconds(10)
        .timeoutSeconds(10)), "services[api].healthCheck.timeoutSeconds"));
    all.add(c("health check timeout of 1 s", apiHealth(h -> h.path("/health").timeoutSeconds(1)),
        "services[api].healthCheck.timeoutSeconds"));
    all.add(c("healthy threshold of 1", apiHealth(h -> h.path("/health").healthyThreshold(1)),
        "services[api].healthCheck.healthyThreshold"));
    all.add(c("unhealthy threshold of 11", apiHealth(h -> h.path("/health").unhealthyThreshold(11)),
        "services[api].healthCheck.unhealthyThreshold"));
    all.add(c("health check matcher not a code", apiHealth(h -> h.path("/health").matcher("ok")),
        "services[api].healthCheck.matcher"));
    all.add(c("health check matcher code 600", apiHealth(h -> h.path("/health").matcher("600")),
        "services[api].healthCheck.matcher"));
    all.add(c("container health check without a command", api(s -> s.containerHealthCheck(ContainerHealthCheck
        .builder().build())), "services[api].containerHealthCheck.command"));
    all.add(c("container health check interval of 2 s", api(s -> s.containerHealthCheck(ContainerHealthCheck
        .builder().addCommand("CMD", "true").intervalSeconds(2).build())),
        "services[api].containerHealthCheck.intervalSeconds"));
    all.add(c("container health check timeout of 61 s", api(s -> s.containerHealthCheck(ContainerHealthCheck
        .builder().addCommand("CMD", "true").timeoutSeconds(61).build())),
        "services[api].containerHealthCheck.timeoutSeconds"));
    all.add(c("container health check with 11 retries", api(s -> s.containerHealthCheck(ContainerHealthCheck
        .builder().addCommand("CMD", "true").retries(11).build())), "services[api].containerHealthCheck.retries"));
    all.add(c("container health check start period above 300 s", api(s -> s.containerHealthCheck(
        ContainerHealthCheck.builder().addCommand("CMD", "true").startPeriodSeconds(301).build())),
        "services[api].containerHealthCheck.startPeriodSeconds"));
    // Routes
    all.add(c("route host outside the domain", apiRoute(r -> r.host("api.other.org")),
        "services[api].routes[0].host"));
    all.add(c("route host with a space", apiRoute(r -> r.host("a b.shop.example.org")),
        "services[api].routes[0].host"));
    all.add(c("route priority 0", apiRoute(r -> r.priority(0)), "services[api].routes[0].priority"));
    all.add(c("route priority 50001", apiRoute(r -> r.priority(50001)), "services[api].routes[0].priority"));
    all.add(c("route path without a slash", apiRoute(r -> r.addPathPattern("api")),
        "services[api].routes[0].pathPatterns"));
    all.add(c("route path too long", apiRoute(r -> r.addPathPattern("/" + "p".repeat(128))),
        "services[api].routes[0].pathPatterns"));
    all.add(c("route with four path patterns", apiRoute(r -> r.addPathPatterns("/a", "/b", "/c", "/d")),
        "services[api].routes[0].pathPatterns"));
    all.add(c("two routes of one priority", b -> b.addService(s -> s.name("admin").image(Image.ecr("web")).port(81)
        .route(r -> r.host("admin.shop.example.org").priority(5))).services(List.of(
            Service.builder().from(TestStacks.shop().service("api").orElseThrow()).routes(List.of(Route.builder()
                .host("api.shop.example.org").priority(5).build())).build(),
            TestStacks.shop().service("web").orElseThrow(),
            Service.builder().name("admin").image(Image.ecr("web")).port(81).addRoute(Route.builder()
                .host("admin.shop.example.org").priority(5).build()).build())),
        "services[admin].routes[0].priority"));
    all.add(c("two services on one host", b -> b.services(List.of(TestStacks.shop().service("api").orElseThrow(),
        TestStacks.shop().service("web").orElseThrow(), Service.builder().name("admin").image(Image.ecr("web"))
            .port(81).addRoute(Route.builder().host("api.shop.example.org").build()).build())),
        "services[admin].routes[0]"));
    all.add(c("route on a stack without a load balancer", b -> b.loadBalancer(Optional.empty()),
        "loadBalancer"));
    // Load balancer
    all.add(c("load balancer name too long", b -> b.loadBalancer(lb -> lb.name("shop-alb-" + "x".repeat(30))
        .defaultService("web")), "loadBalancer.name"));
    all.add(c("load balancer name starting internal-", b -> b.loadBalancer(lb -> lb.name("internal-shop")
        .defaultService("web")), "loadBalancer.name"));
    all.add(c("load balancer name with an underscore", b -> b.loadBalancer(lb -> lb.name("shop_alb")
        .defaultService("web")), "loadBalancer.name"));
    all.add(c("default service that does not exist", b -> b.loadBalancer(lb -> lb.name("shop-alb")
        .defaultService("nope")), "loadBalancer.defaultService"));
    all.add(c("default service without a route", b -> b.services(List.of(TestStacks.shop().service("api")
        .orElseThrow(), Service.builder().from(TestStacks.shop().service("web").orElseThrow()).routes(List.of())
        .build())), "loadBalancer.defaultService"));
    all.add(c("TLS policy not named as ELB names them", b -> b.loadBalancer(lb -> lb.name("shop-alb").defaultService("web")
        .sslPolicy("TLS-1-0")), "loadBalancer.sslPolicy"));
    all.add(c("load balancer in one subnet", b -> b.loadBalancer(lb -> lb.name("shop-alb").defaultService("web")
        .addSubnet("subnet-0a1b2c3d")), "loadBalancer.subnets"));
    all.add(c("HTTPS redirect without a domain", b -> b.domain(Optional.empty()),
        "loadBalancer.redirectHttpToHttps"));
    // Domain
    all.add(c("domain with capitals", b -> b.domain(d -> d.name("Shop.Example.org")
        .certificateFor("*.shop.example.org")), "domain.name"));
    all.add(c("domain without a dot", b -> b.domain(d -> d.name("localhost")), "domain.name",
        "services[api].routes[0].host", "services[web].routes[0].host"));
    all.add(c("domain label too long", b -> b.domain(d -> d.name("l".repeat(64) + ".example.org")), "domain.name",
        "services[api].routes[0].host", "services[web].routes[0].host"));
    all.add(c("certificate name outside the domain", b -> b.domain(d -> d.name("shop.example.org")
        .certificateFor("*.shop.example.org").addSubjectAlternativeName("other.org")),
        "domain.subjectAlternativeNames"));
    all.add(c("hosts not covered by the certificate", b -> b.domain(d -> d.name("shop.example.org")),
        "services[api].routes[0].host"));
    all.add(c("alias outside the domain", b -> b.domain(d -> d.name("shop.example.org")
        .certificateFor("*.shop.example.org").addAlias("www.other.org")), "domain.aliases"));
    // Security groups
    all.add(c("ingress from an undeclared group", group(i -> i.port(5432).fromGroup("ghost")),
        "securityGroups[db].ingress[0].fromGroup"));
    all.add(c("ingress port -2", group(i -> i.port(-2).cidr("10.0.0.0/16")), "securityGroups[db].ingress[0].port"));
    all.add(c("ingress port above 65535", group(i -> i.port(70000).cidr("10.0.0.0/16")),
        "securityGroups[db].ingress[0].port", "securityGroups[db].ingress[0].toPort"));
    all.add(c("ingress range upside down", group(i -> i.port(6000).toPort(5000).cidr("10.0.0.0/16")),
        "securityGroups[db].ingress[0].toPort"));
    all.add(c("ingress CIDR that is not one", group(i -> i.port(5432).cidr("10.0.0.0/33")),
        "securityGroups[db].ingress[0].cidr"));
    all.add(c("ingress from nowhere", group(i -> i.port(5432)), "securityGroups[db].ingress[0]"));
    all.add(c("ingress from a group and a CIDR", group(i -> i.port(5432).cidr("10.0.0.0/16").fromGroup("shop-srv-sg")),
        "securityGroups[db].ingress[0]"));
    all.add(c("ingress protocol not tcp, udp or icmp", group(i -> i.port(5432).protocol("sctp").cidr("10.0.0.0/8")),
        "securityGroups[db].ingress[0].protocol"));
    all.add(c("security group name starting sg-", b -> b.securityGroup(g -> g.name("sg-db")),
        "securityGroups[sg-db].name"));
    all.add(c("security group declared twice", b -> b.securityGroup(g -> g.name("db")).securityGroup(g -> g
        .name("db")), "securityGroups[db]"));
    // Roles
    all.add(c("execution role name with a space", b -> b.executionRole(Role.builder().name("exec role").build()),
        "executionRole.name"));
    all.add(c("task role name too long", b -> b.taskRole(Role.builder().name("r".repeat(65)).build()),
        "taskRole.name"));
    all.add(c("managed policy that is not an ARN", b -> b.taskRole(Role.builder().name("shop-task")
        .addManagedPolicyArn("AmazonS3ReadOnlyAccess").build()), "taskRole.managedPolicyArns"));
    all.add(c("inline policy that is not JSON", b -> b.taskRole(Role.builder().name("shop-task")
        .putInlinePolicy("s3", "{not json").build()), "taskRole.inlinePolicies[s3]"));
    // Sidecars
    all.add(c("sidecar without an image", api(s -> s.sidecars(List.of(Sidecar.builder().name("proxy").build()))),
        "services[api].sidecars[proxy].image"));
    all.add(c("sidecar named like the service's container", api(s -> s.sidecars(List.of(Sidecar.builder()
        .name("api").image(Image.of("nginx:1")).build()))), "services[api].sidecars[api]"));
    all.add(c("sidecar port taken by the service", api(s -> s.sidecars(List.of(Sidecar.builder().name("proxy")
        .image(Image.of("nginx:1")).port(8080).build()))), "services[api].sidecars[proxy].port"));
    all.add(c("sidecar user with a space", api(s -> s.sidecars(List.of(Sidecar.builder().name("proxy")
        .image(Image.of("nginx:1")).user("a user").build()))), "services[api].sidecars[proxy].user"));
    all.add(c("service user with two colons", api(s -> s.user("1000:1000:1000")), "services[api].user"));
    // Secrets' key
    all.add(c("secrets key given by alias", b -> b.secretsKmsKey("alias/shop"), "secretsKmsKey"));
    all.add(c("secrets key of another region", b -> b.secretsKmsKey(
        "arn:aws:kms:eu-west-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab"), "secretsKmsKey"));
    // A shared load balancer
    all.add(c("shared load balancer with subnets", b -> b.loadBalancer(lb -> lb.name("shop-alb").existing(true)
        .addSubnets("subnet-0123456789abcdef0", "subnet-0123456789abcdef1")), "loadBalancer.subnets"));
    all.add(c("shared load balancer with a default service", b -> b.loadBalancer(lb -> lb.name("shop-alb")
        .existing(true).defaultService("web")), "loadBalancer.defaultService"));
    return all.stream();
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("corpus")
  void isRefusedAtBuildWithEveryProblemAndItsPathBeforeAnyCloudCall(Case c) {
    InMemoryCloud cloud = InMemoryCloud.create();
    Stack.Builder b = TestStacks.shop().toBuilder();
    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> {
      c.change().accept(b);
      Cruddur.with(cloud).plan(b.build());
    });
    assertThat(e).as("refused at build()").isNotNull();
    assertThat(e.problems()).extracting(Problem::path).as(e.getMessage()).containsExactlyElementsOf(c.paths());
    assertThat(e.problems()).allSatisfy(p -> assertThat(p.message()).as(p.path()).isNotBlank());
    assertThat(e.getMessage()).startsWith(c.paths().size() + (c.paths().size() == 1 ? " problem" : " problems")
        + " in the spec:");
    assertThat(cloud.calls()).as("no cloud call").isEmpty();
  }

  @Test
  void theCorpusHoldsAtLeastAHundredSpecs() {
    assertThat(corpus().count()).isGreaterThanOrEqualTo(100);
    assertThat(corpus().map(Case::name).distinct().count()).as("each named once").isEqualTo(corpus().count());
  }
}
