package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** AWS Cloud Map HTTP namespaces (for ECS Service Connect). */
public interface ServiceDiscoveryPort extends ServiceDiscoveryReads {
  record Namespace(String id, String arn, String name, Map<String, String> tags) {}

  /**
   * Creates the namespace and returns once it exists. {@code creatorRequestId} makes a retried call
   * idempotent.
   */
  Namespace createHttpNamespace(String name, String creatorRequestId, Map<String, String> tags);

  /** @throws CloudException.InUse while services are registered in it */
  void deleteNamespace(String id);
}
