package io.cruddur.resource;

import java.util.function.Function;

/**
 * A value taken from another resource: an output known once it exists ({@link Source#OUTPUT}, its ARN, its id), or
 * one of its desired inputs, known at plan time ({@link Source#INPUT}, its name). Either way the resource holding
 * the ref depends on the target, so the order of creation follows from the types. Make refs through
 * {@link Handle#output} and {@link Handle#input}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param target the resource the value comes from
 * @param attribute the attribute's name, for messages
 * @param source whether the value comes from the target's outputs or from its desired state
 * @param read reads the value from the target's outputs or state record
 */
public record Ref<T>(ResourceId target, String attribute, Source source, Function<Object, T> read)
    implements Value<T> {
  /** Where a referenced value comes from. */
  public enum Source {
    /** The target's outputs (known after it is created). */
    OUTPUT,
    /** The target's desired state (known at plan time; the ref still orders the two). */
    INPUT
  }

  /**
   * The value read from {@code source} (the target's outputs or planned state): unknown when there is no source yet,
   * or when the source does not hold the value yet (a certificate without its validation records).
   */
  public Value<T> resolveFrom(Object source) {
    if (source == null) {
      return Value.unknown();
    }
    try {
      return Value.of(read.apply(source));
    } catch (IllegalStateException e) {
      return Value.unknown();
    }
  }

  @Override
  public String toString() {
    return "${" + target + "." + attribute + "}";
  }
}
