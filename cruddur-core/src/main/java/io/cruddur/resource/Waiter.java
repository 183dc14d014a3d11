package io.cruddur.resource;

import io.cruddur.port.ReadPorts;
import java.time.Duration;
import java.util.function.BiFunction;

/**
 * An asynchronous state to wait for: a certificate issued, a load balancer active, a service stable, a service
 * drained. Waits are steps of their own in the plan. Implementations are thread-safe.
 */
public interface Waiter<O> {
  /** What is awaited, for progress events: {@code certificate issued}. */
  String description();

  /** The longest this wait may take before its step fails. */
  Duration timeout();

  /** When to poll: the first poll at once, then backing off to a cap of this kind of wait. */
  Backoff backoff();

  /**
   * Whether the wait may be left out when asked ({@code --no-wait}): true for a deployment that nothing else
   * needs, false for what later steps depend on (a certificate, a load balancer, a drained service).
   */
  boolean optional();

  /**
   * Polls once. Returns a status line while not done, or null when done.
   *
   * @param outputs the outputs of the awaited resource (its ARN, its name)
   * @throws io.cruddur.port.CloudException when the state can no longer be reached (a deployment rolled back, a
   *     certificate whose validation failed)
   */
  String poll(ReadPorts cloud, O outputs);

  /** A waiter from its parts; {@code poll} behaves as {@link #poll(ReadPorts, Object)}. */
  static <O> Waiter<O> of(String description, Duration timeout, Backoff backoff, boolean optional,
      BiFunction<ReadPorts, O, String> poll) {
    return new Waiter<>() {
      @Override
      public String description() {
        return description;
      }

      @Override
      public Duration timeout() {
        return timeout;
      }

      @Override
      public Backoff backoff() {
        return backoff;
      }

      @Override
      public boolean optional() {
        return optional;
      }

      @Override
      public String poll(ReadPorts cloud, O outputs) {
        return poll.apply(cloud, outputs);
      }
    };
  }
}
