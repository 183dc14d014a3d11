package io.cruddur.spec;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * Application Auto Scaling of a service's task count: a scalable target between {@code min} and {@code max} tasks
 * and one target-tracking policy per metric set: average CPU ({@code cpuPercent}), average memory
 * ({@code memoryPercent}) and load balancer requests per task ({@code requestsPerTarget}, for a service routed
 * through the stack's load balancer). At least one is set; with several, the service scales out when any is above
 * its target and in only when all are below theirs. Once the service runs, auto scaling owns its count: plans no
 * longer compare the spec's {@code desiredCount} with the running one.
 *
 * <ul><li>cpuPercent, memoryPercent, requestsPerTarget: not tracked</li><li>scaleOutCooldownSeconds: 60</li>
 * <li>scaleInCooldownSeconds: 300</li></ul>
 *
 * <p>Immutable and thread-safe; its builder is not.
 */
@Value.Immutable
public interface AutoScaling {
  int min();

  int max();

  /** The average CPU utilisation of the service's tasks to keep, in percent (1-100); absent: not tracked. */
  Optional<Integer> cpuPercent();

  /** The average memory utilisation of the service's tasks to keep, in percent (1-100); absent: not tracked. */
  Optional<Integer> memoryPercent();

  /**
   * The requests per minute each task should receive from the load balancer on average (its
   * {@code RequestCountPerTarget}); absent: not tracked. Only for a service with a route on the stack's load
   * balancer.
   */
  Optional<Integer> requestsPerTarget();

  @Value.Default
  default int scaleOutCooldownSeconds() {
    return 60;
  }

  @Value.Default
  default int scaleInCooldownSeconds() {
    return 300;
  }

  /** Between {@code min} and {@code max} tasks, keeping the average CPU at {@code cpuPercent}. */
  static AutoScaling of(int min, int max, int cpuPercent) {
    return builder().min(min).max(max).cpuPercent(cpuPercent).build();
  }

  static Builder builder() {
    return new Builder();
  }

  class Builder extends ImmutableAutoScaling.Builder {}
}
