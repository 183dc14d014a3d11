package io.cruddur.resource;

import java.util.Set;

/**
 * A resource as the stack wants it: its typed state, the nodes it must come after besides those its refs name
 * ({@code after}), and whether the stack only looks it up ({@code lookup}: used, never changed or deleted).
 * Immutable.
 */
public record Desired<S extends ResourceState, O extends Record>(Handle<S, O> handle, S state, Set<NodeId> after,
    boolean lookup) implements Node {
  public Desired {
    after = Set.copyOf(after);
  }

  public ResourceId resource() {
    return handle.id();
  }

  public Kind<S, O> kind() {
    return handle.kind();
  }

  @Override
  public NodeId id() {
    return resource().node();
  }

  @Override
  public Set<NodeId> dependsOn() {
    Set<NodeId> deps = new java.util.TreeSet<>(after);
    Records.refs(state).forEach(r -> deps.add(r.target().node()));
    return deps;
  }
}
