package io.cruddur.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cruddur.TestStacks;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidationTest {
  private static List<Problem> problems(Consumer<Stack.Builder> change) {
    Stack.Builder b = TestStacks.shop().toBuilder();
    change.accept(b);
    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, b::build);
    assertThat(e).as("expected the spec to be rejected").isNotNull();
    return e.problems();
  }

  private static List<String> paths(Consumer<Stack.Builder> change) {
    return problems(change).stream().map(Problem::path).toList();
  }

  /** The paths reported for the changed shop stack: empty when it builds. */
  private static List<String> outcome(Consumer<Stack.Builder> change) {
    return ShopChanges.paths(change);
  }

  /** A CSV cell: {@code valid} for no problems, else the paths expected, separated by {@code ;}. */
  private static List<String> expected(String cell) {
    return cell.equals("valid") ? List.of() : List.of(cell.split(";"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "1000|valid", "app|valid", "1000:1000|valid", "app:www-data|valid", "nginx.user|valid",
      "a user|services[api].user", "1000:1000:1000|services[api].user", ":1000|services[api].user",
      "-x|services[api].user", "1000:|services[api].user"})
  void aContainersUserIsANameOrIdWithAnOptionalGroup(String user, String paths) {
    assertThat(outcome(b -> b.services(List.of(Service.builder().from(TestStacks.shop().service("api").orElseThrow())
        .user(user).build(), TestStacks.shop().service("web").orElseThrow())))).isEqualTo(expected(paths));
    assertThat(outcome(b -> b.services(List.of(Service.builder().from(TestStacks.shop().service("api").orElseThrow())
        .sidecars(List.of(Sidecar.builder().name("proxy").image(Image.of("nginx:1")).user(user).build())).build(),
        TestStacks.shop().service("web").orElseThrow())))).isEqualTo(expected(paths.replace("services[api].user",
        "services[api].sidecars[proxy].user")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab|valid",
      "arn:aws:kms:us-east-1:000000000000:key/mrk-1234abcd12ab34cd56ef1234567890ab|valid",
      "arn:aws-us-gov:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab|valid",
      "arn:aws:kms:eu-west-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab|secretsKmsKey",
      "arn:aws:kms:us-east-1:000000000000:alias/shop|secretsKmsKey",
      "1234abcd-12ab-34cd-56ef-1234567890ab|secretsKmsKey"})
  void theSecretsKeyIsAKeyArnOfTheStacksRegion(String key, String paths) {
    assertThat(outcome(b -> b.secretsKmsKey(key))).isEqualTo(expected(paths));
  }

  @Test
  void aSharedLoadBalancerRefusesEverySettingThatShapesOneAndNeedsNoDomainToRedirect() {
    assertThat(outcome(b -> b.loadBalancer(LoadBalancer.existing("shared")))).isEmpty();
    assertThat(outcome(b -> b.loadBalancer(LoadBalancer.existing("shared")).domain(java.util.Optional.empty())
        .services(List.of(Service.builder().from(TestStacks.shop().service("api").orElseThrow()).routes(List.of(Route.builder()
            .path("/api/*").build())).build())))).as("no domain: its HTTP:80 listener").isEmpty();
    assertThat(outcome(b -> b.loadBalancer(lb -> lb.name("shared").existing(true).securityGroup("mine")
        .internetFacing(false).sslPolicy("ELBSecurityPolicy-2016-08").addSubnets("subnet-0123456789abcdef0",
            "subnet-0123456789abcdef1").defaultService("web"))))
        .containsExactly("loadBalancer.subnets", "loadBalancer.securityGroup", "loadBalancer.internetFacing",
            "loadBalancer.defaultService", "loadBalancer.sslPolicy");
    assertThat(outcome(b -> b.loadBalancer(lb -> lb.name("shared").existing(true).securityGroup("shared-sg"))))
        .as("its default group name is no setting").isEmpty();
    assertThat(LoadBalancer.existing("shared").existing()).isTrue();
    assertThat(LoadBalancer.builder().name("own").build().existing()).isFalse();
  }

  @Test
  void validStackBuildsWithItsDefaults() {
    Stack s = TestStacks.shop();
    assertThat(s.services()).extracting(Service::name).containsExactly("api", "web");
    Service api = s.service("api").orElseThrow();
    assertThat(api.cpu()).isEqualTo(256);
    assertThat(api.memoryMib()).isEqualTo(512);
    assertThat(api.deregistrationDelaySeconds()).isEqualTo(30);
    assertThat(api.circuitBreaker()).isTrue();
    assertThat(s.loadBalancer().orElseThrow().securityGroup()).isEqualTo("shop-alb-sg");
    assertThat(s.resourceTags()).containsEntry(Stack.OWNER_TAG, "shop");
  }

  @Test
  void everyMistakeIsReportedAtOnceEachWithItsPath() {
    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> Stack.builder()
        .name("9bad name").region("mars-1")
        .repository("API")
        .logGroup(l -> l.name("logs").retentionDays(2))
        .addService(s -> s.name("api").image(Image.ecr("nope")).cpu(300).port(70000)
            .healthCheck(h -> h.path("health").intervalSeconds(4)))
        .build());
    assertThat(e.problems()).extracting(Problem::path).containsExactlyInAnyOrder(
        "name", "region", "cluster.name", "repositories[API].name", "logGroup.retentionDays", "services[api].cpu",
        "services[api].port", "services[api].image", "services[api].healthCheck.path",
        "services[api].healthCheck.intervalSeconds", "services[api].healthCheck.timeoutSeconds");
    assertThat(e.getMessage()).startsWith("11 problems in the spec:")
        .contains("services[api].cpu: 300 is not a valid Fargate CPU size (256, 512, 1024");
  }

  /** Fargate's table; an unknown cpu is reported alone (its memory cannot be checked against it). */
  @ParameterizedTest(name = "cpu {0}, memory {1}: {2}")
  @CsvSource({
      "256,512,valid", "256,1024,valid", "256,2048,valid",
      "256,1536,services[w].memoryMib", "256,4096,services[w].memoryMib", "256,256,services[w].memoryMib",
      "512,1024,valid", "512,3072,valid", "512,4096,valid",
      "512,512,services[w].memoryMib", "512,1536,services[w].memoryMib", "512,5120,services[w].memoryMib",
      "1024,2048,valid", "1024,8192,valid",
      "1024,1024,services[w].memoryMib", "1024,2560,services[w].memoryMib", "1024,9216,services[w].memoryMib",
      "2048,4096,valid", "2048,16384,valid",
      "2048,3072,services[w].memoryMib", "2048,17408,services[w].memoryMib",
      "4096,8192,valid", "4096,30720,valid",
      "4096,7168,services[w].memoryMib", "4096,31744,services[w].memoryMib",
      "8192,16384,valid", "8192,20480,valid", "8192,61440,valid",
      "8192,18432,services[w].memoryMib", "8192,65536,services[w].memoryMib",
      "16384,32768,valid", "16384,40960,valid", "16384,122880,valid",
      "16384,36864,services[w].memoryMib", "16384,131072,services[w].memoryMib",
      "300,512,services[w].cpu", "128,512,services[w].cpu", "32768,65536,services[w].cpu",
      "300,100,services[w].cpu"})
  void fargateCpuAndMemoryPairs(int cpu, int memory, String expected) {
    assertThat(outcome(b -> b.services(List.of(Service.builder().name("w").image(Image.ecr("api")).cpu(cpu)
        .memoryMib(memory).build())).loadBalancer(java.util.Optional.empty())))
        .containsExactlyElementsOf(expected(expected));
  }

  @Test
  void hostsMustBeCoveredByTheCertificate() {
    List<Problem> p = problems(b -> b.domain(d -> d.name("shop.example.org")));
    assertThat(p).extracting(Problem::path).containsExactly("services[api].routes[0].host");
    assertThat(p.get(0).message()).contains("not covered by the certificate (shop.example.org)");
  }

  @Test
  void hostsMustBeInTheDomain() {
    assertThat(paths(b -> b.addService(s -> s.name("other").image(Image.ecr("web")).port(80)
        .route(r -> r.host("other.example.com"))))).containsExactly("services[other].routes[0].host");
  }

  @Test
  void duplicateServicesHostsAndPriorities() {
    List<String> p = paths(b -> b.addService(s -> s.name("api").image(Image.ecr("web")).port(80)
        .route(r -> r.host("api.shop.example.org").priority(5)))
        .addService(s -> s.name("admin").image(Image.ecr("web")).port(81)
            .route(r -> r.host("admin.shop.example.org").priority(5))));
    assertThat(p).contains("services[api]", "services[api].routes[0]", "services[admin].routes[0].priority");
  }

  @Test
  void routeToAnUnknownServiceAndUnknownSecurityGroup() {
    assertThat(paths(b -> b.loadBalancer(lb -> lb.name("shop-alb").defaultService("nope"))
        .securityGroup(g -> g.name("db").ingress(i -> i.port(5432).fromGroup("ghost")))))
        .containsExactlyInAnyOrder("loadBalancer.defaultService", "securityGroups[db].ingress[0].fromGroup");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
      "/cruddur/backend-flask/CONNECTION_URL,valid",
      "CONNECTION_URL,valid",
      "arn:aws:ssm:us-east-1:123456789012:parameter/cruddur/x,valid",
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:db,services[api].secrets[X]",
      "/bad name/x,services[api].secrets[X]",
      "/cruddur//x,services[api].secrets[X]",
      "arn:aws:ssm:us-east-1:12345:parameter/x,services[api].secrets[X]"})
  void secretsAreSsmParameterNamesOrArns(String reference, String expected) {
    assertThat(outcome(b -> b.services(List.of(TestStacks.shop().service("web").orElseThrow(),
        Service.builder().from(TestStacks.shop().service("api").orElseThrow())
            .putSecret("X", Secret.ssm(reference)).build()))))
        .containsExactlyElementsOf(expected(expected));
  }

  @Test
  void namesFollowAwsRules() {
    assertThat(paths(b -> b.loadBalancer(lb -> lb.name("internal-shop-alb-with-a-much-too-long-name")
        .defaultService("web")).cluster(c -> c.name("bad cluster")))).containsExactlyInAnyOrder(
        "loadBalancer.name", "cluster.name");
  }

  @Test
  void environmentAndSecretNamesMustNotClash() {
    assertThat(paths(b -> b.services(List.of(TestStacks.shop().service("web").orElseThrow(),
        Service.builder().from(TestStacks.shop().service("api").orElseThrow()).putEnvironment("DB_URL", "x")
            .putEnvironment("1BAD", "y").build()))))
        .containsExactlyInAnyOrder("services[api].environment[DB_URL]", "services[api].environment[1BAD]");
  }

  @Test
  void propagateTagsMustBeAnEcsValue() {
    assertThat(paths(b -> b.services(List.of(TestStacks.shop().service("web").orElseThrow(),
        Service.builder().from(TestStacks.shop().service("api").orElseThrow()).propagateTags("ALL").build()))))
        .containsExactly("services[api].propagateTags");
  }

  @Test
  void redirectToHttpsNeedsADomain() {
    assertThat(paths(b -> b.domain(java.util.Optional.empty())))
        .containsExactly("loadBalancer.redirectHttpToHttps");
  }

  @Test
  void reservedTagsAreRejected() {
    assertThat(paths(b -> b.tag("aws:owner", "x").tag(Stack.OWNER_TAG, "other")))
        .containsExactly("tags[aws:owner]", "tags[cruddur:stack]");
  }

  @Test
  void tagCharactersAreThoseAwsAllows() {
    assertThat(paths(b -> b.tag("team", "a{b}").tag("cost center", "Ünïcode 42 _.:/=+-@").tag("x#y", "ok")))
        .as("letters of any script, digits, spaces and _ . : / = + - @ only").containsExactly("tags[team]", "tags[x#y]");
  }

  @Test
  void theTagBudgetCountsTheTagCruddurAddsItself() {
    assertThat(outcome(b -> {
      for (int i = 0; i < 49; i++) {
        b.tag("k" + i, "v");
      }
    })).as("49 of the stack's own plus the ownership tag: 50, AWS's limit").isEmpty();
    List<Problem> over = problems(b -> {
      for (int i = 0; i < 50; i++) {
        b.tag("k" + i, "v");
      }
    });
    assertThat(over).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("tags");
      assertThat(p.message()).contains("at most 49").contains("Cruddur adds 1 (cruddur:stack)");
    });
  }

  private static Consumer<Stack.Builder> apiScaled(int desired, AutoScaling scaling) {
    return b -> b.services(List.of(Service.builder().from(TestStacks.shop().service("api").orElseThrow())
        .desiredCount(desired).autoScaling(scaling).build(), TestStacks.shop().service("web").orElseThrow()));
  }

  @ParameterizedTest(name = "desired {0}, min {1}, max {2}, cpu {3}: {4}")
  @CsvSource({
      "1, 1, 4, 60, valid",
      "0, 0, 1, 1, valid",
      "4, 1, 4, 100, valid",
      "1, -1, 4, 60, services[api].autoScaling.min",
      "2, 3, 2, 60, services[api].autoScaling.max;services[api].autoScaling",
      "1, 1, 6000, 60, services[api].autoScaling.max",
      "5, 1, 4, 60, services[api].autoScaling",
      "1, 1, 4, 0, services[api].autoScaling.cpuPercent",
      "1, 1, 4, 101, services[api].autoScaling.cpuPercent"})
  void autoScalingBounds(int desired, int min, int max, int cpu, String expected) {
    assertThat(outcome(apiScaled(desired, AutoScaling.of(min, max, cpu))))
        .containsExactlyElementsOf(expected(expected));
  }

  @ParameterizedTest(name = "cpu {0}, memory {1}, requests {2}: {3}")
  @CsvSource(nullValues = "-", value = {
      "60, -, -, valid",
      "-, 70, -, valid",
      "-, -, 500, valid",
      "60, 70, 500, valid",
      "-, 1, 1, valid",
      "-, 100, -, valid",
      "-, -, -, services[api].autoScaling",
      "-, 0, -, services[api].autoScaling.memoryPercent",
      "-, 101, -, services[api].autoScaling.memoryPercent",
      "-, -, 0, services[api].autoScaling.requestsPerTarget",
      "-, -, -5, services[api].autoScaling.requestsPerTarget",
      "0, 0, 0, services[api].autoScaling.cpuPercent;services[api].autoScaling.memoryPercent;"
          + "services[api].autoScaling.requestsPerTarget"})
  void autoScalingTracksAtLeastOneMetricEachWithinItsRange(Integer cpu, Integer memory, Integer requests,
      String expected) {
    AutoScaling scaling = AutoScaling.builder().min(1).max(4).cpuPercent(Optional.ofNullable(cpu))
        .memoryPercent(Optional.ofNullable(memory)).requestsPerTarget(Optional.ofNullable(requests)).build();
    assertThat(outcome(apiScaled(1, scaling))).containsExactlyElementsOf(expected(expected));
  }

  @Test
  void scalingOnRequestsNeedsARouteOnTheStacksLoadBalancer() {
    Consumer<Service.Builder> requests = s -> s.autoScaling(a -> a.min(1).max(4).requestsPerTarget(500));
    assertThat(outcome(ShopChanges.api(s -> requests.accept(s.routes(List.of())))))
        .containsExactly("services[api].autoScaling.requestsPerTarget");
    assertThat(outcome(ShopChanges.api(s -> requests.accept(s.port(Optional.empty()).routes(List.of())))))
        .containsExactly("services[api].autoScaling.requestsPerTarget");
    List<Problem> withoutBalancer = problems(b -> b.loadBalancer(Optional.empty()).domain(Optional.empty())
        .services(List.of(Service.builder().name("worker")
            .image(Image.of("nginx:1")).port(80).autoScaling(a -> a.min(1).max(4).requestsPerTarget(500)).build())));
    assertThat(withoutBalancer).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("services[worker].autoScaling.requestsPerTarget");
      assertThat(p.message()).contains("routed through the stack's load balancer");
    });
    assertThat(outcome(ShopChanges.api(s -> requests.accept(s)))).as("routed on the shop's load balancer").isEmpty();
    Stack blog = TestStacks.blog();
    assertThat(Stack.builder().from(blog).services(List.of(Service.builder().from(blog.service("site")
        .orElseThrow()).autoScaling(a -> a.min(1).max(2).requestsPerTarget(100)).build())).build().service("site")
        .orElseThrow().autoScaling()).as("routed on a shared load balancer").isPresent();
  }

  @Test
  void aDefaultServiceNeedsARouteForItsTargetGroup() {
    assertThat(paths(b -> b.services(List.of(TestStacks.shop().service("api").orElseThrow(),
        Service.builder().from(TestStacks.shop().service("web").orElseThrow()).routes(List.of()).build()))))
        .containsExactly("loadBalancer.defaultService");
  }

  @Test
  void missingOrNullAttributesAreReportedWithTheirPathsNotAsANullPointerException() {
    assertThatThrownBy(() -> Stack.builder().name(null).build()).isInstanceOfSatisfying(InvalidSpecException.class,
        e -> assertThat(e.problems()).containsExactly(new Problem("name", "is required, and was not set or set to "
            + "null")));
    assertThatThrownBy(() -> Stack.builder().build()).isInstanceOfSatisfying(InvalidSpecException.class,
        e -> assertThat(e.problems()).extracting(Problem::path).containsExactly("name"));
    assertThatThrownBy(() -> Stack.builder().name("shop").region(null).putTag("team", null)
        .addService(sv -> sv.image(Image.ecr("api")).cpu(256).memoryMib(512))
        .addService(sv -> sv.name("web").image(null).cpu(256).memoryMib(512)).build())
        .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems()).extracting(Problem::path)
            .containsExactly("region", "tags[team]", "services[0].name", "services[web].image"));
  }

  @Test
  void imagesAreValuesAndTagReturnsACopy() {
    Image a = Image.ecr("api");
    Image b = a.tag("2.0");
    assertThat(a.tag()).isEqualTo("latest");
    assertThat(b.tag()).isEqualTo("2.0");
    assertThat(b.resolve("123.dkr.ecr.us-east-1.amazonaws.com")).isEqualTo("123.dkr.ecr.us-east-1.amazonaws.com/api:2.0");
    assertThat(Image.of("nginx:1.27").resolve("ignored")).isEqualTo("nginx:1.27");
  }

  @Test
  void toStringOfAStackShowsSecretReferencesOnly() {
    // A Secret has nowhere to keep a value: its only state is the reference.
    assertThat(java.util.Arrays.stream(Secret.class.getDeclaredFields())
        .filter(f -> !java.lang.reflect.Modifier.isStatic(f.getModifiers())).map(java.lang.reflect.Field::getName))
        .containsExactly("reference");
    String arn = "arn:aws:ssm:us-east-1:123456789012:parameter/shop/api/TOKEN";
    Stack stack = TestStacks.shop().toBuilder().services(List.of(
        Service.builder().from(TestStacks.shop().service("api").orElseThrow())
            .putSecret("TOKEN", Secret.ssm(arn)).putSecret("KEY", Secret.ssm("shop-key")).build(),
        TestStacks.shop().service("web").orElseThrow())).build();
    String text = stack.toString();
    // Every secret map is shown as NAME=ssm:<reference>, in order, and nothing else.
    List<String> secretMaps = java.util.regex.Pattern.compile("secrets=\\{([^}]*)}").matcher(text).results()
        .map(m -> m.group(1)).toList();
    assertThat(secretMaps).containsExactly(
        "DB_URL=ssm:/shop/api/DB_URL, TOKEN=ssm:" + arn + ", KEY=ssm:shop-key", "");
    assertThat(text.split("=ssm:", -1)).as("one =ssm: per secret, none elsewhere").hasSize(3 + 1);
    assertThat(stack.service("api").orElseThrow().secrets().values())
        .allSatisfy(s -> assertThat(s).hasToString("ssm:" + s.reference()));
  }

  /** CreateTargetGroup: 1-32 letters, digits or hyphens, not beginning or ending with a hyphen. */
  private static final java.util.regex.Pattern TARGET_GROUP_NAME =
      java.util.regex.Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?");

  @Test
  void targetGroupNamesOfServicesWithUnderscoresAreValidAndOthersKeepTheirName() {
    Stack s = TestStacks.shop().toBuilder()
        .addService(x -> x.name("order_api").image(Image.ecr("web")).port(8081)
            .route(r -> r.host("orders.shop.example.org")))
        .addService(x -> x.name("_billing__worker_with_a_long_name_").image(Image.ecr("web")).port(8082)
            .route(r -> r.host("billing.shop.example.org")))
        .build();
    assertThat(s.service("order_api").orElseThrow().targetGroupName("shop")).startsWith("shop-order-api-")
        .matches(TARGET_GROUP_NAME);
    assertThat(s.service("_billing__worker_with_a_long_name_").orElseThrow().targetGroupName("shop"))
        .startsWith("shop-billing-worker-").matches(TARGET_GROUP_NAME);
    // Names without '_' keep the target group they always had (the golden plans hold these).
    assertThat(s.service("api").orElseThrow().targetGroupName("shop")).isEqualTo("shop-api-e899");
    assertThat(s.service("web").orElseThrow().targetGroupName("shop")).isEqualTo("shop-web-4e65");
  }

  @Test
  void servicesWhoseTargetGroupNamesWouldClashAreReported() {
    assertThat(paths(b -> b
        .addService(x -> x.name("order_api").image(Image.ecr("web")).port(8081)
            .route(r -> r.host("orders.shop.example.org")))
        .addService(x -> x.name("order-api").image(Image.ecr("web")).port(8081)
            .route(r -> r.host("orders2.shop.example.org")))))
        .containsExactly("services[order-api].name");
  }

  /** ALB: at most 3 values per rule condition and 5 per rule; a route is one rule (host and path patterns). */
  @ParameterizedTest(name = "host {0}, {1} path patterns: {2}")
  @CsvSource({
      "true,3,valid", "false,3,valid",
      "true,4,services[api].routes[0].pathPatterns", "false,4,services[api].routes[0].pathPatterns"})
  void aRouteHoldsNoMoreConditionValuesThanAnAlbRule(boolean host, int patterns, String expected) {
    Route.Builder route = Route.builder();
    if (host) {
      route.host("api.shop.example.org");
    }
    for (int i = 0; i < patterns; i++) {
      route.path("/v" + i + "/*");
    }
    assertThat(outcome(b -> b.services(List.of(TestStacks.shop().service("web").orElseThrow(),
        Service.builder().from(TestStacks.shop().service("api").orElseThrow()).routes(List.of(route.build()))
            .build()))))
        .containsExactlyElementsOf(expected(expected));
  }
}
