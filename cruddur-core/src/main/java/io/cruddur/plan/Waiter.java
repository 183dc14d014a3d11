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
}
