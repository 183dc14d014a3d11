package io.cruddur.memory;

import io.cruddur.port.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeMap;

/**
 * A clock that moves only when everything that runs on it is waiting, so waits take no real time and concurrent
 * waits overlap as they would on AWS: a discrete-event clock. A sleeper registers when it wants to wake; once no
 * work that {@link #enter() entered} runs (all of it sleeps) and no call has reached the cloud for a few real
 * milliseconds ({@link #QUIET_MILLIS}, for callers that do not enter), the clock jumps to the earliest wake-up, and
 * that sleeper runs. An apply's steps enter, so its virtual time does not depend on how fast they compute. Two waits of 60 s on two threads take 60 s of virtual time, not 120 s: an apply's
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
  /** Threads inside {@link #enter()} that are not asleep on this clock. */
  private int active;
  private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

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
      boolean working = depth.get()[0] > 0;
      if (working) {
        active--;
      }
      try {
        while (millis < target) {
          boolean quiet = active == 0 && System.nanoTime() - lastActivityNanos >= QUIET_MILLIS * 1_000_000;
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
        if (working) {
          active++;
          lastActivityNanos = System.nanoTime();
        }
        lock.notifyAll();
      }
    }
  }

  @Override
  public void enter() {
    synchronized (lock) {
      if (depth.get()[0]++ == 0) {
        active++;
      }
      lastActivityNanos = System.nanoTime();
    }
  }

  @Override
  public void leave() {
    synchronized (lock) {
      int[] d = depth.get();
      if (d[0] == 0) {
        throw new IllegalStateException("leave() without enter() on this thread");
      }
      if (--d[0] == 0) {
        active--;
        depth.remove();
      }
      lastActivityNanos = System.nanoTime();
      lock.notifyAll();
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
