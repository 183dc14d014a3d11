package io.cruddur.resource;

import java.util.Comparator;

/**
 * A node of the plan's graph: a resource, or a wait on it. Its text is the step id plans show:
 * {@code ecs.service shop/api}, {@code wait:ecs.service shop/api} (until stable), {@code gone:ecs.service shop/api}
 * (until drained after a delete). Immutable and thread-safe.
 */
public record NodeId(ResourceId resource, Role role) implements Comparable<NodeId> {
  private static final Comparator<NodeId> ORDER = Comparator.comparing(NodeId::label)
      .thenComparing(n -> n.resource().name());

  /** What the node is about its resource. */
  public enum Role {
    RESOURCE(""), READY("wait:"), GONE("gone:");

    private final String prefix;

    Role(String prefix) {
      this.prefix = prefix;
    }
  }

  /** {@code ecs.service}, {@code wait:ecs.service}, {@code gone:ecs.service}. */
  public String label() {
    return role.prefix + resource.type();
  }

  public boolean isWait() {
    return role != Role.RESOURCE;
  }

  @Override
  public int compareTo(NodeId o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return label() + " " + resource.name();
  }
}
