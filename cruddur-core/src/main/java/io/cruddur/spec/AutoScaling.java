package io.cruddur.spec;

import org.immutables.value.Value;

/**
 * Application Auto Scaling of a service's task count: a scalable target between {@code min} and {@code max} tasks
 * and a target-tracking policy that keeps the service's average CPU at {@code cpuPercent}. Once the service runs,
 * auto scaling owns its count: plans no longer compare the spec's {@code desiredCount} with the running one.
 *
 * <ul><li>scaleOutCooldownSeconds: 60</li><li>scaleInCooldownSeconds: 300</li></ul>
 */
@Value.Immutable
public interface AutoScaling {
  int min();

  int max();

  /** The average CPU utilisation of the service's tasks to keep, in percent. */
  int cpuPercent();

  @Value.Default
  default int scaleOutCooldownSeconds() {
    return 60;
  }

  @Value.Default
  default int scaleInCooldownSeconds() {
    return 300;
  }

  static AutoScaling of(int min, int max, int cpuPercent) {
    return builder().min(min).max(max).cpuPercent(cpuPercent).build();
  }

  static Builder builder() {
    return new Builder();
  }

  class Builder extends ImmutableAutoScaling.Builder {}
}
