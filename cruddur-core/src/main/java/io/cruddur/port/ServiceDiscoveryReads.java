package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads of {@link ServiceDiscoveryPort}: what planning may call. A view of this type can only read, so a plan
 * cannot change anything by construction.
 */
public interface ServiceDiscoveryReads {
  Optional<ServiceDiscoveryPort.Namespace> findNamespace(String name);

  List<ServiceDiscoveryPort.Namespace> listNamespaces();
}
