package io.cruddur.lease;

import java.nio.file.Path;

/** Run by {@link FileLeasesTest} in a process of its own: takes the lease of a file, says so, then waits to die. */
public final class HoldFileLease {
  private HoldFileLease() {}

  public static void main(String[] args) throws InterruptedException {
    Lease lease = new FileLeases(Path.of(args[0])).acquire(args[1], LeaseOptions.defaults());
    System.out.println("held " + lease.holder().holder());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
