package io.cruddur.memory;

import io.cruddur.port.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeMap;

/**
 * A clock that moves only when everything that runs on it is waiting, so waits take no real time and concurrent
 * waits overlap as they would on AWS: a discrete-event clock. A sleeper registers when it wants to wake; once no
 * call has reached the cloud for a few real milliseconds ({@link #QUIET_MILLIS}), the clock jumps to the earliest
 * wake-up, and that sleeper runs. Two waits of 60 s on two threads take 60 s of virtual time, not 120 s: an apply's
 * virtual time is its critical path. {@link #advance(Duration)} moves it by hand. Thread-safe.
 */
public final class VirtualClock implements Clock {
  /** How long no thread must have touched the cloud before the clock jumps. */
  static final long QUIET_MILLIS = 5;

  private final Object lock = new Object();
  /** Wake-up time to the number of sleepers waiting for it. */
  private final TreeMap<Long, Integer> sleepers = new TreeMap<>();
  private long millis;
  private long lastActivityNanos = System.nanoTime();

  public VirtualClock(Instant start) {
    this.millis = start.toEpochMilli();
  }

  /** The current virtual time; reading it counts as work, so the clock does not jump under a busy caller. */
  @Override
  public Instant now() {
    synchronized (lock) {
      lastActivityNanos = System.nanoTime();
      return Instant.ofEpochMilli(millis);
    }
  }

  public long millis() {
    synchronized (lock) {
      return millis;
    }
  }

  /**
   * Returns once the clock has reached now + {@code duration}: at once in real time when nothing else runs, after
   * earlier wake-ups when other threads sleep too.
   */
  @Override
  public void sleep(Duration duration) throws InterruptedException {
    synchronized (lock) {
      long target = millis + Math.max(0, duration.toMillis());
      sleepers.merge(target, 1, Integer::sum);
      try {
        while (millis < target) {
          boolean quiet = System.nanoTime() - lastActivityNanos >= QUIET_MILLIS * 1_000_000;
          if (quiet && sleepers.firstKey() == target) {
            millis = target;
            lastActivityNanos = System.nanoTime();
            lock.notifyAll();
          } else {
            lock.wait(1);
          }
        }
      } finally {
        sleepers.merge(target, -1, (a, b) -> a + b == 0 ? null : a + b);
        lock.notifyAll();
      }
    }
  }

  /** Marks that a thread is working on the cloud: the clock does not jump while calls keep coming. */
  void touch() {
    synchronized (lock) {
      lastActivityNanos = System.nanoTime();
    }
  }

  /** Moves the clock forward by {@code duration}; sleepers whose time has come wake up. */
  public void advance(Duration duration) {
    synchronized (lock) {
      millis += duration.toMillis();
      lock.notifyAll();
    }
  }

  void set(long epochMillis) {
    synchronized (lock) {
      millis = epochMillis;
      lock.notifyAll();
    }
  }
}
