package io.cruddur.internal.kind;

import io.cruddur.port.ReadPorts;
import io.cruddur.resource.Actual;
import io.cruddur.resource.ResourceState;
import io.cruddur.resource.Scope;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kind whose resources the cloud finds by name and lists, each carrying its own tags: ownership is the owner tag
 * on the resource itself. {@code P} is the port's value type.
 */
abstract class NamedKind<S extends ResourceState, O extends Record, P> extends BaseKind<S, O> {
  NamedKind(String name, int layer, Class<S> stateType, Class<O> outputType) {
    super(name, layer, stateType, outputType);
  }

  /** The resource named {@code name}, as the port reports it. */
  abstract Optional<P> find(ReadPorts cloud, Scope scope, String name, S desired);

  /** Every resource of this kind the port can see. */
  abstract List<P> list(ReadPorts cloud, Scope scope);

  abstract Map<String, String> tags(P resource);

  abstract Actual<S, O> actual(P resource, boolean owned);

  @Override
  public final Optional<Actual<S, O>> read(ReadPorts cloud, Scope scope, String name, S desired) {
    return find(cloud, scope, name, desired).map(p -> actual(p, scope.owns(tags(p))));
  }

  @Override
  public final List<Actual<S, O>> owned(ReadPorts cloud, Scope scope) {
    return list(cloud, scope).stream().filter(p -> scope.owns(tags(p))).map(p -> actual(p, true)).toList();
  }
}
