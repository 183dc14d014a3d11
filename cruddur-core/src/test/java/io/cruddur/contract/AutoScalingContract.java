package io.cruddur.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.base.Arn;
import io.cruddur.port.AutoScalingPort;
import io.cruddur.port.CloudException;
import io.cruddur.port.EcsPort;
import io.cruddur.port.ElbPort;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Application Auto Scaling of ECS services: scalable targets and target-tracking policies on CPU, memory and the
 * requests per target of the load balancer in front of the service.
 */
public interface AutoScalingContract extends EcsContract, EdgeContract {
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

  /** A service registered with a target group that an HTTP:80 listener of its load balancer forwards to. */
  record Balanced(String resourceId, ElbPort.LoadBalancer loadBalancer, ElbPort.TargetGroup targetGroup,
      ElbPort.Listener listener) {
    /** The resource label of the service's target group on its load balancer. */
    public String label() {
      return Arn.resourceLabel(loadBalancer.arn(), targetGroup.arn());
    }
  }

  /** A running service behind a load balancer, with a registered scalable target. */
  default Balanced balancedService() {
    var lb = loadBalancer(unique("alb"));
    var tg = targetGroup(unique("tg"));
    var listener = cloud().elb().createListener(lb.arn(), "HTTP", 80, null, null, ElbPort.Action.forward(tg.arn()),
        tags());
    String cluster = unique("cluster");
    cloud().ecs().createCluster(cluster, false, null, tags());
    var td = cloud().ecs().registerTaskDefinition(taskDefinition(unique("f"), "nginx:1"));
    var s = serviceSpec(cluster, "web", td.arn(), 1);
    var attached = new EcsPort.ServiceSpec(s.cluster(), s.name(), s.taskDefinitionArn(), s.desiredCount(),
        s.subnets(), s.securityGroups(), s.assignPublicIp(), List.of(new EcsPort.LoadBalancerAttachment(tg.arn(),
        "app", 4567)), s.serviceConnect(), s.enableExecuteCommand(), s.circuitBreaker(), s.rollback(),
        s.minHealthyPercent(), s.maxPercent(), s.propagateTags(), s.tags());
    consistent(() -> cloud().ecs().createService(attached, "t-" + cluster));
    String id = "service/" + cluster + "/web";
    cloud().autoScaling().registerScalableTarget(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT, 1, 4,
        tags());
    return new Balanced(id, lb, tg, listener);
  }

  private void put(String name, String resourceId, AutoScalingPort.TargetTracking tracking) {
    cloud().autoScaling().putScalingPolicy(name, AutoScalingPort.ECS, resourceId, AutoScalingPort.ECS_DESIRED_COUNT,
        tracking);
  }

  @Test
  default void policiesOnCpuMemoryAndRequestsKeepTheirMetricAndLabel() {
    Balanced b = balancedService();
    var memory = new AutoScalingPort.TargetTracking(AutoScalingPort.ECS_MEMORY, 70.0, 60, 300);
    var requests = new AutoScalingPort.TargetTracking(AutoScalingPort.ALB_REQUESTS, b.label(), 500.0, 60, 300);
    put("cpu", b.resourceId(), CPU_60);
    put("memory", b.resourceId(), memory);
    put("requests", b.resourceId(), requests);
    var more = new AutoScalingPort.TargetTracking(AutoScalingPort.ALB_REQUESTS, b.label(), 800.0, 30, 120);
    put("requests", b.resourceId(), more);
    assertThat(cloud().autoScaling().listScalingPolicies(AutoScalingPort.ECS, b.resourceId(),
        AutoScalingPort.ECS_DESIRED_COUNT)).extracting(AutoScalingPort.ScalingPolicy::name,
            AutoScalingPort.ScalingPolicy::targetTracking)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("cpu", CPU_60),
            org.assertj.core.groups.Tuple.tuple("memory", memory),
            org.assertj.core.groups.Tuple.tuple("requests", more));
    assertThat(more.resourceLabel()).startsWith("app/" + b.loadBalancer().name() + "/")
        .contains("/targetgroup/" + b.targetGroup().name() + "/");
  }

  @Test
  default void aResourceLabelGoesWithRequestCountsAndNothingElse() {
    requireNo(Gap.AUTO_SCALING_ACCEPTS_ANY_RESOURCE_LABEL);
    Balanced b = balancedService();
    assertThatThrownBy(() -> put("requests", b.resourceId(), new AutoScalingPort.TargetTracking(
        AutoScalingPort.ALB_REQUESTS, null, 500.0, 60, 300))).as("requests without a label")
        .isInstanceOf(CloudException.Invalid.class);
    assertThatThrownBy(() -> put("memory", b.resourceId(), new AutoScalingPort.TargetTracking(
        AutoScalingPort.ECS_MEMORY, b.label(), 70.0, 60, 300))).as("memory with a label")
        .isInstanceOf(CloudException.Invalid.class);
    assertThat(cloud().autoScaling().listScalingPolicies(AutoScalingPort.ECS, b.resourceId(),
        AutoScalingPort.ECS_DESIRED_COUNT)).isEmpty();
  }

  @Test
  default void aRequestsLabelNamesTheServicesTargetGroupOnTheLoadBalancerItIsAttachedTo() {
    requireNo(Gap.AUTO_SCALING_ACCEPTS_ANY_RESOURCE_LABEL);
    Balanced b = balancedService();
    var otherBalancer = loadBalancer(unique("alb"));
    var otherGroup = targetGroup(unique("tg"));
    cloud().elb().createRule(b.listener().arn(), 10, List.of("other.example.com"), List.of(),
        ElbPort.Action.forward(otherGroup.arn()), tags());
    for (String label : List.of(Arn.resourceLabel(otherBalancer.arn(), b.targetGroup().arn()),
        Arn.resourceLabel(b.loadBalancer().arn(), otherGroup.arn()), "app/nope/0123456789abcdef")) {
      assertThatThrownBy(() -> put("requests", b.resourceId(), new AutoScalingPort.TargetTracking(
          AutoScalingPort.ALB_REQUESTS, label, 500.0, 60, 300))).as(label)
          .isInstanceOf(CloudException.Invalid.class);
    }
    put("requests", b.resourceId(), new AutoScalingPort.TargetTracking(AutoScalingPort.ALB_REQUESTS, b.label(),
        500.0, 60, 300));
    assertThat(cloud().autoScaling().listScalingPolicies(AutoScalingPort.ECS, b.resourceId(),
        AutoScalingPort.ECS_DESIRED_COUNT)).singleElement()
        .satisfies(p -> assertThat(p.targetTracking().resourceLabel()).isEqualTo(b.label()));
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
