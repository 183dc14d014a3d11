package io.cruddur.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One attribute of a resource's desired state, typed, in one of three states (as in the Terraform Plugin
 * Framework): {@link Known} now (its value may be null: the attribute is absent), {@link Unknown} until apply, or a
 * {@link Ref} to another resource's attribute that the planner and the executor resolve to one of the other two.
 * A state record holds refs where it depends on another resource: the dependency graph is derived from them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the attribute's type
 */
public sealed interface Value<T> permits Value.Known, Value.Unknown, Ref {
  /** A value known now; {@code value} null means the attribute is absent. */
  record Known<T>(T value) implements Value<T> {
    @Override
    public String toString() {
      return String.valueOf(value);
    }
  }

  /** A value known only once the resource it comes from has been created or replaced. */
  record Unknown<T>() implements Value<T> {
    @Override
    public String toString() {
      return "(known after apply)";
    }
  }

  static <T> Value<T> of(T value) {
    return new Known<>(value);
  }

  /** The absent value (a known null). */
  static <T> Value<T> none() {
    return new Known<>(null);
  }

  static <T> Value<T> unknown() {
    return new Unknown<>();
  }

  /** Whether the value is known (possibly absent). */
  default boolean isKnown() {
    return this instanceof Known;
  }

  /**
   * The known value, or null when absent.
   *
   * @throws IllegalStateException if the value is not known (a reference not resolved, or unknown until apply)
   */
  default T get() {
    if (this instanceof Known<T> k) {
      return k.value();
    }
    throw new IllegalStateException("value not known yet: " + this);
  }

  /** The known values of {@code values}, in order. @throws IllegalStateException if one is not known */
  static <T> List<T> getAll(List<Value<T>> values) {
    List<T> out = new ArrayList<>(values.size());
    values.forEach(v -> out.add(v.get()));
    return out;
  }

  /** The known values of {@code values}, by key. @throws IllegalStateException if one is not known */
  static <T> Map<String, T> getAll(Map<String, Value<T>> values) {
    Map<String, T> out = new TreeMap<>();
    values.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Known values of every element. */
  static <T> List<Value<T>> ofAll(List<T> values) {
    List<Value<T>> out = new ArrayList<>(values.size());
    values.forEach(v -> out.add(of(v)));
    return List.copyOf(out);
  }

  /** Known values of every entry, sorted by key. */
  static <T> Map<String, Value<T>> ofAll(Map<String, T> values) {
    Map<String, Value<T>> out = new TreeMap<>();
    values.forEach((k, v) -> out.put(k, of(v)));
    return out;
  }
}
