/**
 * Leases: one run at a time per stack. An apply or destroy takes its stack's lease first; a second run either
 * waits for it, saying who holds it and since when, or fails at once ({@link io.cruddur.lease.LeaseOptions#waitFor}).
 *
 * <ul>
 * <li>{@link io.cruddur.lease.FileLeases}: a lock on a local file (the embedded cloud's state file). The
 * operating system releases it when its process dies, even by {@code kill -9}.</li>
 * <li>{@link io.cruddur.lease.ParameterLeases}: a lease kept in the cloud itself, as an SSM String parameter
 * under {@code /cruddur/leases/<stack>/}, created with a create-only write and tagged with the stack. It
 * expires unless its holder renews it, so a crashed holder's lease ends by itself.</li>
 * </ul>
 *
 * <p>A lease that is lost while held (it expired, and another run took it) stops the run before its next step
 * when the lease is given to {@link io.cruddur.Cruddur#withLease}.
 */
package io.cruddur.lease;
