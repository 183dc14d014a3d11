package io.cruddur.memory;

import io.cruddur.port.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that only moves when something sleeps on it or {@link #advance(Duration)} is called, so waits take
 * no real time. Sleepers on several threads move it to the latest of their wake-up times, not the sum.
 * Thread-safe.
 */
public final class VirtualClock implements Clock {
  private final AtomicLong millis;

  public VirtualClock(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  @Override
  public Instant now() {
    return Instant.ofEpochMilli(millis.get());
  }

  public long millis() {
    return millis.get();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    long target = millis.get() + duration.toMillis();
    millis.accumulateAndGet(target, Math::max);
    // Let other threads run: a virtual wait must not spin a core.
    Thread.sleep(1);
  }

  public void advance(Duration duration) {
    millis.addAndGet(duration.toMillis());
  }

  void set(long epochMillis) {
    millis.set(epochMillis);
  }
}
