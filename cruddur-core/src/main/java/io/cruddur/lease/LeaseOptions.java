package io.cruddur.lease;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to take a lease.
 *
 * <ul><li>waitFor: 0, fail at once when another run holds the lease; longer waits up to that long, saying who holds
 * it</li>
 * <li>ttl: 2 minutes, how long a lease in the cloud lasts unless renewed; it is renewed every third of that, so a
 * crashed holder's lease ends at most this long after its last renewal (a file lock ends with its process)</li>
 * <li>poll: 2 s between tries while waiting</li>
 * <li>holder: {@link LeaseHolder#thisProcess()}</li>
 * <li>log: where the messages of waiting, renewing and releasing go: by default, SLF4J at INFO on the logger
 * {@code io.cruddur.lease}</li>
 * <li>clock: the system's UTC clock: leases are wall-clock time shared between processes</li></ul>
 */
public record LeaseOptions(Duration waitFor, Duration ttl, Duration poll, String holder, Consumer<String> log,
    Clock clock) {
  public LeaseOptions {
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(clock, "clock");
    if (waitFor.isNegative()) {
      throw new IllegalArgumentException("waitFor must be >= 0");
    }
    if (ttl.compareTo(Duration.ofSeconds(3)) < 0) {
      throw new IllegalArgumentException("ttl must be at least 3 s");
    }
    if (poll.isNegative() || poll.isZero()) {
      throw new IllegalArgumentException("poll must be > 0");
    }
  }

  /** One instance, so that two defaults() are equal. */
  private static final Consumer<String> DEFAULT_LOG = org.slf4j.LoggerFactory.getLogger("io.cruddur.lease")::info;

  public static LeaseOptions defaults() {
    return new LeaseOptions(Duration.ZERO, Duration.ofMinutes(2), Duration.ofSeconds(2), LeaseHolder.thisProcess(),
        DEFAULT_LOG, Clock.systemUTC());
  }

  public LeaseOptions withWait(Duration d) {
    return new LeaseOptions(d, ttl, poll, holder, log, clock);
  }

  public LeaseOptions withTtl(Duration d) {
    return new LeaseOptions(waitFor, d, poll, holder, log, clock);
  }

  public LeaseOptions withPoll(Duration d) {
    return new LeaseOptions(waitFor, ttl, d, holder, log, clock);
  }

  public LeaseOptions withHolder(String h) {
    return new LeaseOptions(waitFor, ttl, poll, h, log, clock);
  }

  public LeaseOptions withLog(Consumer<String> l) {
    return new LeaseOptions(waitFor, ttl, poll, holder, l, clock);
  }

  public LeaseOptions withClock(Clock c) {
    return new LeaseOptions(waitFor, ttl, poll, holder, log, c);
  }
}
