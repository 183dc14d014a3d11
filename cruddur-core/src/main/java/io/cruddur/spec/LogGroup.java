package io.cruddur.spec;

import org.immutables.value.Value;

/**
 * The CloudWatch log group the services' containers write to (awslogs driver).
 *
 * <ul><li>retentionDays: 7</li></ul>
 */
@Value.Immutable
public interface LogGroup {
  String name();

  @Value.Default
  default int retentionDays() {
    return 7;
  }

  static Builder builder() {
    return new Builder();
  }

  class Builder extends ImmutableLogGroup.Builder {}
}
