package io.cruddur.aws;

import java.time.Duration;

/**
 * How the adapters retry one API call (the executor retries whole steps on top of this).
 *
 * <ul><li>initialDelay: 200 ms, doubling with 25 % jitter up to maxDelay: 20 s</li><li>maxAttempts: 8</li>
 * <li>maxDuration: 2 minutes for one call, retries included</li><li>apiCallTimeout: 60 s for one attempt</li>
 * </ul>
 */
public record RetrySettings(Duration initialDelay, Duration maxDelay, int maxAttempts, Duration maxDuration,
    Duration apiCallTimeout) {
  public RetrySettings {
    if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("initialDelay must be > 0 and <= maxDelay");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1");
    }
  }

  public static RetrySettings defaults() {
    return new RetrySettings(Duration.ofMillis(200), Duration.ofSeconds(20), 8, Duration.ofMinutes(2),
        Duration.ofSeconds(60));
  }
}
