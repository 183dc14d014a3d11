package io.cruddur.lease;

/** Where leases are kept: {@link FileLeases} or {@link ParameterLeases}. */
public interface Leases {
  /**
   * Takes the lease of {@code stack}, waiting up to {@link LeaseOptions#waitFor()} while another run holds it.
   *
   * @throws LeaseBusyException if another run still holds it after the wait
   */
  Lease acquire(String stack, LeaseOptions options);
}
