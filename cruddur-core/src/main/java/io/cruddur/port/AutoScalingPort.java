package io.cruddur.port;

import java.util.Map;

/**
 * Application Auto Scaling: scalable targets (a resource's capacity between a minimum and a maximum) and their
 * target-tracking policies. Only what Cruddur uses: ECS services' desired count.
 */
public interface AutoScalingPort extends AutoScalingReads {
  /** The ECS namespace and the dimension of a service's task count. */
  String ECS = "ecs";
  String ECS_DESIRED_COUNT = "ecs:service:DesiredCount";

  /** {@code resourceId}: {@code service/<cluster>/<service>} for ECS. */
  record ScalableTarget(String namespace, String resourceId, String dimension, int minCapacity, int maxCapacity,
      String arn) {}

  /** The predefined metrics of an ECS service: average CPU and memory in percent, ALB requests per target. */
  String ECS_CPU = "ECSServiceAverageCPUUtilization";
  String ECS_MEMORY = "ECSServiceAverageMemoryUtilization";
  String ALB_REQUESTS = "ALBRequestCountPerTarget";

  /**
   * Target tracking on a predefined metric ({@link #ECS_CPU}, ...). {@code resourceLabel} names the load balancer
   * and target group whose requests {@link #ALB_REQUESTS} counts, {@code app/<alb>/<id>/targetgroup/<tg>/<id>}
   * ({@code base.Arn.resourceLabel}); null for every other metric.
   */
  record TargetTracking(String predefinedMetric, String resourceLabel, double targetValue,
      int scaleOutCooldownSeconds, int scaleInCooldownSeconds) {
    /** Tracking a metric that takes no resource label. */
    public TargetTracking(String predefinedMetric, double targetValue, int scaleOutCooldownSeconds,
        int scaleInCooldownSeconds) {
      this(predefinedMetric, null, targetValue, scaleOutCooldownSeconds, scaleInCooldownSeconds);
    }
  }

  record ScalingPolicy(String name, String arn, String namespace, String resourceId, String dimension,
      TargetTracking targetTracking) {}

  /**
   * Registers a scalable target, or updates the capacity of the one registered: repeating it is safe.
   *
   * @throws CloudException.Invalid if the resource does not exist or {@code min > max}
   */
  ScalableTarget registerScalableTarget(String namespace, String resourceId, String dimension, int min, int max,
      Map<String, String> tags);

  /**
   * Deregisters a scalable target and deletes its policies.
   *
   * @throws CloudException.NotFound if none is registered
   */
  void deregisterScalableTarget(String namespace, String resourceId, String dimension);

  /**
   * Creates or replaces a target-tracking policy of a registered target: repeating it is safe.
   *
   * @throws CloudException.NotFound if the target is not registered
   * @throws CloudException.Invalid if the resource label is missing for {@link #ALB_REQUESTS}, given for another
   *     metric, or does not name a target group of the service on that load balancer
   */
  ScalingPolicy putScalingPolicy(String name, String namespace, String resourceId, String dimension,
      TargetTracking targetTracking);

  /** @throws CloudException.NotFound if there is no such policy */
  void deleteScalingPolicy(String name, String namespace, String resourceId, String dimension);
}
