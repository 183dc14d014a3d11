package io.cruddur.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cruddur.TestStacks;
import java.util.List;
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

  @Test
  void validStackBuildsWithItsDefaults() {
    Stack s = TestStacks.shop();
    assertThat(s.services()).extracting(Service::name).containsExactly("api", "web");
    Service api = s.service("api").orElseThrow();
    assertThat(api.cpu()).isEqualTo(256);
    assertThat(api.memoryMib()).isEqualTo(512);
    assertThat(api.deregistrationDelaySeconds()).isEqualTo(60);
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

  @ParameterizedTest
  @CsvSource({"256,512,true", "256,4096,false", "512,3072,true", "1024,1024,false", "4096,30720,true",
      "8192,20480,true", "8192,18432,false", "16384,122880,true", "300,512,false"})
  void fargateCpuAndMemoryPairs(int cpu, int memory, boolean valid) {
    Consumer<Stack.Builder> change = b -> b.services(List.of(Service.builder().name("w")
        .image(Image.ecr("api")).cpu(cpu).memoryMib(memory).build())).loadBalancer(java.util.Optional.empty());
    Stack.Builder b = TestStacks.shop().toBuilder();
    change.accept(b);
    if (valid) {
      assertThat(b.build().services()).hasSize(1);
    } else {
      assertThat(paths(change)).containsAnyOf("services[w].cpu", "services[w].memoryMib");
    }
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

  @ParameterizedTest
  @CsvSource({
      "/cruddur/backend-flask/CONNECTION_URL,true",
      "CONNECTION_URL,true",
      "arn:aws:ssm:us-east-1:123456789012:parameter/cruddur/x,true",
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:db,false",
      "/bad name/x,false",
      "arn:aws:ssm:us-east-1:12345:parameter/x,false"})
  void secretsAreSsmParameterNamesOrArns(String reference, boolean valid) {
    Consumer<Stack.Builder> change = b -> b.services(List.of(TestStacks.shop().service("web").orElseThrow(),
        Service.builder().from(TestStacks.shop().service("api").orElseThrow())
            .putSecret("X", Secret.ssm(reference)).build()));
    Stack.Builder b = TestStacks.shop().toBuilder();
    change.accept(b);
    if (valid) {
      assertThat(b.build().service("api").orElseThrow().secrets()).containsKey("X");
    } else {
      assertThat(paths(change)).containsExactly("services[api].secrets[X]");
    }
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
  void missingRequiredAttributeIsAnInvalidSpec() {
    assertThatThrownBy(() -> Service.builder().image(Image.ecr("api")).build())
        .isInstanceOf(InvalidSpecException.class).hasMessageContaining("name");
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
    assertThat(TestStacks.shop().toString()).contains("ssm:/shop/api/DB_URL");
  }
}
