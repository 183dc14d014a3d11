package io.cruddur.lease;

import java.util.Optional;

/** A lease held on a stack, until {@link #close()}. Thread-safe. */
public interface Lease extends AutoCloseable {
  /** This run, as it holds the lease. */
  LeaseHolder holder();

  /** Empty while the lease is held; why not, once it is lost (it expired and another run took it). */
  Optional<String> lost();

  /** Releases the lease (if still held), and stops renewing it. Never throws for a lease already lost. */
  @Override
  void close();
}
