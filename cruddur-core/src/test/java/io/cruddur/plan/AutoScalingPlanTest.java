package io.cruddur.plan;

import static io.cruddur.plan.PlanChecks.work;
import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.Cruddur;
import io.cruddur.TestStacks;
import io.cruddur.apply.Outcome;
import io.cruddur.base.Arn;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.port.AutoScalingPort;
import io.cruddur.spec.AutoScaling;
import io.cruddur.spec.Service;
import io.cruddur.spec.Stack;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Auto scaling on CPU, memory and load balancer requests through the planner and the in-memory cloud: one policy
 * per metric, each created, updated and deleted on its own, and a requests policy whose resource label follows the
 * load balancer and the service's target group.
 */
class AutoScalingPlanTest {
  private static final String TARGET = "applicationautoscaling.scalable-target service/shop/api";
  private static final String POLICY = "applicationautoscaling.scaling-policy service/shop/api cruddur-shop-api-";

  /** The shop's cloud, ready for the blog that shares its load balancer too. */
  private final InMemoryCloud cloud = TestStacks.withSecret(TestStacks.cloudBuilder()
      .seedImages("blog", TestStacks.TAGS).delegate("blog.example.org").build());
  private final Cruddur cruddur = Cruddur.with(cloud);

  /** The shop with its api scaled between 1 and 4 tasks on what {@code metrics} sets. */
  private static Stack scaled(Consumer<AutoScaling.Builder> metrics) {
    return scaled(TestStacks.shop(), metrics);
  }

  private static Stack scaled(Stack shop, Consumer<AutoScaling.Builder> metrics) {
    return shop.toBuilder().services(List.of(Service.builder().from(shop.service("api").orElseThrow())
        .autoScaling(a -> metrics.accept(a.min(1).max(4))).build(), shop.service("web").orElseThrow())).build();
  }

  private static final Consumer<AutoScaling.Builder> ALL = a -> a.cpuPercent(60).memoryPercent(70)
      .requestsPerTarget(500);

  private void applied(Stack stack) {
    PlanChecks.applied(cruddur, stack);
  }

  /** The api's policies in the cloud: the metric and target of each, by name. */
  private Map<String, AutoScalingPort.TargetTracking> policies() {
    Map<String, AutoScalingPort.TargetTracking> out = new TreeMap<>();
    cloud.autoScaling().listScalingPolicies(AutoScalingPort.ECS, "service/shop/api",
        AutoScalingPort.ECS_DESIRED_COUNT).forEach(p -> out.put(p.name(), p.targetTracking()));
    return out;
  }

  /** The resource label of the api's target group on the shop's load balancer, from the two ARNs in the cloud. */
  private String apiLabel() {
    String lb = cloud.elb().findLoadBalancer("shop-alb").orElseThrow().arn();
    String tg = cloud.ecs().findService("shop", "api").orElseThrow().spec().loadBalancers().get(0).targetGroupArn();
    return Arn.resourceLabel(lb, tg);
  }

  @Test
  void eachMetricGetsItsOwnPolicyAndAnApplyLeavesNothingToChange() {
    applied(TestStacks.shop());
    Plan plan = cruddur.plan(scaled(ALL));
    assertThat(work(plan)).containsExactly("+ " + TARGET, "+ " + POLICY + "cpu", "+ " + POLICY + "memory",
        "+ " + POLICY + "requests");
    String label = apiLabel();
    int slash = label.indexOf("/targetgroup/");
    assertThat(plan.toText()).contains("predefinedMetric: \"ECSServiceAverageMemoryUtilization\"")
        .contains("predefinedMetric: \"ALBRequestCountPerTarget\"").contains("targetValue: 500.0")
        .contains("resourceLabel: {\n        loadBalancer: \"" + label.substring(0, slash) + "\"\n        targetGroup: \""
            + label.substring(slash + 1) + "\"\n      }");

    applied(scaled(ALL));
    assertThat(policies()).containsOnlyKeys("cruddur-shop-api-cpu", "cruddur-shop-api-memory",
        "cruddur-shop-api-requests");
    assertThat(policies().get("cruddur-shop-api-cpu")).isEqualTo(new AutoScalingPort.TargetTracking(
        AutoScalingPort.ECS_CPU, null, 60, 60, 300));
    assertThat(policies().get("cruddur-shop-api-memory")).isEqualTo(new AutoScalingPort.TargetTracking(
        AutoScalingPort.ECS_MEMORY, null, 70, 60, 300));
    assertThat(policies().get("cruddur-shop-api-requests")).isEqualTo(new AutoScalingPort.TargetTracking(
        AutoScalingPort.ALB_REQUESTS, label, 500, 60, 300));
    Plan again = cruddur.plan(scaled(ALL));
    assertThat(again.work()).as("nothing to change after the apply").isEmpty();
    assertThat(again.steps()).filteredOn(s -> s.id().startsWith(POLICY)).hasSize(3)
        .allSatisfy(s -> assertThat(s.changes()).isEmpty());
  }

  @Test
  void aStackAppliedInOneRunGetsTheLabelOfTheLoadBalancerAndTargetGroupItCreates() {
    Plan plan = cruddur.plan(scaled(a -> a.requestsPerTarget(200)));
    Step requests = plan.work().stream().filter(s -> s.id().equals(POLICY + "requests")).findFirst().orElseThrow();
    assertThat(requests.dependsOn()).extracting(Object::toString).contains(TARGET, "elb.load-balancer shop-alb",
        "ecs.service shop/api").anyMatch(id -> id.startsWith("elb.target-group shop-api-"));
    assertThat(plan.toText()).contains("resourceLabel: {\n        loadBalancer: (known after apply)\n"
        + "        targetGroup: (known after apply)\n      }");
    applied(scaled(a -> a.requestsPerTarget(200)));
    assertThat(policies()).containsOnlyKeys("cruddur-shop-api-requests");
    assertThat(policies().get("cruddur-shop-api-requests").resourceLabel()).isEqualTo(apiLabel())
        .startsWith("app/shop-alb/").contains("/targetgroup/shop-api-");
    assertThat(cruddur.plan(scaled(a -> a.requestsPerTarget(200))).work()).isEmpty();
  }

  @Test
  void changingOneMetricsTargetUpdatesOnlyItsPolicy() {
    applied(scaled(ALL));
    Plan memory = cruddur.plan(scaled(a -> a.cpuPercent(60).memoryPercent(80).requestsPerTarget(500)));
    assertThat(work(memory)).containsExactly("~ " + POLICY + "memory");
    assertThat(memory.work().get(0).changes()).extracting(Change::property).containsExactly("targetValue");
    Plan requests = cruddur.plan(scaled(a -> a.cpuPercent(60).memoryPercent(70).requestsPerTarget(800)));
    assertThat(work(requests)).containsExactly("~ " + POLICY + "requests");
    applied(scaled(a -> a.cpuPercent(60).memoryPercent(80).requestsPerTarget(800)));
    assertThat(policies().get("cruddur-shop-api-memory").targetValue()).isEqualTo(80.0);
    assertThat(policies().get("cruddur-shop-api-requests").targetValue()).isEqualTo(800.0);
    assertThat(policies().get("cruddur-shop-api-cpu").targetValue()).isEqualTo(60.0);
    assertThat(cruddur.plan(scaled(a -> a.cpuPercent(60).memoryPercent(80).requestsPerTarget(800))).work())
        .isEmpty();
  }

  @Test
  void removingAMetricDeletesItsPolicyAndAddingOneCreatesIt() {
    applied(scaled(ALL));
    Plan cpuOnly = cruddur.plan(scaled(a -> a.cpuPercent(60)));
    assertThat(work(cpuOnly)).containsExactlyInAnyOrder("- " + POLICY + "memory", "- " + POLICY + "requests");
    applied(scaled(a -> a.cpuPercent(60)));
    assertThat(policies()).containsOnlyKeys("cruddur-shop-api-cpu");
    assertThat(cruddur.plan(scaled(a -> a.cpuPercent(60))).work()).isEmpty();

    Plan memoryOnly = cruddur.plan(scaled(a -> a.memoryPercent(75)));
    assertThat(work(memoryOnly)).containsExactlyInAnyOrder("+ " + POLICY + "memory", "- " + POLICY + "cpu");
    applied(scaled(a -> a.memoryPercent(75)));
    assertThat(policies()).containsOnlyKeys("cruddur-shop-api-memory");
    assertThat(cloud.autoScaling().findScalableTarget(AutoScalingPort.ECS, "service/shop/api",
        AutoScalingPort.ECS_DESIRED_COUNT)).as("the target stays while any metric is tracked").isPresent();
    assertThat(cruddur.plan(scaled(a -> a.memoryPercent(75))).work()).isEmpty();
  }

  @Test
  void destroyDeletesEveryPolicyThenTheTargetBeforeTheService() {
    applied(scaled(ALL));
    Plan destroy = cruddur.planDestroy(scaled(ALL));
    assertThat(work(destroy)).contains("- " + POLICY + "cpu", "- " + POLICY + "memory", "- " + POLICY + "requests",
        "- " + TARGET);
    Step target = destroy.work().stream().filter(s -> s.id().equals(TARGET)).findFirst().orElseThrow();
    assertThat(target.dependsOn()).extracting(Object::toString).contains(POLICY + "cpu", POLICY + "memory",
        POLICY + "requests");
    Outcome o = cruddur.apply(destroy);
    assertThat(o.succeeded()).as(o.toString()).isTrue();
    assertThat(cloud.autoScaling().listScalableTargets(AutoScalingPort.ECS)).isEmpty();
    assertThat(cloud.ecs().listServices("shop")).isEmpty();
  }

  @Test
  void aRequestsPolicyFollowsTheServiceToItsNewTargetGroup() {
    applied(scaled(ALL));
    String before = apiLabel();
    // A new port makes a new target group (its name carries a hash of the port).
    Stack moved = TestStacks.shop().toBuilder().services(List.of(Service.builder()
        .from(TestStacks.shop().service("api").orElseThrow()).port(8081).build(),
        TestStacks.shop().service("web").orElseThrow())).build();
    Plan plan = cruddur.plan(scaled(moved, ALL));
    Step requests = plan.work().stream().filter(s -> s.id().equals(POLICY + "requests")).findFirst().orElseThrow();
    assertThat(requests.action()).isEqualTo(Action.UPDATE);
    assertThat(requests.dependsOn()).as("after the service is attached to the new group")
        .extracting(Object::toString).contains("ecs.service shop/api");
    assertThat(requests.changes()).extracting(Change::property).containsExactly("resourceLabel.targetGroup");
    assertThat(work(plan)).doesNotContain("~ " + POLICY + "cpu", "~ " + POLICY + "memory");
    applied(scaled(moved, ALL));
    assertThat(apiLabel()).isNotEqualTo(before);
    assertThat(policies().get("cruddur-shop-api-requests").resourceLabel()).isEqualTo(apiLabel());
    assertThat(cruddur.plan(scaled(moved, ALL)).work()).isEmpty();
  }

  @Test
  void aStackSharingALoadBalancerScalesOnTheRequestsItsTargetGroupGetsThere() {
    applied(TestStacks.shop());
    Stack blog = TestStacks.blog();
    Stack scaledBlog = blog.toBuilder().services(List.of(Service.builder().from(blog.service("site").orElseThrow())
        .autoScaling(a -> a.min(1).max(3).requestsPerTarget(300)).build())).build();
    Outcome o = cruddur.apply(scaledBlog);
    assertThat(o.succeeded()).as(o.toString()).isTrue();
    var policy = cloud.autoScaling().listScalingPolicies(AutoScalingPort.ECS, "service/blog/site",
        AutoScalingPort.ECS_DESIRED_COUNT);
    String lb = cloud.elb().findLoadBalancer("shop-alb").orElseThrow().arn();
    String tg = cloud.ecs().findService("blog", "site").orElseThrow().spec().loadBalancers().get(0).targetGroupArn();
    assertThat(policy).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("cruddur-blog-site-requests");
      assertThat(p.targetTracking().resourceLabel()).isEqualTo(Arn.resourceLabel(lb, tg)).startsWith("app/shop-alb/");
    });
    assertThat(cruddur.plan(scaledBlog).work()).isEmpty();
  }
}
