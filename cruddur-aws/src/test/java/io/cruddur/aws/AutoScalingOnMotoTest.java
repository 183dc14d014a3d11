package io.cruddur.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.Cruddur;
import io.cruddur.apply.Outcome;
import io.cruddur.base.Arn;
import io.cruddur.port.AutoScalingPort;
import io.cruddur.port.Cloud;
import io.cruddur.spec.AutoScaling;
import io.cruddur.spec.Image;
import io.cruddur.spec.Stack;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Auto scaling through the planner, the executor and the AWS adapter on moto: create, no-op, update in place,
 * destroy (policy before target, target before service), on CPU alone and on CPU, memory and the load balancer's
 * requests per target. moto's dropped ECS settings are compensated, so that the no-op plan shows what Cruddur
 * itself would change.
 */
@ExtendWith(Moto.class)
class AutoScalingOnMotoTest {
  private static Stack stack(int max, int cpu) {
    return Stack.builder().name("scaled").addService(s -> s.name("api")
        .image(Image.of("public.ecr.aws/nginx/nginx:1.27")).autoScaling(1, max, cpu)).build();
  }

  @Test
  void aScaledServiceAppliesReappliesUpdatesAndDestroysOnMoto() {
    try (AwsCloud aws = Moto.cloud().build()) {
      Cloud cloud = new MotoCompensation().wrap(aws);
      Cruddur cruddur = Cruddur.with(cloud);
      Outcome created = cruddur.apply(stack(3, 50));
      assertThat(created.succeeded()).as(String.valueOf(created)).isTrue();
      String id = "service/scaled/api";
      assertThat(cloud.autoScaling().findScalableTarget(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT))
          .hasValueSatisfying(t -> assertThat(t.maxCapacity()).isEqualTo(3));
      assertThat(cloud.autoScaling().listScalingPolicies(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT))
          .singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("cruddur-scaled-api-cpu");
            assertThat(p.targetTracking().targetValue()).isEqualTo(50.0);
          });
      assertThat(cruddur.plan(stack(3, 50)).work()).as("nothing to change").isEmpty();

      assertThat(cruddur.plan(stack(5, 70)).work()).extracting(s -> s.action().symbol() + " " + s.resource())
          .containsExactly("~ applicationautoscaling.scalable-target service/scaled/api",
              "~ applicationautoscaling.scaling-policy service/scaled/api cruddur-scaled-api-cpu");
      assertThat(cruddur.apply(stack(5, 70)).succeeded()).isTrue();
      assertThat(cloud.autoScaling().findScalableTarget(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT))
          .hasValueSatisfying(t -> assertThat(t.maxCapacity()).isEqualTo(5));
      assertThat(cruddur.plan(stack(5, 70)).work()).isEmpty();

      Outcome destroyed = cruddur.destroy(stack(5, 70));
      assertThat(destroyed.succeeded()).as(String.valueOf(destroyed)).isTrue();
      assertThat(cloud.autoScaling().listScalableTargets(AutoScalingPort.ECS)).isEmpty();
      assertThat(cloud.ecs().listServices("scaled")).isEmpty();
    }
  }

  /** A service routed through the stack's load balancer (HTTP only), scaled between 1 and 4 tasks. */
  private static Stack routed(Consumer<AutoScaling.Builder> metrics) {
    return Stack.builder().name("routed").loadBalancer(lb -> lb.name("routed-alb").redirectHttpToHttps(false))
        .addService(s -> s.name("api").image(Image.of("public.ecr.aws/nginx/nginx:1.27")).port(80)
            .route(r -> r.path("/*")).autoScaling(a -> metrics.accept(a.min(1).max(4)))).build();
  }

  private static Map<String, AutoScalingPort.TargetTracking> policies(Cloud cloud) {
    Map<String, AutoScalingPort.TargetTracking> out = new TreeMap<>();
    cloud.autoScaling().listScalingPolicies(AutoScalingPort.ECS, "service/routed/api",
        AutoScalingPort.ECS_DESIRED_COUNT).forEach(p -> out.put(p.name(), p.targetTracking()));
    return out;
  }

  @Test
  void aServiceScaledOnCpuMemoryAndRequestsAppliesReappliesDropsAMetricAndDestroysOnMoto() {
    try (AwsCloud aws = Moto.cloud().build()) {
      Cloud cloud = new MotoCompensation().wrap(aws);
      Cruddur cruddur = Cruddur.with(cloud);
      Consumer<AutoScaling.Builder> all = a -> a.cpuPercent(50).memoryPercent(70).requestsPerTarget(500);
      Outcome created = cruddur.apply(routed(all));
      assertThat(created.succeeded()).as(String.valueOf(created)).isTrue();
      String lb = cloud.elb().findLoadBalancer("routed-alb").orElseThrow().arn();
      String tg = cloud.ecs().findService("routed", "api").orElseThrow().spec().loadBalancers().get(0)
          .targetGroupArn();
      assertThat(policies(cloud)).containsOnlyKeys("cruddur-routed-api-cpu", "cruddur-routed-api-memory",
          "cruddur-routed-api-requests");
      assertThat(policies(cloud).get("cruddur-routed-api-memory")).isEqualTo(new AutoScalingPort.TargetTracking(
          AutoScalingPort.ECS_MEMORY, null, 70, 60, 300));
      assertThat(policies(cloud).get("cruddur-routed-api-requests")).isEqualTo(new AutoScalingPort.TargetTracking(
          AutoScalingPort.ALB_REQUESTS, Arn.resourceLabel(lb, tg), 500, 60, 300));
      assertThat(cruddur.plan(routed(all)).work()).as("nothing to change").isEmpty();

      Consumer<AutoScaling.Builder> noCpu = a -> a.memoryPercent(80).requestsPerTarget(500);
      assertThat(cruddur.plan(routed(noCpu)).work()).extracting(s -> s.action().symbol() + " " + s.resource())
          .containsExactlyInAnyOrder(
              "~ applicationautoscaling.scaling-policy service/routed/api cruddur-routed-api-memory",
              "- applicationautoscaling.scaling-policy service/routed/api cruddur-routed-api-cpu");
      Outcome updated = cruddur.apply(routed(noCpu));
      assertThat(updated.succeeded()).as(String.valueOf(updated)).isTrue();
      assertThat(policies(cloud)).containsOnlyKeys("cruddur-routed-api-memory", "cruddur-routed-api-requests");
      assertThat(policies(cloud).get("cruddur-routed-api-memory").targetValue()).isEqualTo(80.0);
      assertThat(cruddur.plan(routed(noCpu)).work()).isEmpty();

      Outcome destroyed = cruddur.destroy(routed(noCpu));
      assertThat(destroyed.succeeded()).as(String.valueOf(destroyed)).isTrue();
      assertThat(policies(cloud)).isEmpty();
      assertThat(cloud.autoScaling().findScalableTarget(AutoScalingPort.ECS, "service/routed/api",
          AutoScalingPort.ECS_DESIRED_COUNT)).isEmpty();
      assertThat(cloud.elb().findLoadBalancer("routed-alb")).isEmpty();
    }
  }
}
