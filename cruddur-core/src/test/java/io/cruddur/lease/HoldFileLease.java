package io.cruddur.lease;

import java.nio.file.Path;

/**
 * Run by {@link FileLeasesTest} in a process of its own: takes the lease of a file, says so, then waits to die; or,
 * with a third argument {@code try}, says whether it could take it ({@code held}) or not ({@code busy}).
 */
public final class HoldFileLease {
  private HoldFileLease() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 2 && args[2].equals("try")) {
      try {
        new FileLeases(Path.of(args[0])).acquire(args[1], LeaseOptions.defaults()).close();
        System.out.println("held");
      } catch (LeaseBusyException e) {
        System.out.println("busy");
      }
      return;
    }
    Lease lease = new FileLeases(Path.of(args[0])).acquire(args[1], LeaseOptions.defaults());
    System.out.println("held " + lease.holder().holder());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
