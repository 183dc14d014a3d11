package io.cruddur.plan;

import io.cruddur.port.Cloud;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Knows one kind of AWS resource: how to read it, list what a stack owns, and create, update and delete it
 * through the ports. Implementations are stateless and thread-safe.
 */
public interface ResourceType {
  /** Type name, e.g. {@code ecs.service}. */
  String name();

  /** Creation depth: a resource is created after lower layers and deleted before them. */
  int layer();

  /**
   * Reads the resource the desired one names. {@code props} are resolved as far as known at plan time
   * (values may be {@link Unknown}).
   */
  Optional<Actual> read(Cloud cloud, Scope scope, ResourceId id, Map<String, Object> props);

  /** Every resource of this type the stack owns. */
  List<Actual> owned(Cloud cloud, Scope scope);

  /** Creates the resource from fully resolved props; returns its attributes. */
  Map<String, String> create(Cloud cloud, ResourceId id, Map<String, Object> props, Map<String, String> tags);

  /** Brings an existing resource to {@code props}; returns its (possibly new) attributes. */
  Map<String, String> update(Cloud cloud, Actual actual, Map<String, Object> props, Set<String> changed);

  /** Deletes the resource. {@code desired} is the stack's declaration of it, or null if it has none. */
  void delete(Cloud cloud, Actual actual, Desired desired);

  /** Properties whose change needs a new resource. */
  default Set<String> replaceOn() {
    return Set.of();
  }

  /** Attributes that change on every update (a task definition's ARN gets a new revision). */
  default Set<String> volatileAttributes() {
    return Set.of();
  }

  /** What to wait for after a create or update, and whether it is already reached. */
  default Optional<Waiter> waiter() {
    return Optional.empty();
  }

  /** What the planner knows of the stack when listing owned resources. */
  record Scope(String stack, String vpcId, List<String> clusters, List<String> zones) {}
}
