package io.cruddur.resource;

import java.util.Set;

/** A node of the desired graph: a resource the stack declares, or a wait on one. Immutable. */
public sealed interface Node permits Desired, Wait {
  NodeId id();

  /** The nodes this one comes after: the targets of its refs and the explicit ones. */
  Set<NodeId> dependsOn();
}
