package io.cruddur.resource;

import java.util.Comparator;
import java.util.Objects;

/**
 * A resource's identity within a stack: its kind and its stack-level name. Ordered by kind name, then name.
 * Immutable and thread-safe.
 */
public record ResourceId(Kind<?, ?> kind, String name) implements Comparable<ResourceId> {
  private static final Comparator<ResourceId> ORDER = Comparator.comparing(ResourceId::type)
      .thenComparing(ResourceId::name);

  public ResourceId {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  /** The kind's name, as plans show it: {@code ecs.service}. */
  public String type() {
    return kind.name();
  }

  /** The node of this resource in the plan's graph. */
  public NodeId node() {
    return new NodeId(this, NodeId.Role.RESOURCE);
  }

  /** The node that waits until this resource is ready (a certificate issued, a service stable). */
  public NodeId ready() {
    return new NodeId(this, NodeId.Role.READY);
  }

  /** The node that waits until this deleted resource is gone (a service drained). */
  public NodeId gone() {
    return new NodeId(this, NodeId.Role.GONE);
  }

  @Override
  public int compareTo(ResourceId o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return type() + " " + name;
  }
}
