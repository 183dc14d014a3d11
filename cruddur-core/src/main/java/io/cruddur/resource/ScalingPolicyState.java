package io.cruddur.resource;

import java.util.List;

/**
 * {@code applicationautoscaling.scaling-policy}: a target-tracking policy of a scalable target, keeping a predefined
 * metric (an ECS service's average CPU or memory, or its load balancer requests per task) at {@code targetValue}.
 * {@code resourceLabel} is null but for requests per target.
 */
public record ScalingPolicyState(@RequiresReplace String name, @RequiresReplace String namespace,
    @RequiresReplace Value<String> resourceId, @RequiresReplace String dimension, String predefinedMetric,
    ResourceLabel resourceLabel, double targetValue, int scaleOutCooldownSeconds, int scaleInCooldownSeconds)
    implements ResourceState {
  public record Outputs(String arn) {}

  /**
   * The load balancer ({@code app/<alb>/<id>}) and target group ({@code targetgroup/<tg>/<id>}) whose requests per
   * target a policy tracks: the last parts of their ARNs, outputs of those resources.
   */
  public record ResourceLabel(Value<String> loadBalancer, Value<String> targetGroup) {
    /** The label as Application Auto Scaling takes it. @throws IllegalStateException if a part is not known */
    public String text() {
      return loadBalancer.get() + "/" + targetGroup.get();
    }

    /** The parts of {@code label} as read from the cloud; null for none. */
    public static ResourceLabel parse(String label) {
      if (label == null) {
        return null;
      }
      int at = label.indexOf("/targetgroup/");
      return at < 0 ? new ResourceLabel(Value.of(label), Value.of("")) : new ResourceLabel(
          Value.of(label.substring(0, at)), Value.of(label.substring(at + 1)));
    }
  }

  /** What Cruddur's policies track, by the last part of their names. */
  public static final List<String> METRICS = List.of("cpu", "memory", "requests");

  /**
   * The name of Cruddur's policy of {@code stack} tracking {@code metric} (one of {@link #METRICS}) for
   * {@code service}: policies carry no tags, so a policy is the stack's only if its name is one of these.
   */
  public static String nameFor(String stack, String service, String metric) {
    return "cruddur-" + stack + "-" + service + "-" + metric;
  }

  /** The label to send, or null for a metric that takes none. */
  public String resourceLabelText() {
    return resourceLabel == null ? null : resourceLabel.text();
  }
}
