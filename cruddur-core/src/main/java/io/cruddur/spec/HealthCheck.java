package io.cruddur.spec;

import org.immutables.value.Value;

/**
 * The target group's HTTP health check.
 *
 * <ul><li>path: /</li><li>intervalSeconds: 15</li><li>timeoutSeconds: 5</li><li>healthyThreshold: 2</li>
 * <li>unhealthyThreshold: 3</li><li>matcher: 200-399</li></ul>
 */
@Value.Immutable
public interface HealthCheck {
  @Value.Default
  default String path() {
    return "/";
  }

  @Value.Default
  default int intervalSeconds() {
    return 15;
  }

  @Value.Default
  default int timeoutSeconds() {
    return 5;
  }

  @Value.Default
  default int healthyThreshold() {
    return 2;
  }

  @Value.Default
  default int unhealthyThreshold() {
    return 3;
  }

  @Value.Default
  default String matcher() {
    return "200-399";
  }

  static HealthCheck defaults() {
    return builder().build();
  }

  static Builder builder() {
    return new Builder();
  }

  class Builder extends ImmutableHealthCheck.Builder {}
}
