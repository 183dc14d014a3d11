package io.cruddur.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.Cruddur;
import io.cruddur.TestStacks;
import io.cruddur.apply.Outcome;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.port.ElbPort;
import io.cruddur.spec.Image;
import io.cruddur.spec.InvalidSpecException;
import io.cruddur.spec.Route;
import io.cruddur.spec.Stack;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Two stacks on one load balancer: the shop owns it, the blog shares it (its own target groups, rules, certificate
 * and records, never the balancer nor its listeners). Rule priorities never collide, whoever derives them, and
 * neither stack touches the other's.
 */
class SharedLoadBalancerTest {
  private final InMemoryCloud cloud = TestStacks.withSecret(TestStacks.cloudBuilder()
      .seedImages("blog", TestStacks.TAGS).delegate("blog.example.org").build());
  private final Cruddur cruddur = Cruddur.with(cloud);

  private static final int SHOP_API = TestStacks.SHOP_API_PRIORITY;
  private static final String CLASHING = TestStacks.BLOG_CLASHING_HOST;

  private static Stack blog(String... extraHosts) {
    return TestStacks.blog(extraHosts);
  }

  private void applied(Stack stack) {
    Outcome o = cruddur.apply(stack);
    assertThat(o.succeeded()).as(o.toString()).isTrue();
  }

  private ElbPort.Listener https() {
    var lb = cloud.elb().findLoadBalancer("shop-alb").orElseThrow();
    return cloud.elb().listeners(lb.arn()).stream().filter(l -> l.port() == 443).findFirst().orElseThrow();
  }

  /** Host to priority of the rules on the shared HTTPS listener, and whose each is. */
  private Map<String, String> rules() {
    Map<String, String> out = new TreeMap<>();
    cloud.elb().rules(https().arn()).forEach(r -> out.put(String.join(",", r.hosts()), r.priority() + " "
        + r.tags().get(Stack.OWNER_TAG)));
    return out;
  }

  private void prioritiesAreDistinct() {
    List<Integer> all = new ArrayList<>();
    cloud.elb().rules(https().arn()).forEach(r -> all.add(r.priority()));
    assertThat(new HashSet<>(all)).as("no two rules on the listener share a priority: " + rules())
        .hasSameSizeAs(all);
  }

  @Test
  void aStackSharingAnotherStacksLoadBalancerStepsAroundItsRulesAndAddsOnlyItsOwn() {
    applied(TestStacks.shop());
    Map<String, String> shopRules = rules();
    applied(blog());

    Map<String, String> after = rules();
    assertThat(after).containsAllEntriesOf(shopRules).hasSize(4);
    assertThat(after.get(CLASHING)).as(CLASHING + " derives the shop api's priority, so takes the next free one")
        .isEqualTo((SHOP_API + 1) + " blog");
    prioritiesAreDistinct();
    assertThat(cloud.elb().listLoadBalancers()).as("nothing made twice").hasSize(1);
    assertThat(cloud.elb().listenerCertificates(https().arn())).as("the blog's certificate, served by SNI")
        .containsExactly(cloud.acm().listCertificates().stream()
            .filter(c -> c.domainName().equals("blog.example.org")).findFirst().orElseThrow().arn());
    var lb = cloud.elb().findLoadBalancer("shop-alb").orElseThrow();
    var vpc = cloud.ec2().defaultVpc().orElseThrow().id();
    var blogServices = cloud.ec2().findSecurityGroup(vpc, "blog-srv-sg").orElseThrow();
    assertThat(blogServices.ingress()).as("the blog's services admit only the shared load balancer")
        .extracting(r -> r.permission().sourceGroupId()).containsExactly(lb.securityGroups().get(0));
    var zone = cloud.route53().listHostedZones().stream().filter(z -> z.name().equals("blog.example.org."))
        .findFirst().orElseThrow();
    assertThat(cloud.route53().listRecords(zone.id())).filteredOn(r -> r.type().equals("A"))
        .allSatisfy(r -> assertThat(r.alias().dnsName()).isEqualTo(lb.dnsName() + ".")).hasSize(2);

    assertThat(cruddur.plan(blog()).work()).as("the blog converged").isEmpty();
    assertThat(cruddur.plan(TestStacks.shop()).work()).as("the shop leaves the blog's rules alone").isEmpty();

    // The shop adds a route that derives the priority the blog's rule holds: the shop steps around it too.
    int blogHolds = SHOP_API + 1;
    String clashingShopHost = null;
    for (int i = 0; clashingShopHost == null; i++) {
      String h = "s" + i + ".shop.example.org";
      if (Route.builder().host(h).build().derivedPriority() == blogHolds) {
        clashingShopHost = h;
      }
    }
    String host = clashingShopHost;
    Stack more = TestStacks.shop().toBuilder().addService(s -> s.name("admin").image(Image.ecr("web", "1.0.0"))
        .port(8081).route(r -> r.host(host))).build();
    applied(more);
    assertThat(rules()).containsAllEntriesOf(after).containsEntry(host, (blogHolds + 1) + " shop");
    prioritiesAreDistinct();

    assertThat(cruddur.planDestroy(more).warnings()).as("the owner is told what its destroy takes from others")
        .anyMatch(w -> w.contains("also deletes the 2 rule(s) that other stacks sharing it put on its listeners"));

    // Destroying the blog removes its rules, certificate and groups, and nothing of the shop's.
    Map<String, String> shopsNow = new TreeMap<>(rules());
    shopsNow.values().removeIf(v -> v.endsWith(" blog"));
    assertThat(cruddur.destroy(blog()).succeeded()).isTrue();
    assertThat(rules()).isEqualTo(shopsNow);
    assertThat(cloud.elb().listenerCertificates(https().arn())).isEmpty();
    assertThat(cloud.ec2().findSecurityGroup(vpc, "blog-srv-sg")).isEmpty();
    assertThat(cloud.elb().listTargetGroups()).noneMatch(tg -> tg.name().startsWith("blog"));
    assertThat(cruddur.plan(more).work()).as("the shop is as it was").isEmpty();
    assertThat(cruddur.planDestroy(blog()).work()).isEmpty();
  }

  @Test
  void aPriorityTakenBetweenPlanAndApplyIsATypedFailureAndTheNextApplyStepsAroundIt() {
    applied(TestStacks.shop());
    String late = "late.blog.example.org";
    Plan stale = cruddur.plan(blog(late));
    int planned = Route.builder().host(late).build().derivedPriority();
    assertThat(stale.work()).anyMatch(s -> s.resource().name().equals("shop-alb:443 priority " + planned));

    // Meanwhile the shop takes that priority with an explicit one.
    Stack shop = TestStacks.shop().toBuilder().addService(s -> s.name("admin").image(Image.ecr("web", "1.0.0"))
        .port(8081).route(r -> r.host("admin.shop.example.org").priority(planned))).build();
    applied(shop);

    Outcome o = cruddur.apply(stale);
    assertThat(o.succeeded()).isFalse();
    assertThat(((Outcome.Failed) o).describe()).contains("elb.listener-rule shop-alb:443 priority " + planned)
        .contains("was taken after the plan was made").contains("apply again");
    assertThat(rules().get("admin.shop.example.org")).as("the shop's rule is untouched").isEqualTo(planned + " shop");

    applied(blog(late));
    assertThat(rules().get(late)).isEqualTo((planned + 1) + " blog");
    prioritiesAreDistinct();
    assertThat(cruddur.plan(blog(late)).work()).isEmpty();
    assertThat(cruddur.plan(shop).work()).isEmpty();
  }

  /** Rules and a certificate on a load balancer the spec no longer names are still the stack's, and go. */
  @Test
  void aStackThatStopsSharingRemovesItsRulesAndCertificateFromTheOtherLoadBalancer() {
    applied(TestStacks.shop());
    Map<String, String> shopRules = rules();
    applied(blog());
    Stack alone = blog().toBuilder().loadBalancer(java.util.Optional.empty())
        .services(List.of(io.cruddur.spec.Service.builder().from(blog().services().get(0)).routes(List.of())
            .build())).build();
    applied(alone);
    assertThat(rules()).as("only the shop's rules are left").isEqualTo(shopRules);
    assertThat(cloud.elb().listenerCertificates(https().arn())).isEmpty();
    assertThat(cloud.elb().listTargetGroups()).noneMatch(tg -> tg.name().startsWith("blog"));
    assertThat(cruddur.plan(alone).work()).isEmpty();
    assertThat(cruddur.plan(TestStacks.shop()).work()).isEmpty();
    assertThat(cruddur.destroy(alone).succeeded()).isTrue();
    assertThat(rules()).isEqualTo(shopRules);
  }

  @Test
  void aSharedLoadBalancerThatDoesNotExistIsAPlanProblem() {
    assertThatThrownBy(() -> cruddur.apply(blog())).isInstanceOf(PlanRefusedException.class)
        .hasMessageContaining("elb.load-balancer shop-alb").hasMessageContaining("does not exist");
    assertThat(cloud.elb().listLoadBalancers()).isEmpty();
  }

  @Test
  void settingsThatShapeALoadBalancerAreRefusedOnASharedOne() {
    assertThatThrownBy(() -> blog().toBuilder().loadBalancer(lb -> lb.name("shop-alb").existing(true)
        .addSubnets("subnet-0123456789abcdef0", "subnet-0123456789abcdef1").securityGroup("mine")
        .internetFacing(false).defaultService("site").sslPolicy("ELBSecurityPolicy-2016-08")).build())
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("loadBalancer.subnets").hasMessageContaining("loadBalancer.securityGroup")
        .hasMessageContaining("loadBalancer.internetFacing").hasMessageContaining("loadBalancer.defaultService")
        .hasMessageContaining("loadBalancer.sslPolicy");
  }
}
