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

  /**
   * The calling thread starts work that the clock must not run ahead of (an apply's step): a virtual clock does not
   * move while such work runs, only while all of it sleeps. Pair every call with {@link #leave()}. No-op by default.
   */
  default void enter() {}

  /** The calling thread's work that {@link #enter()} started is over. */
  default void leave() {}

  /**
   * Work that is ready to run but not on a thread yet (a step handed to a pool whose thread has not picked it up):
   * a virtual clock does not move until it is {@link #release() released}, which the thread that runs the work does
   * once it has {@link #enter() entered}. Not bound to a thread. No-op by default.
   */
  default void hold() {}

  /** One {@link #hold()} is over. */
  default void release() {}

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
