package io.cruddur.internal.kind;

import io.cruddur.port.CloudException;
import io.cruddur.port.Clock;
import io.cruddur.resource.Kind;
import io.cruddur.resource.ResourceState;
import java.time.Duration;

/** The parts every kind has: its name, layer and record types. */
abstract class BaseKind<S extends ResourceState, O extends Record> implements Kind<S, O> {
  private final String name;
  private final int layer;
  private final Class<S> stateType;
  private final Class<O> outputType;

  BaseKind(String name, int layer, Class<S> stateType, Class<O> outputType) {
    this.name = name;
    this.layer = layer;
    this.stateType = stateType;
    this.outputType = outputType;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final int layer() {
    return layer;
  }

  @Override
  public final Class<S> stateType() {
    return stateType;
  }

  @Override
  public final Class<O> outputType() {
    return outputType;
  }

  @Override
  public String toString() {
    return name;
  }

  static void sleep(Clock clock, Duration d, String what) {
    try {
      clock.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudException("interrupted while " + what);
    }
  }
}
