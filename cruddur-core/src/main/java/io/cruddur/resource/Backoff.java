package io.cruddur.resource;

import java.time.Duration;

/**
 * When a {@link Waiter} polls: the first poll at once, the next {@code first} later, each delay {@code factor} times
 * the one before up to {@code cap}, and each shortened by a random share of up to {@code jitter} (so that waits
 * started together do not poll together, and no delay exceeds its nominal value). Immutable and thread-safe.
 *
 * <p>Two schedules: {@link #upTo(Duration)} (1 s, growing 1.5 times) for waits that take minutes on AWS and may run
 * by the hundred at once (a service's deployment, its draining, a load balancer), and {@link #fastStart(Duration)}
 * (250 ms, growing 1.2 times) for the few short waits at the head of a first deploy's critical path (a certificate's
 * validation record in sync, the certificate issued), where what a wait adds after its state counts most.
 *
 * <p>The bound: a state reached {@code T} after the wait began is seen by a poll that starts at most
 * {@code min(cap, first + T x (factor - 1) / (1 - jitter))} after {@code T} ({@link #overshoot(Duration)}):
 * {@code min(cap, 1 s + 0.625 T)} for {@code upTo}, {@code min(cap, 0.25 s + 0.25 T)} for {@code fastStart}. Put in
 * terms of the whole wait {@code W}, what the wait adds is at most
 * {@code min(cap, first + W x (factor - 1) / (factor - jitter))}: 1 s plus 38 % of it, or 0.25 s plus 20 % of it, and
 * never more than the cap. The price of the faster start is polls: about 17 in a wait's first 30 s with a 5 s cap,
 * against 7. Each poll's own latency comes on top: the executor sleeps after a poll returns.
 *
 * @param first the delay between the first poll and the second; more than zero
 * @param factor how much each delay grows; at least 1
 * @param cap the longest delay; at least {@code first}
 * @param jitter the largest share of a delay cut at random; from 0 (none) to less than 1
 */
public record Backoff(Duration first, double factor, Duration cap, double jitter) {
  public Backoff {
    if (first == null || first.isNegative() || first.isZero()) {
      throw new IllegalArgumentException("first must be > 0");
    }
    if (!(factor >= 1) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor must be >= 1");
    }
    if (cap == null || cap.compareTo(first) < 0) {
      throw new IllegalArgumentException("cap must be >= first");
    }
    if (!(jitter >= 0 && jitter < 1)) {
      throw new IllegalArgumentException("jitter must be >= 0 and < 1");
    }
  }

  /** Polls at once, then after 1 s, growing 1.5 times a poll to {@code cap}, with up to 20 % cut at random. */
  public static Backoff upTo(Duration cap) {
    return new Backoff(Duration.ofSeconds(1), 1.5, cap, 0.2);
  }

  /**
   * Polls at once, then after 250 ms, growing 1.2 times a poll to {@code cap}, with up to 20 % cut at random: a wait
   * ends at most 0.25 s plus a fifth of its own duration after its state is reached (a certificate that an emulator
   * issues 2 s after its request is seen within 0.75 s), and within {@code cap} of it for waits of minutes on AWS.
   */
  public static Backoff fastStart(Duration cap) {
    return new Backoff(Duration.ofMillis(250), 1.2, cap, 0.2);
  }

  /**
   * The delay after poll {@code poll} (1 for the first poll) before the next one.
   *
   * @param random a uniform draw from [0, 1): 0 gives the nominal delay {@code min(cap, first x factor^(poll-1))},
   *     values towards 1 cut up to {@code jitter} of it
   * @throws IllegalArgumentException if {@code poll} is below 1 or {@code random} outside [0, 1)
   */
  public Duration delay(int poll, double random) {
    if (poll < 1) {
      throw new IllegalArgumentException("poll must be >= 1");
    }
    if (!(random >= 0 && random < 1)) {
      throw new IllegalArgumentException("random must be >= 0 and < 1");
    }
    double nominal = Math.min(cap.toNanos(), first.toNanos() * Math.pow(factor, poll - 1));
    return Duration.ofNanos((long) Math.floor(nominal * (1 - jitter * random)));
  }

  /**
   * The longest time after a state is reached, {@code reachedAfter} into the wait, until a poll starts that sees it:
   * {@code min(cap, first + reachedAfter x (factor - 1) / (1 - jitter))}.
   */
  public Duration overshoot(Duration reachedAfter) {
    double slope = (factor - 1) / (1 - jitter);
    double nanos = first.toNanos() + slope * Math.max(0, reachedAfter.toNanos());
    return Duration.ofNanos((long) Math.ceil(Math.min(cap.toNanos(), nanos)));
  }
}
