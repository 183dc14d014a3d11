package io.cruddur.plan;

import io.cruddur.port.ReadPorts;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read ports for the length of one plan: every read is made once and remembered. What a read is, is decided
 * by type: this view implements the ports' read interfaces only (the components of {@link ReadPorts}), so a write
 * cannot even be expressed through it. Port values are immutable, so sharing them is safe. Thread-safe.
 */
final class ReadCache {
  private final Map<List<Object>, Object> memo = new ConcurrentHashMap<>();

  private ReadCache() {}

  /** A view of {@code reads} that makes each distinct read once. */
  static ReadPorts of(ReadPorts reads) {
    ReadCache cache = new ReadCache();
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
      try {
        Object value = method.invoke(target, args);
        if (value != null) {
          memo.put(key, value);
        }
        return value;
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return Proxy.newProxyInstance(reads.getClassLoader(), new Class<?>[] {reads}, handler);
  }
}
