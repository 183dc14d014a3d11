package io.cruddur.lease;

import java.time.Duration;

/** Test helpers for leases, shared through the core test jar. */
public final class LeaseTesting {
  private LeaseTesting() {}

  /** Closes {@code lease} after {@code delay} on a thread of its own, as another run finishing would; join it. */
  public static Thread releaseLater(Lease lease, Duration delay) {
    Thread t = new Thread(() -> {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      lease.close();
    }, "release-later");
    t.start();
    return t;
  }
}
