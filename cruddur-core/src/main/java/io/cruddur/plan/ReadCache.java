package io.cruddur.plan;

import io.cruddur.port.Clock;
import io.cruddur.port.CloudException;
import io.cruddur.port.ReadPorts;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read ports for the length of one plan: every read is made once and remembered, and a read that fails
 * retryably (throttled, a 5xx) is tried again with backoff: reads are safe to repeat. What a read is, is decided by
 * type: this view implements the ports' read interfaces only (the components of {@link ReadPorts}), so a write
 * cannot even be expressed through it. Port values are immutable, so sharing them is safe.
 *
 * <ul><li>Once per plan: a read that another thread is making is waited for, not made again.</li>
 * <li>From what was read: a find by name is answered from a listing of the same kind made (or being made) in this
 * plan, when that listing can tell ({@link Derivations}).</li></ul>
 *
 * <p>Thread-safe.
 */
final class ReadCache {
  /** Attempts of one read, and the first pause between them (doubling). */
  private static final int ATTEMPTS = 6;
  private static final Duration FIRST_PAUSE = Duration.ofMillis(500);

  /** Reads made or being made, by port, method and arguments. */
  private final Map<List<Object>, CompletableFuture<Object>> memo = new ConcurrentHashMap<>();
  /**
   * The keys of {@link #memo} by port and method, for the rules that take any call of a source: looking a source up
   * here instead of going through every read made keeps a plan of thousands of reads linear.
   */
  private final Map<List<Object>, Set<List<Object>>> keysByMethod = new ConcurrentHashMap<>();
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
    String port = reads.getSimpleName();
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return method.invoke(target, args);
      }
      Object[] a = args == null ? new Object[0] : args;
      List<Object> key = List.of(port, method.getName(), Arrays.asList(a));
      CompletableFuture<Object> made = memo.get(key);
      if (made != null) {
        return join(made);
      }
      Object derived = derive(port, method.getName(), a);
      if (derived != null) {
        return derived;
      }
      CompletableFuture<Object> mine = new CompletableFuture<>();
      CompletableFuture<Object> other = memo.putIfAbsent(key, mine);
      if (other != null) {
        return join(other);
      }
      keysByMethod.computeIfAbsent(List.of(port, method.getName()), k -> ConcurrentHashMap.newKeySet()).add(key);
      try {
        Object value = call(target, method, args);
        if (value == null) {
          memo.remove(key, mine);
        }
        mine.complete(value);
        return value;
      } catch (Throwable t) {
        // Not remembered: a later read tries again, as it would have without this cache.
        memo.remove(key, mine);
        mine.completeExceptionally(t);
        throw t;
      }
    };
    return Proxy.newProxyInstance(reads.getClassLoader(), new Class<?>[] {reads}, handler);
  }

  private Object call(Object target, Method method, Object[] args) throws Throwable {
    Duration pause = FIRST_PAUSE;
    for (int attempt = 1; ; attempt++) {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        if (!(e.getCause() instanceof CloudException c) || !c.retryable() || attempt == ATTEMPTS) {
          throw e.getCause();
        }
        clock.sleep(pause);
        pause = pause.multipliedBy(2);
      }
    }
  }

  /** The answer to {@code method(args)} from a read of this plan that tells it, or null. */
  private Object derive(String port, String method, Object[] args) {
    for (Derivations.Rule rule : Derivations.of(port, method)) {
      Optional<List<Object>> sourceArgs = rule.sourceArgs(args);
      Collection<List<Object>> keys = sourceArgs.isPresent()
          ? List.of(List.of(port, rule.source(), sourceArgs.get()))
          : keysByMethod.getOrDefault(List.of(port, rule.source()), Set.of());
      for (List<Object> k : keys) {
        CompletableFuture<Object> made = memo.get(k);
        if (made == null) {
          continue; // not read, or read and failed
        }
        Object source;
        try {
          source = join(made);
        } catch (Throwable failed) {
          continue; // that read failed: make this one
        }
        Object answer = source == null ? null : rule.answer(args, source);
        if (answer != null) {
          return answer;
        }
      }
    }
    return null;
  }

  private static Object join(CompletableFuture<Object> f) throws Throwable {
    try {
      return f.join();
    } catch (CompletionException e) {
      throw e.getCause();
    }
  }
}
