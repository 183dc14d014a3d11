package io.cruddur.memory;

import io.cruddur.port.CloudException;
import java.time.Duration;
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
 * create must not make a second resource).</li>
 * <li>{@link #delay}: every call waits this long in real time before it takes effect, without holding the
 * cloud's lock, so that other calls overtake it (races between steps show).</li></ul>
 */
public final class Faults {
  private final Map<String, Deque<Supplier<CloudException>>> before = new HashMap<>();
  private final Map<String, Deque<Supplier<CloudException>>> after = new HashMap<>();
  private final Map<String, Duration> delays = new HashMap<>();

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

  /** Every call of {@code operation} from now on waits {@code realTime} before it takes effect. */
  public synchronized Faults delay(String operation, Duration realTime) {
    if (realTime.isNegative()) {
      throw new IllegalArgumentException("a delay must not be negative");
    }
    delays.put(operation, realTime);
    return this;
  }

  public synchronized void clear() {
    before.clear();
    after.clear();
    delays.clear();
  }

  synchronized Duration delayOf(String operation) {
    return delays.getOrDefault(operation, Duration.ZERO);
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
