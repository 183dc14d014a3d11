package io.cruddur.resource;

/**
 * {@code applicationautoscaling.scaling-policy}: a target-tracking policy of a scalable target, keeping a predefined
 * metric (an ECS service's average CPU) at {@code targetValue}.
 */
public record ScalingPolicyState(@RequiresReplace String name, @RequiresReplace String namespace,
    @RequiresReplace Value<String> resourceId, @RequiresReplace String dimension, String predefinedMetric,
    double targetValue, int scaleOutCooldownSeconds, int scaleInCooldownSeconds) implements ResourceState {
  public record Outputs(String arn) {}

  /** What Cruddur's policies track, by the last part of their names. */
  public static final java.util.List<String> METRICS = java.util.List.of("cpu");

  /**
   * The name of Cruddur's policy of {@code stack} tracking {@code metric} for {@code service}: policies carry no
   * tags, so a policy is the stack's only if its name is one of these.
   */
  public static String nameFor(String stack, String service, String metric) {
    return "cruddur-" + stack + "-" + service + "-" + metric;
  }
}
