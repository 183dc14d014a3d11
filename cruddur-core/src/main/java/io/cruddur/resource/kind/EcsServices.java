package io.cruddur.resource.kind;

import io.cruddur.port.ReadPorts;
import io.cruddur.resource.Scope;
import java.util.LinkedHashSet;
import java.util.Set;

/** Which ECS services a stack owns, by their Application Auto Scaling resource id. */
final class EcsServices {
  private static final String PREFIX = "service/";

  private EcsServices() {}

  /** Whether the service behind {@code resourceId} ({@code service/cluster/name}) is the stack's. */
  static boolean owned(ReadPorts cloud, Scope scope, String resourceId) {
    String[] parts = resourceId.split("/", 3);
    if (parts.length != 3 || !resourceId.startsWith(PREFIX)) {
      return false;
    }
    return cloud.ecs().findService(parts[1], parts[2]).map(s -> scope.owns(s.spec().tags())).orElse(false);
  }

  /** The resource ids of every service the stack owns, in the scope's clusters and the clusters it owns. */
  static Set<String> ownedIds(ReadPorts cloud, Scope scope) {
    Set<String> clusters = new LinkedHashSet<>(scope.clusters());
    cloud.ecs().listClusters().stream().filter(c -> scope.owns(c.tags())).forEach(c -> clusters.add(c.name()));
    Set<String> ids = new LinkedHashSet<>();
    for (String cluster : clusters) {
      cloud.ecs().listServices(cluster).stream().filter(s -> scope.owns(s.spec().tags()))
          .forEach(s -> ids.add(PREFIX + cluster + "/" + s.name()));
    }
    return ids;
  }
}
