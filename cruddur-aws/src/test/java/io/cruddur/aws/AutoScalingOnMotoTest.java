package io.cruddur.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.Cruddur;
import io.cruddur.apply.Outcome;
import io.cruddur.port.AutoScalingPort;
import io.cruddur.port.Cloud;
import io.cruddur.spec.Image;
import io.cruddur.spec.Stack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Auto scaling through the planner, the executor and the AWS adapter on moto: create, no-op, update in place,
 * destroy (policy before target, target before service). moto's dropped ECS settings are compensated, so that the
 * no-op plan shows what Cruddur itself would change.
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
}
