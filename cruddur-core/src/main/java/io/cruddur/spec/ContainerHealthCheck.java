package io.cruddur.spec;

import java.util.List;
import org.immutables.value.Value;

/**
 * A container-level health check (Docker HEALTHCHECK run by the ECS agent).
 *
 * <ul><li>intervalSeconds: 30</li><li>timeoutSeconds: 5</li><li>retries: 3</li><li>startPeriodSeconds: 0</li>
 * </ul>
 */
@Value.Immutable
public interface ContainerHealthCheck {
  /** For example {@code ["CMD-SHELL", "python /backend-flask/bin/health-check"]}. */
  List<String> command();

  @Value.Default
  default int intervalSeconds() {
    return 30;
  }

  @Value.Default
  default int timeoutSeconds() {
    return 5;
  }

  @Value.Default
  default int retries() {
    return 3;
  }

  @Value.Default
  default int startPeriodSeconds() {
    return 0;
  }

  static ContainerHealthCheck shell(String command) {
    return builder().addCommand("CMD-SHELL", command).build();
  }

  static Builder builder() {
    return new Builder();
  }

  class Builder extends ImmutableContainerHealthCheck.Builder {}
}
