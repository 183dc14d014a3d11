package io.cruddur.port;

import java.time.Duration;
import java.time.Instant;

/**
 * The time source for waits and retries: the system clock on AWS, a virtual clock in the in-memory cloud (waits
 * then take no real time). Implementations are thread-safe.
 */
public interface Clock {
  Instant now();

  /** Waits {@code duration}; a virtual clock advances instead. */
  void sleep(Duration duration) throws InterruptedException;

  Clock SYSTEM = new Clock() {
    @Override
    public Instant now() {
      return Instant.now();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      Thread.sleep(duration.toMillis());
    }
  };
}
