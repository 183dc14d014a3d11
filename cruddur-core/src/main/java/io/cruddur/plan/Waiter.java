package io.cruddur.plan;

import io.cruddur.port.Cloud;
import java.time.Duration;
import java.util.Map;

/** An asynchronous state to wait for: a certificate issued, a load balancer active, a service stable. */
public interface Waiter {
  /** What is awaited, for progress events: {@code certificate ISSUED}. */
  String description();

  /** The longest this wait may take before its step fails. */
  Duration timeout();

  /** How long to wait between polls. */
  Duration interval();

  /**
   * Polls once. Returns a status line while not done, or null when done.
   *
   * @param attributes the awaited resource's attributes (its ARN or name)
   * @throws io.cruddur.port.CloudException when the state can no longer be reached (deployment rolled back,
   *     certificate validation failed)
   */
  String poll(Cloud cloud, Map<String, String> attributes);

  /** A waiter from its parts; {@code poll} behaves as {@link #poll(Cloud, Map)}. */
  static Waiter of(String description, Duration timeout, Duration interval,
      java.util.function.BiFunction<Cloud, Map<String, String>, String> poll) {
    return new Waiter() {
      @Override
      public String description() {
        return description;
      }

      @Override
      public Duration timeout() {
        return timeout;
      }

      @Override
      public Duration interval() {
        return interval;
      }

      @Override
      public String poll(Cloud cloud, Map<String, String> attributes) {
        return poll.apply(cloud, attributes);
      }
    };
  }
}
