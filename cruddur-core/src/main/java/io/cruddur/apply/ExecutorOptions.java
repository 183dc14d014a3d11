package io.cruddur.apply;

import io.cruddur.resource.Backoff;
import java.time.Duration;

/**
 * How the executor runs a plan.
 *
 * <ul><li>parallelism: 4 steps at once (waits run beside them and do not count)</li>
 * <li>stepTimeout: 10 minutes for one create, update or delete, retries included</li>
 * <li>initialBackoff: 1 s, doubling with jitter to maxBackoff: 20 s, for throttling and eventual consistency</li>
 * <li>inUseGrace: 5 minutes during which a delete refused by a hold that clears by itself
 * ({@link io.cruddur.port.CloudException.InUse#mayClearItself()}) is tried again: AWS releases what a deleted
 * resource used minutes later (a load balancer's network interfaces, a listener's certificate). A hold that stays
 * (a zone with records, a role with policies) fails the delete at once. A create refused as a conflict while
 * nothing holding the name is visible yet (an earlier run's create, not described yet) is tried again for as long
 * too.</li>
 * <li>holdBackoff: {@code new Backoff(1 s, 1.5, 5 s, 0.2)}: how such a hold is tried again: after 1 s,
 * then 1.5 times longer each time up to one try every 5 s (up to 20 % cut at random), instead of the doubling to
 * 20 s above. The delete itself is the probe (AWS has no call that says when the hold ends): it lands within 5 s of
 * the hold's end, and a hold of minutes costs one call per 5 s per resource (a security group's DependencyViolation,
 * a certificate's ResourceInUseException), far below EC2's and ACM's request rates.</li>
 * <li>waitForDeployments: true; false starts deployments without waiting for them to become stable (waits
 * that later steps need, such as the certificate, the load balancer or a drained service, still run)</li></ul>
 */
public record ExecutorOptions(int parallelism, Duration stepTimeout, Duration initialBackoff, Duration maxBackoff,
    Duration inUseGrace, Backoff holdBackoff, boolean waitForDeployments) {
  public ExecutorOptions {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1");
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("initialBackoff must be >= 0 and <= maxBackoff");
    }
    java.util.Objects.requireNonNull(holdBackoff, "holdBackoff");
  }

  public static ExecutorOptions defaults() {
    return new ExecutorOptions(4, Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofSeconds(20),
        Duration.ofMinutes(5), new Backoff(Duration.ofSeconds(1), 1.5, Duration.ofSeconds(5), 0.2), true);
  }

  public ExecutorOptions withParallelism(int n) {
    return new ExecutorOptions(n, stepTimeout, initialBackoff, maxBackoff, inUseGrace, holdBackoff,
        waitForDeployments);
  }

  public ExecutorOptions withWaitForDeployments(boolean wait) {
    return new ExecutorOptions(parallelism, stepTimeout, initialBackoff, maxBackoff, inUseGrace, holdBackoff, wait);
  }
}
