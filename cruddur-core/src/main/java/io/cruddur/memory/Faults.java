package io.cruddur.memory;

import io.cruddur.port.CloudException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Fault injection for the in-memory cloud, keyed by operation ({@code ecs:CreateService}). Thread-safe.
 *
 * <p>Scripted faults:
 * <ul><li>{@link #failNext}: the next call fails before it changes anything.</li>
 * <li>{@link #failAfterNext}: the next call takes effect, then fails as if the response were lost (a retried
 * create must not make a second resource).</li>
 * <li>{@link #delay}: every call waits this long in real time before it takes effect, without holding the
 * cloud's lock, so that other calls overtake it (races between steps show).</li>
 * <li>{@link #crashAfterWrites}: the process dies right after the k-th write took effect (and was persisted):
 * that call and every later one throw {@link SimulatedCrash}, an {@link Error} that no retry or clean-up code
 * catches, so nothing more changes. A new cloud loaded from the state file is the next process.</li></ul>
 *
 * <p>Seeded random faults: {@link #inject(Policy)} with a {@link Policy} from {@link #atRate(double, long)}.
 * <pre>{@code
 * cloud.faults().inject(Faults.atRate(0.2, 42)            // 20 % of the calls, seed 42
 *     .only(Fault.THROTTLING, Fault.LOST_RESPONSE)       // default: all four kinds, equally likely
 *     .operations("ecs:CreateService", "elbv2:*")         // default: every operation
 *     .writesOnly()                                       // or readsOnly(); default: both
 *     .latency(Duration.ofMillis(20), Duration.ofMillis(200)));   // virtual time, every call in scope
 * ...
 * cloud.faults().injected();   // {THROTTLING=7, SERVER_ERROR=0, TIMEOUT=0, LOST_RESPONSE=5}
 * }</pre>
 * Whether a call is faulted, and how, depends only on the seed, the operation, the call's target (the resource
 * name, ARN or id it names) and how many calls of that operation on that target came before: the same seed and
 * the same calls give the same faults, however threads interleave calls of different operations or targets.
 * The same {@link Policy} drives {@code io.cruddur.aws.FaultInjector} at the HTTP level.
 */
public final class Faults {
  private final Map<String, Deque<Supplier<CloudException>>> before = new HashMap<>();
  private final Map<String, Deque<Supplier<CloudException>>> after = new HashMap<>();
  private final Map<String, Duration> delays = new HashMap<>();
  private Injection injection;
  private long crashAfterWrites = -1;
  private long writesSeen;
  private boolean crashed;

  /** The death of the process, simulated: thrown by every call once {@link #crashAfterWrites} struck. */
  public static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(String message) {
      super(message, null, false, false);
    }
  }

  /** The kinds of random faults. */
  public enum Fault {
    /** Refused as too frequent, before it changes anything: {@link CloudException.Throttled}. */
    THROTTLING,
    /** A 5xx, before it changes anything: {@link CloudException.Unavailable}. */
    SERVER_ERROR,
    /**
     * No answer in time: {@link CloudException.Unavailable} whose message says so. Whether the call took effect is
     * drawn from the seed too, one chance in two, as the caller of a real time-out cannot know either.
     */
    TIMEOUT,
    /** The call takes effect, then its response is lost: {@link CloudException.Unavailable}. */
    LOST_RESPONSE
  }

  /**
   * What a policy decided for one call: no fault ({@link #fault()} null), or a fault and whether the call takes
   * effect before it; and the latency added before the call (zero when none).
   */
  public record Decision(Fault fault, boolean applied, Duration latency) {
    public static final Decision NONE = new Decision(null, true, Duration.ZERO);

    public boolean faulted() {
      return fault != null;
    }

    /** The port error the caller gets, for a faulted call. */
    public CloudException error(String operation) {
      if (fault == null) {
        throw new IllegalStateException("no fault to raise");
      }
      String prefix = "injected fault: " + operation + ": ";
      return switch (fault) {
        case THROTTLING -> new CloudException.Throttled(prefix + "ThrottlingException: Rate exceeded");
        case SERVER_ERROR -> new CloudException.Unavailable(prefix + "500 InternalFailure", null);
        case TIMEOUT -> new CloudException.Unavailable(prefix + "timed out waiting for the response",
            new TimeoutException("injected time-out"));
        case LOST_RESPONSE -> new CloudException.Unavailable(prefix + "connection reset, the response was lost",
            null);
      };
    }
  }

  /** One fault injected: the {@code n}-th call (from 1) of {@code operation} on {@code target}. */
  public record Injected(String operation, String target, long n, Fault fault, boolean applied) {}

  /** Which calls a policy covers by their effect. */
  public enum Scope { ALL, WRITES, READS }

  /**
   * A seeded random fault policy: which calls, how often, which faults, what latency. Immutable: every method
   * returns a copy.
   *
   * <ul><li>kinds: all four, equally likely</li><li>operations: all ({@code service:Operation},
   * {@code service:*} or {@code *})</li><li>scope: reads and writes</li><li>latency: none</li>
   * <li>timeoutAfter: none (how long a {@link Fault#TIMEOUT} holds its caller before failing)</li></ul>
   */
  public static final class Policy {
    private final double rate;
    private final long seed;
    private final Set<Fault> kinds;
    private final Set<String> operations;
    private final Scope scope;
    private final Duration minLatency;
    private final Duration maxLatency;
    private final Duration timeoutAfter;

    private Policy(double rate, long seed, Set<Fault> kinds, Set<String> operations, Scope scope,
        Duration minLatency, Duration maxLatency, Duration timeoutAfter) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("a fault rate must be between 0 and 1, not " + rate);
      }
      if (kinds.isEmpty()) {
        throw new IllegalArgumentException("a fault policy needs at least one kind of fault");
      }
      if (minLatency.isNegative() || maxLatency.compareTo(minLatency) < 0 || timeoutAfter.isNegative()) {
        throw new IllegalArgumentException("latencies must be >= 0, and the minimum <= the maximum");
      }
      this.rate = rate;
      this.seed = seed;
      this.kinds = Collections.unmodifiableSet(EnumSet.copyOf(kinds));
      this.operations = Collections.unmodifiableSet(new TreeSet<>(operations));
      this.scope = scope;
      this.minLatency = minLatency;
      this.maxLatency = maxLatency;
      this.timeoutAfter = timeoutAfter;
    }

    /** Only these kinds of fault, equally likely. */
    public Policy only(Fault... kinds) {
      return new Policy(rate, seed, kinds.length == 0 ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(List.of(kinds)),
          operations, scope, minLatency, maxLatency, timeoutAfter);
    }

    /** Only these operations: {@code ecs:CreateService}, {@code ecs:*} (a whole service), {@code *} (all). */
    public Policy operations(String... operations) {
      for (String op : operations) {
        if (!op.equals("*") && !op.matches("[a-z0-9-]+:([A-Za-z0-9]+|\\*)")) {
          throw new IllegalArgumentException("an operation is service:Operation, service:* or *, not " + op);
        }
      }
      return new Policy(rate, seed, kinds, Set.of(operations), scope, minLatency, maxLatency, timeoutAfter);
    }

    /** Only calls that change something. */
    public Policy writesOnly() {
      return new Policy(rate, seed, kinds, operations, Scope.WRITES, minLatency, maxLatency, timeoutAfter);
    }

    /** Only calls that change nothing. */
    public Policy readsOnly() {
      return new Policy(rate, seed, kinds, operations, Scope.READS, minLatency, maxLatency, timeoutAfter);
    }

    /** Every call in scope (faulted or not) takes this much longer. */
    public Policy latency(Duration latency) {
      return latency(latency, latency);
    }

    /** Every call in scope takes between {@code min} and {@code max} longer, drawn from the seed. */
    public Policy latency(Duration min, Duration max) {
      return new Policy(rate, seed, kinds, operations, scope, min, max, timeoutAfter);
    }

    /** A {@link Fault#TIMEOUT} holds its caller this long before failing. */
    public Policy timeoutAfter(Duration wait) {
      return new Policy(rate, seed, kinds, operations, scope, minLatency, maxLatency, wait);
    }

    public double rate() {
      return rate;
    }

    public long seed() {
      return seed;
    }

    public Set<Fault> kinds() {
      return kinds;
    }

    /** Empty: every operation. */
    public Set<String> operationPatterns() {
      return operations;
    }

    public Scope scope() {
      return scope;
    }

    /** Whether calls of {@code operation} ({@code service:Operation}) that write or not are in scope. */
    public boolean covers(String operation, boolean write) {
      if (scope == Scope.WRITES && !write || scope == Scope.READS && write) {
        return false;
      }
      if (operations.isEmpty() || operations.contains("*") || operations.contains(operation)) {
        return true;
      }
      int colon = operation.indexOf(':');
      return colon > 0 && operations.contains(operation.substring(0, colon + 1) + "*");
    }

    /**
     * The decision for the {@code n}-th call (from 1) of {@code operation} on {@code target} (may be null). A pure
     * function of the seed and its arguments.
     */
    public Decision decide(String operation, String target, boolean write, long n) {
      if (!covers(operation, write)) {
        return Decision.NONE;
      }
      long h = mix(seed ^ 0x9E3779B97F4A7C15L);
      h = mix(h ^ hash(operation));
      h = mix(h ^ hash(target == null ? "" : target));
      h = mix(h ^ n);
      Duration latency = minLatency;
      long spread = maxLatency.toMillis() - minLatency.toMillis();
      if (spread > 0) {
        latency = minLatency.plusMillis((long) (unit(draw(h, 4)) * (spread + 1)));
      }
      if (unit(draw(h, 1)) >= rate) {
        return latency.isZero() ? Decision.NONE : new Decision(null, true, latency);
      }
      List<Fault> choices = List.copyOf(kinds);
      Fault fault = choices.get((int) (unit(draw(h, 2)) * choices.size()));
      boolean applied = switch (fault) {
        case THROTTLING, SERVER_ERROR -> false;
        case LOST_RESPONSE -> true;
        case TIMEOUT -> unit(draw(h, 3)) < 0.5;
      };
      return new Decision(fault, applied, fault == Fault.TIMEOUT ? latency.plus(timeoutAfter) : latency);
    }

    /** A fresh injection of this policy: its call counters start at zero. */
    public Injection start() {
      return new Injection(this);
    }

    @Override
    public String toString() {
      return "faults at " + rate + " (seed " + seed + ") of " + kinds + " on "
          + (operations.isEmpty() ? "every operation" : operations) + " (" + scope + ")"
          + (maxLatency.isZero() ? "" : ", latency " + minLatency.toMillis() + ".." + maxLatency.toMillis() + " ms");
    }
  }

  /**
   * A {@link Policy} being applied: counts the calls of each operation on each target, and records the faults it
   * decided. Thread-safe.
   */
  public static final class Injection {
    private final Policy policy;
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final List<Injected> log = new ArrayList<>();
    private final Map<Fault, Long> counts = new EnumMap<>(Fault.class);

    private Injection(Policy policy) {
      this.policy = policy;
    }

    public Policy policy() {
      return policy;
    }

    /** Decides the next call of {@code operation} on {@code target}, and records it if faulted. */
    public Decision next(String operation, String target, boolean write) {
      if (!policy.covers(operation, write)) {
        return Decision.NONE;
      }
      String t = target == null ? "" : target;
      long n = counters.computeIfAbsent(operation + '\n' + t, k -> new AtomicLong()).incrementAndGet();
      Decision d = policy.decide(operation, t, write, n);
      if (d.faulted()) {
        synchronized (this) {
          log.add(new Injected(operation, t, n, d.fault(), d.applied()));
          counts.merge(d.fault(), 1L, Long::sum);
        }
      }
      return d;
    }

    /** How many faults of each kind were injected (every kind present, zero when none). */
    public synchronized Map<Fault, Long> injected() {
      Map<Fault, Long> all = new EnumMap<>(Fault.class);
      for (Fault f : Fault.values()) {
        all.put(f, counts.getOrDefault(f, 0L));
      }
      return Collections.unmodifiableMap(all);
    }

    /** Every fault injected, in the order decided. */
    public synchronized List<Injected> log() {
      return List.copyOf(log);
    }
  }

  /** A policy that faults {@code rate} (0..1) of all calls, with all four kinds, drawn from {@code seed}. */
  public static Policy atRate(double rate, long seed) {
    return new Policy(rate, seed, EnumSet.allOf(Fault.class), Set.of(), Scope.ALL, Duration.ZERO, Duration.ZERO,
        Duration.ZERO);
  }

  /**
   * From now on, faults calls at random as {@code policy} says (replacing a previous policy; its counters start
   * at zero). Latency is virtual: the cloud's clock advances, no real time passes.
   */
  public synchronized Faults inject(Policy policy) {
    injection = policy.start();
    return this;
  }

  /** How many random faults of each kind were injected since the last {@link #inject} (zeros without one). */
  public synchronized Map<Fault, Long> injected() {
    return injection == null ? new Injection(atRate(0, 0)).injected() : injection.injected();
  }

  /** The random faults injected since the last {@link #inject}, in the order decided. */
  public synchronized List<Injected> injectedCalls() {
    return injection == null ? List.of() : injection.log();
  }

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

  /**
   * The process dies right after the {@code k}-th write call from now takes effect (k &gt;= 1): the cloud persists it,
   * then that call and every later one throw {@link SimulatedCrash}.
   */
  public synchronized Faults crashAfterWrites(long k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1");
    }
    crashAfterWrites = k;
    writesSeen = 0;
    crashed = false;
    return this;
  }

  /** Whether {@link #crashAfterWrites} struck. */
  public synchronized boolean crashed() {
    return crashed;
  }

  /** Removes every scripted fault, delay, crash and random policy, and its counts. */
  public synchronized void clear() {
    before.clear();
    after.clear();
    delays.clear();
    injection = null;
    crashAfterWrites = -1;
    writesSeen = 0;
    crashed = false;
  }

  synchronized void dieIfCrashed(String operation) {
    if (crashed) {
      throw new SimulatedCrash("the process died before " + operation);
    }
  }

  /**
   * The write calls of clients that took effect since this cloud was made, or since the last {@link #clear} or
   * {@link #crashAfterWrites} (a call the cloud makes inside another, such as a seeded image pushed into a new
   * repository, does not count): the k that {@link #crashAfterWrites} counts.
   */
  public synchronized long writes() {
    return writesSeen;
  }

  /** Counts a write that took effect; dies if it was the k-th. */
  synchronized void wrote(String operation) {
    if (++writesSeen == crashAfterWrites && crashAfterWrites > 0) {
      crashed = true;
      throw new SimulatedCrash("the process died right after write " + writesSeen + " (" + operation + ")");
    }
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

  /** The random decision for the next call of {@code operation} on {@code target}. */
  Decision decide(String operation, String target, boolean write) {
    Injection i;
    synchronized (this) {
      i = injection;
    }
    return i == null ? Decision.NONE : i.next(operation, target, write);
  }

  private static CloudException take(Map<String, Deque<Supplier<CloudException>>> map, String op) {
    Deque<Supplier<CloudException>> q = map.get(op);
    if (q == null || q.isEmpty()) {
      return null;
    }
    return q.poll().get();
  }

  /** SplitMix64's finalizer: a stable 64-bit mix, the same on every JVM. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static long draw(long h, int i) {
    return mix(h + i * 0x9E3779B97F4A7C15L);
  }

  /** A double in [0, 1) from 53 bits of {@code h}. */
  private static double unit(long h) {
    return (h >>> 11) * 0x1.0p-53;
  }

  /** 64-bit FNV-1a of the UTF-8 bytes: stable across JVMs and versions. */
  private static long hash(String s) {
    long h = 0xCBF29CE484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001B3L;
    }
    return h;
  }
}
