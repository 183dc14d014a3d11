package io.cruddur.lease;

import io.cruddur.base.CruddurException;
import java.time.Duration;
import java.util.Optional;

/** Another run holds the lease, and it was not released within the wait. Names the holder and since when. */
public final class LeaseBusyException extends CruddurException {
  private final transient LeaseHolder current;

  public LeaseBusyException(String what, LeaseHolder current, Duration waited) {
    super(what + " is locked by " + (current == null ? "another run" : current.describe()
        + (current.expiresAt().equals(java.time.Instant.MAX) ? "" : " (its lease expires at " + current.expiresAt()
        + " unless renewed)")) + "; waited " + waited.toSeconds() + " s. Another apply or destroy is running: "
        + "wait for it, or wait longer for the lease");
    this.current = current;
  }

  /** The run that holds the lease, when it could be read. */
  public Optional<LeaseHolder> current() {
    return Optional.ofNullable(current);
  }
}
