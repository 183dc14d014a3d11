package io.cruddur.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.port.AutoScalingPort;
import io.cruddur.port.CloudException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Application Auto Scaling of ECS services: scalable targets and target-tracking policies. */
public interface AutoScalingContract extends EcsContract {
  AutoScalingPort.TargetTracking CPU_60 = new AutoScalingPort.TargetTracking("ECSServiceAverageCPUUtilization",
      60.0, 60, 300);

  @BeforeEach
  default void autoScalingIsOffered() {
    requireService("application-autoscaling");
  }

  /** A running service to scale: its resource id {@code service/<cluster>/web}. */
  default String scalableService() {
    String cluster = unique("cluster");
    cloud().ecs().createCluster(cluster, false, null, tags());
    var td = cloud().ecs().registerTaskDefinition(taskDefinition(unique("f"), "nginx:1"));
    consistent(() -> cloud().ecs().createService(serviceSpec(cluster, "web", td.arn(), 1), "t-" + cluster));
    return "service/" + cluster + "/web";
  }

  @Test
  default void aScalableTargetIsRegisteredOnceAndUpdatedInPlace() {
    String id = scalableService();
    var first = cloud().autoScaling().registerScalableTarget(AutoScalingPort.ECS, id,
        AutoScalingPort.ECS_DESIRED_COUNT, 1, 4, tags());
    assertThat(cloud().autoScaling().findScalableTarget(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT))
        .hasValueSatisfying(t -> {
          assertThat(t.minCapacity()).isEqualTo(1);
          assertThat(t.maxCapacity()).isEqualTo(4);
        });
    var again = cloud().autoScaling().registerScalableTarget(AutoScalingPort.ECS, id,
        AutoScalingPort.ECS_DESIRED_COUNT, 2, 6, tags());
    assertThat(again.arn()).as("registering again updates the same target").isEqualTo(first.arn());
    assertThat(cloud().autoScaling().listScalableTargets(AutoScalingPort.ECS))
        .filteredOn(t -> t.resourceId().equals(id)).singleElement().satisfies(t -> {
          assertThat(t.minCapacity()).isEqualTo(2);
          assertThat(t.maxCapacity()).isEqualTo(6);
          assertThat(t.dimension()).isEqualTo(AutoScalingPort.ECS_DESIRED_COUNT);
        });
  }

  @Test
  default void aScalableTargetNeedsAnExistingService() {
    String cluster = unique("cluster");
    cloud().ecs().createCluster(cluster, false, null, tags());
    assertThatThrownBy(() -> cloud().autoScaling().registerScalableTarget(AutoScalingPort.ECS,
        "service/" + cluster + "/nope", AutoScalingPort.ECS_DESIRED_COUNT, 1, 2, tags()))
        .isInstanceOf(CloudException.Invalid.class);
  }

  @Test
  default void aPolicyIsReplacedByName() {
    String id = scalableService();
    cloud().autoScaling().registerScalableTarget(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT, 1, 4,
        tags());
    cloud().autoScaling().putScalingPolicy("cpu", AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT, CPU_60);
    var cpu70 = new AutoScalingPort.TargetTracking(CPU_60.predefinedMetric(), 70.0, 30, 120);
    cloud().autoScaling().putScalingPolicy("cpu", AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT, cpu70);
    assertThat(cloud().autoScaling().listScalingPolicies(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT))
        .singleElement().satisfies(p -> {
          assertThat(p.name()).isEqualTo("cpu");
          assertThat(p.targetTracking()).isEqualTo(cpu70);
          assertThat(p.arn()).isNotBlank();
        });
  }

  @Test
  default void deregisteringATargetDeletesItsPolicies() {
    requireNo(Gap.AUTO_SCALING_POLICIES_OUTLIVE_TARGET);
    String id = scalableService();
    cloud().autoScaling().registerScalableTarget(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT, 1, 4,
        tags());
    cloud().autoScaling().putScalingPolicy("cpu", AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT, CPU_60);
    cloud().autoScaling().deregisterScalableTarget(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT);
    assertThat(cloud().autoScaling().findScalableTarget(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT))
        .isEmpty();
    assertThat(cloud().autoScaling().listScalingPolicies(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT))
        .as("deregistering a target deletes its policies").isEmpty();
  }

  @Test
  default void aMissingTargetOrPolicyIsNotFound() {
    requireNo(Gap.AUTO_SCALING_LAX_ABOUT_MISSING);
    String id = scalableService();
    assertThatThrownBy(() -> cloud().autoScaling().putScalingPolicy("cpu", AutoScalingPort.ECS, id,
        AutoScalingPort.ECS_DESIRED_COUNT, CPU_60)).isInstanceOf(CloudException.NotFound.class);
    assertThatThrownBy(() -> cloud().autoScaling().deregisterScalableTarget(AutoScalingPort.ECS, id,
        AutoScalingPort.ECS_DESIRED_COUNT)).isInstanceOf(CloudException.NotFound.class);
    cloud().autoScaling().registerScalableTarget(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT, 1, 2,
        tags());
    assertThatThrownBy(() -> cloud().autoScaling().deleteScalingPolicy("nope", AutoScalingPort.ECS, id,
        AutoScalingPort.ECS_DESIRED_COUNT)).isInstanceOf(CloudException.NotFound.class);
  }

  @Test
  default void minimumAboveMaximumIsInvalid() {
    requireNo(Gap.AUTO_SCALING_ACCEPTS_MIN_ABOVE_MAX);
    String id = scalableService();
    assertThatThrownBy(() -> cloud().autoScaling().registerScalableTarget(AutoScalingPort.ECS, id,
        AutoScalingPort.ECS_DESIRED_COUNT, 5, 2, tags())).isInstanceOf(CloudException.Invalid.class);
  }
}
