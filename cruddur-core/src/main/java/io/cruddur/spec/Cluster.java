package io.cruddur.spec;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * An ECS cluster.
 *
 * <ul><li>containerInsights: true</li><li>serviceConnectNamespace: none</li></ul>
 */
@Value.Immutable
public interface Cluster {
  String name();

  @Value.Default
  default boolean containerInsights() {
    return true;
  }

  /** Cloud Map HTTP namespace created for Service Connect and set as the cluster default. */
  Optional<String> serviceConnectNamespace();

  static Builder builder() {
    return new Builder();
  }

  class Builder extends ImmutableCluster.Builder {}
}
