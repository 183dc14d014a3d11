package io.cruddur.internal.kind;

import io.cruddur.port.ReadPorts;
import io.cruddur.resource.Scope;
import io.cruddur.resource.ServiceState;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The ECS services a stack owns, by their Application Auto Scaling resource id. */
final class EcsServices {
  private EcsServices() {}

  /**
   * The services the stack owns, in the scope's clusters and the clusters it owns: resource id
   * ({@code service/<cluster>/<name>}) to service name.
   */
  static Map<String, String> owned(ReadPorts cloud, Scope scope) {
    Set<String> clusters = new LinkedHashSet<>(scope.clusters());
    cloud.ecs().listClusters().stream().filter(c -> scope.owns(c.tags())).forEach(c -> clusters.add(c.name()));
    Map<String, String> ids = new LinkedHashMap<>();
    for (String cluster : clusters) {
      cloud.ecs().listServices(cluster).stream().filter(s -> scope.owns(s.spec().tags()))
          .forEach(s -> ids.put(ServiceState.autoScalingResourceId(cluster, s.name()), s.name()));
    }
    return ids;
  }
}
