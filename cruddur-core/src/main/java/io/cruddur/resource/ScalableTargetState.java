package io.cruddur.resource;

/**
 * {@code applicationautoscaling.scalable-target}: the capacity range of a resource, here an ECS service's task count
 * ({@code resourceId} {@code service/<cluster>/<service>}).
 */
public record ScalableTargetState(@RequiresReplace String namespace, @RequiresReplace Value<String> resourceId,
    @RequiresReplace String dimension, int minCapacity, int maxCapacity) implements ResourceState {
  public record Outputs(String arn, String resourceId) {}
}
