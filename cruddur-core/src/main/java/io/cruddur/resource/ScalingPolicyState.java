package io.cruddur.resource;

/**
 * {@code applicationautoscaling.scaling-policy}: a target-tracking policy of a scalable target, keeping a predefined
 * metric (an ECS service's average CPU) at {@code targetValue}.
 */
public record ScalingPolicyState(@RequiresReplace String name, @RequiresReplace String namespace,
    @RequiresReplace Value<String> resourceId, @RequiresReplace String dimension, String predefinedMetric,
    double targetValue, int scaleOutCooldownSeconds, int scaleInCooldownSeconds) implements ResourceState {
  public record Outputs(String arn) {}
}
