package io.cruddur.resource;

import java.util.function.Function;

/**
 * A typed reference to a resource of kind {@code K}: what the blueprint hands around to make {@link Ref}s. A
 * value taken through a handle carries the dependency on its resource.
 *
 * <p>Immutable and thread-safe.
 */
public record Handle<S extends ResourceState, O extends Record>(Kind<S, O> kind, String name) {
  public ResourceId id() {
    return new ResourceId(kind, name);
  }

  /** The node that waits until this resource is ready. */
  public NodeId ready() {
    return id().ready();
  }

  /** An output of the resource, known once it exists ({@code o -> o.arn()}). */
  public <T> Ref<T> output(String attribute, Function<O, T> get) {
    Class<O> type = kind.outputType();
    return new Ref<>(id(), attribute, Ref.Source.OUTPUT, o -> get.apply(type.cast(o)));
  }

  /** An input of the resource's desired state, known at plan time ({@code s -> s.name()}). */
  public <T> Ref<T> input(String attribute, Function<S, T> get) {
    Class<S> type = kind.stateType();
    return new Ref<>(id(), attribute, Ref.Source.INPUT, s -> get.apply(type.cast(s)));
  }
}
