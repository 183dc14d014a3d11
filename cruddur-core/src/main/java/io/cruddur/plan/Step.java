package io.cruddur.plan;

import io.cruddur.resource.Actual;
import io.cruddur.resource.Desired;
import io.cruddur.resource.NodeId;
import io.cruddur.resource.ResourceId;
import java.util.List;
import java.util.Set;

/**
 * One node of the plan's DAG. {@code desired} is null for a delete (and for a wait until a deleted resource is
 * gone), {@code actual} null for a create. {@code dependsOn}: the nodes of the steps it comes after. Immutable.
 */
public record Step(NodeId node, Action action, List<Change> changes, Set<NodeId> dependsOn, Desired<?, ?> desired,
    Actual<?, ?> actual) {
  public Step {
    changes = List.copyOf(changes);
    dependsOn = Set.copyOf(dependsOn);
  }

  /** The step's id: {@code ecs.service shop/api}, {@code wait:ecs.service shop/api}. */
  public String id() {
    return node.toString();
  }

  /** The resource the step creates, changes, deletes or waits for. */
  public ResourceId resource() {
    return node.resource();
  }

  Step withDependsOn(Set<NodeId> ids) {
    return new Step(node, action, changes, ids, desired, actual);
  }
}
