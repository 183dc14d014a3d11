package io.cruddur.internal.blueprint;

import io.cruddur.resource.Desired;
import io.cruddur.resource.Handle;
import io.cruddur.resource.Kind;
import io.cruddur.resource.Node;
import io.cruddur.resource.NodeId;
import io.cruddur.resource.ResourceState;
import io.cruddur.resource.Wait;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The desired graph under construction. Not thread-safe. */
final class Graph {
  private final Map<NodeId, Node> nodes = new LinkedHashMap<>();

  /** Declares a resource the stack owns; it comes after the targets of its refs and {@code after}. */
  <S extends ResourceState, O extends Record> Handle<S, O> add(Kind<S, O> kind, String name, S state,
      List<NodeId> after) {
    return put(new Desired<>(kind.handle(name), state, Set.copyOf(after), false));
  }

  <S extends ResourceState, O extends Record> Handle<S, O> add(Kind<S, O> kind, String name, S state) {
    return add(kind, name, state, List.of());
  }

  /** Declares a resource the stack uses but does not own: it is read, never changed or deleted. */
  <S extends ResourceState, O extends Record> Handle<S, O> lookup(Kind<S, O> kind, String name, S state) {
    return put(new Desired<>(kind.handle(name), state, Set.of(), true));
  }

  private <S extends ResourceState, O extends Record> Handle<S, O> put(Desired<S, O> d) {
    if (nodes.putIfAbsent(d.id(), d) != null) {
      throw new IllegalStateException("declared twice: " + d.id());
    }
    return d.handle();
  }

  /** Declares a wait until {@code resource} is ready, after it and after {@code after}. */
  NodeId waitFor(Handle<?, ?> resource, List<NodeId> after) {
    Wait w = new Wait(resource.id(), Set.copyOf(after));
    nodes.put(w.id(), w);
    return w.id();
  }

  List<Node> nodes() {
    return new ArrayList<>(nodes.values());
  }
}
