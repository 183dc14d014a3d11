package io.cruddur.aws;

import io.cruddur.port.AutoScalingPort;
import io.cruddur.port.CloudException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.PredefinedMetricSpecification;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;

/**
 * Application Auto Scaling. RegisterScalableTarget and PutScalingPolicy create or update, so repeating them is safe.
 * A policy's resource label (requests per target) is sent and read back as is; a null one is left out.
 */
final class AwsAutoScaling implements AutoScalingPort {
  private final Supplier<ApplicationAutoScalingClient> aas;
  private final Calls calls;

  AwsAutoScaling(Supplier<ApplicationAutoScalingClient> aas, Calls calls) {
    this.aas = aas;
    this.calls = calls;
  }

  private static ScalableTarget view(software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget t) {
    return new ScalableTarget(t.serviceNamespaceAsString(), t.resourceId(), t.scalableDimensionAsString(),
        t.minCapacity(), t.maxCapacity(), t.scalableTargetARN());
  }

  private static ScalingPolicy view(software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy p) {
    TargetTrackingScalingPolicyConfiguration c = p.targetTrackingScalingPolicyConfiguration();
    return new ScalingPolicy(p.policyName(), p.policyARN(), p.serviceNamespaceAsString(), p.resourceId(),
        p.scalableDimensionAsString(), c == null ? null : view(c));
  }

  private static TargetTracking view(TargetTrackingScalingPolicyConfiguration c) {
    PredefinedMetricSpecification m = c.predefinedMetricSpecification();
    return new TargetTracking(m == null ? null : m.predefinedMetricTypeAsString(), m == null ? null
        : m.resourceLabel(), c.targetValue(), c.scaleOutCooldown() == null ? 0 : c.scaleOutCooldown(),
        c.scaleInCooldown() == null ? 0 : c.scaleInCooldown());
  }

  @Override
  public ScalableTarget registerScalableTarget(String namespace, String resourceId, String dimension, int min,
      int max, Map<String, String> tags) {
    var response = calls.write("application-autoscaling:RegisterScalableTarget", () -> aas.get().registerScalableTarget(
        b -> b.serviceNamespace(namespace).resourceId(resourceId).scalableDimension(dimension).minCapacity(min)
            .maxCapacity(max).tags(tags.isEmpty() ? null : tags)));
    return findScalableTarget(namespace, resourceId, dimension).orElseGet(() -> new ScalableTarget(namespace,
        resourceId, dimension, min, max, response.scalableTargetARN()));
  }

  @Override
  public void deregisterScalableTarget(String namespace, String resourceId, String dimension) {
    calls.write("application-autoscaling:DeregisterScalableTarget", () -> aas.get().deregisterScalableTarget(b -> b
        .serviceNamespace(namespace).resourceId(resourceId).scalableDimension(dimension)));
  }

  @Override
  public ScalingPolicy putScalingPolicy(String name, String namespace, String resourceId, String dimension,
      TargetTracking t) {
    var response = calls.write("application-autoscaling:PutScalingPolicy", () -> aas.get().putScalingPolicy(b -> b
        .policyName(name).serviceNamespace(namespace).resourceId(resourceId).scalableDimension(dimension)
        .policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(c -> c
            .targetValue(t.targetValue())
            .predefinedMetricSpecification(m -> m.predefinedMetricType(t.predefinedMetric())
                .resourceLabel(t.resourceLabel()))
            .scaleOutCooldown(t.scaleOutCooldownSeconds()).scaleInCooldown(t.scaleInCooldownSeconds()))));
    return new ScalingPolicy(name, response.policyARN(), namespace, resourceId, dimension, t);
  }

  @Override
  public void deleteScalingPolicy(String name, String namespace, String resourceId, String dimension) {
    calls.write("application-autoscaling:DeleteScalingPolicy", () -> aas.get().deleteScalingPolicy(b -> b
        .policyName(name).serviceNamespace(namespace).resourceId(resourceId).scalableDimension(dimension)));
  }

  @Override
  public Optional<ScalableTarget> findScalableTarget(String namespace, String resourceId, String dimension) {
    return calls.read("application-autoscaling:DescribeScalableTargets", () -> aas.get().describeScalableTargets(b -> b
        .serviceNamespace(namespace).resourceIds(resourceId).scalableDimension(dimension)).scalableTargets())
        .stream().filter(t -> t.resourceId().equals(resourceId)).findFirst().map(AwsAutoScaling::view);
  }

  @Override
  public List<ScalableTarget> listScalableTargets(String namespace) {
    return calls.read("application-autoscaling:DescribeScalableTargets", () -> aas.get()
        .describeScalableTargetsPaginator(b -> b.serviceNamespace(namespace)).scalableTargets().stream()
        .map(AwsAutoScaling::view).toList());
  }

  @Override
  public List<ScalingPolicy> listScalingPolicies(String namespace, String resourceId, String dimension) {
    try {
      return calls.read("application-autoscaling:DescribeScalingPolicies", () -> aas.get()
          .describeScalingPoliciesPaginator(b -> b.serviceNamespace(namespace).resourceId(resourceId)
              .scalableDimension(dimension)).scalingPolicies().stream().map(AwsAutoScaling::view).toList());
    } catch (CloudException.NotFound e) {
      return List.of();
    }
  }
}
