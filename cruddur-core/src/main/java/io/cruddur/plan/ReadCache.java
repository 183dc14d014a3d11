package io.cruddur.plan;

import io.cruddur.port.Clock;
import io.cruddur.port.CloudException;
import io.cruddur.port.ReadPorts;
import java.time.Duration;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read ports for the length of one plan: every read is made once and remembered, and a read that fails
 * retryably (throttled, a 5xx) is tried again with backoff: reads are safe to repeat. What a read is, is decided by
 * type: this view implements the ports' read interfaces only (the components of {@link ReadPorts}), so a write
 * cannot even be expressed through it. Port values are immutable, so sharing them is safe. Thread-safe.
 */
final class ReadCache {
  /** Attempts of one read, and the first pause between them (doubling). */
  private static final int ATTEMPTS = 6;
  private static final Duration FIRST_PAUSE = Duration.ofMillis(500);

  private final Map<List<Object>, Object> memo = new ConcurrentHashMap<>();
  private final Clock clock;

  private ReadCache(Clock clock) {
    this.clock = clock;
  }

  /** A view of {@code reads} that makes each distinct read once, waiting on {@code clock} between attempts. */
  static ReadPorts of(ReadPorts reads, Clock clock) {
    ReadCache cache = new ReadCache(clock);
    RecordComponent[] ports = ReadPorts.class.getRecordComponents();
    Object[] views = new Object[ports.length];
    Class<?>[] types = new Class<?>[ports.length];
    try {
      for (int i = 0; i < ports.length; i++) {
        types[i] = ports[i].getType();
        views[i] = cache.wrap(types[i], ports[i].getAccessor().invoke(reads));
      }
      return ReadPorts.class.getDeclaredConstructor(types).newInstance(views);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot wrap the read ports", e);
    }
  }

  private Object wrap(Class<?> reads, Object target) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return method.invoke(target, args);
      }
      List<Object> key = List.of(reads.getSimpleName(), method.getName(),
          args == null ? List.of() : Arrays.asList(args));
      Object cached = memo.get(key);
      if (cached != null) {
        return cached;
      }
      Duration pause = FIRST_PAUSE;
      for (int attempt = 1; ; attempt++) {
        try {
          Object value = method.invoke(target, args);
          if (value != null) {
            memo.put(key, value);
          }
          return value;
        } catch (InvocationTargetException e) {
          if (!(e.getCause() instanceof CloudException c) || !c.retryable() || attempt == ATTEMPTS) {
            throw e.getCause();
          }
          clock.sleep(pause);
          pause = pause.multipliedBy(2);
        }
      }
    };
    return Proxy.newProxyInstance(reads.getClassLoader(), new Class<?>[] {reads}, handler);
  }
}
