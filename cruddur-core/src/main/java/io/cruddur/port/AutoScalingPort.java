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

  /** Target tracking on a predefined metric, e.g. {@code ECSServiceAverageCPUUtilization}. */
  record TargetTracking(String predefinedMetric, double targetValue, int scaleOutCooldownSeconds,
      int scaleInCooldownSeconds) {}

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
   */
  ScalingPolicy putScalingPolicy(String name, String namespace, String resourceId, String dimension,
      TargetTracking targetTracking);

  /** @throws CloudException.NotFound if there is no such policy */
  void deleteScalingPolicy(String name, String namespace, String resourceId, String dimension);
}
