package io.cruddur.resource;

import java.util.Set;
import java.util.TreeSet;

/**
 * A wait until a resource of the stack is ready, after the resource itself and the nodes in {@code after} (a
 * certificate's wait comes after its validation records). Immutable.
 */
public record Wait(ResourceId resource, Set<NodeId> after) implements Node {
  public Wait {
    after = Set.copyOf(after);
  }

  @Override
  public NodeId id() {
    return resource.ready();
  }

  @Override
  public Set<NodeId> dependsOn() {
    Set<NodeId> deps = new TreeSet<>(after);
    deps.add(resource.node());
    return deps;
  }
}
