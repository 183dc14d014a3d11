package io.cruddur.memory;

import io.cruddur.port.CloudException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Fault injection for the in-memory cloud, keyed by operation ({@code ecs:CreateService}). Thread-safe.
 *
 * <ul><li>{@link #failNext}: the next call fails before it changes anything.</li>
 * <li>{@link #failAfterNext}: the next call takes effect, then fails as if the response were lost (a retried
 * create must not make a second resource).</li></ul>
 */
public final class Faults {
  private final Map<String, Deque<Supplier<CloudException>>> before = new HashMap<>();
  private final Map<String, Deque<Supplier<CloudException>>> after = new HashMap<>();

  public synchronized Faults failNext(String operation, Supplier<CloudException> error) {
    before.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(error);
    return this;
  }

  public synchronized Faults failNext(String operation, int times, Supplier<CloudException> error) {
    for (int i = 0; i < times; i++) {
      failNext(operation, error);
    }
    return this;
  }

  public synchronized Faults failAfterNext(String operation, Supplier<CloudException> error) {
    after.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(error);
    return this;
  }

  public synchronized void clear() {
    before.clear();
    after.clear();
  }

  synchronized CloudException takeBefore(String operation) {
    return take(before, operation);
  }

  synchronized CloudException takeAfter(String operation) {
    return take(after, operation);
  }

  private static CloudException take(Map<String, Deque<Supplier<CloudException>>> map, String op) {
    Deque<Supplier<CloudException>> q = map.get(op);
    if (q == null || q.isEmpty()) {
      return null;
    }
    return q.poll().get();
  }
}
