package io.cruddur.spec;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * One ingress rule: a port (or range) open to a CIDR block or to another security group of the stack.
 *
 * <ul><li>protocol: tcp</li><li>toPort: fromPort</li></ul>
 */
@Value.Immutable
public interface Ingress {
  int port();

  @Value.Default
  default int toPort() {
    return port();
  }

  @Value.Default
  default String protocol() {
    return "tcp";
  }

  Optional<String> cidr();

  /** Name of a security group of the stack (or a derived one, see {@link Stack#serviceSecurityGroupName()}). */
  Optional<String> fromGroup();

  Optional<String> description();

  static Builder builder() {
    return new Builder();
  }

  class Builder extends ImmutableIngress.Builder {}
}
