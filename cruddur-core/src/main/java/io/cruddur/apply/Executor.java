package io.cruddur.apply;

import io.cruddur.base.CruddurException;
import io.cruddur.plan.Action;
import io.cruddur.plan.Plan;
import io.cruddur.plan.Step;
import io.cruddur.port.Cloud;
import io.cruddur.port.CloudException;
import io.cruddur.resource.Actual;
import io.cruddur.resource.Desired;
import io.cruddur.resource.Kind;
import io.cruddur.resource.NodeId;
import io.cruddur.resource.Records;
import io.cruddur.resource.Ref;
import io.cruddur.resource.ResourceId;
import io.cruddur.resource.ResourceState;
import io.cruddur.resource.Value;
import io.cruddur.resource.Waiter;
import io.cruddur.resource.WriteContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a plan's DAG: each step once every step it depends on has finished, independent steps in parallel
 * (bounded), waits on a pool of their own so that they never hold back work. A wait polls at once, then as its
 * {@link Waiter#backoff()} says, reporting each poll that finds the state not reached yet as an
 * {@link ApplyEvent.Waiting}, until the state is reached or its timeout passes (the last poll comes at the
 * deadline). A failed step fails the apply; the steps that depend on it are skipped, the others still run. Works on
 * {@link Kind}s only. Every event the listener gets is also logged at DEBUG (durations on the cloud's clock).
 * Thread-safe; one executor may run several plans one after another.
 */
public final class Executor {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Executor.class);
  private final Cloud cloud;
  private final ExecutorOptions options;
  private final ApplyListener listener;
  private final Supplier<Optional<String>> stop;

  public Executor(Cloud cloud, ExecutorOptions options, ApplyListener listener) {
    this(cloud, options, listener, Optional::empty);
  }

  /**
   * An executor that asks {@code stop} before each step whether to go on: a reason (such as a lost lease) fails
   * the step with it instead of running it, so that the steps after it are skipped.
   */
  public Executor(Cloud cloud, ExecutorOptions options, ApplyListener listener, Supplier<Optional<String>> stop) {
    this.cloud = cloud;
    this.options = options;
    this.listener = listener;
    this.stop = stop;
  }

  /** Runs {@code plan}. Never throws for a failed step: that is an {@link Outcome.Failed}. */
  public Outcome run(Plan plan) {
    Instant start = cloud.clock().now();
    LOG.debug("applying {} step(s) of stack {}, {} at a time", plan.work().size(), plan.stack().name(),
        options.parallelism());
    Run run = new Run(plan);
    List<Step> completed = Collections.synchronizedList(new ArrayList<>());
    List<Outcome.StepFailure> failures = Collections.synchronizedList(new ArrayList<>());
    List<Step> skipped = Collections.synchronizedList(new ArrayList<>());
    ExecutorService work = Executors.newFixedThreadPool(options.parallelism(), daemon("cruddur-step"));
    ExecutorService waits = Executors.newCachedThreadPool(daemon("cruddur-wait"));
    try {
      new Dag(plan.work(), run, completed, failures, skipped, work, waits).run();
    } finally {
      work.shutdownNow();
      waits.shutdownNow();
    }
    Duration elapsed = Duration.between(start, cloud.clock().now());
    LOG.debug("applied stack {} in {} ms: {} completed, {} failed, {} skipped", plan.stack().name(),
        elapsed.toMillis(), completed.size(), failures.size(), skipped.size());
    if (failures.isEmpty()) {
      return new Outcome.Succeeded(List.copyOf(completed), elapsed);
    }
    return new Outcome.Failed(List.copyOf(completed), List.copyOf(failures), List.copyOf(skipped), elapsed);
  }

  /** How many steps a wait counts as when the steps that wait for a slot are ordered. */
  static final int WAIT_WEIGHT = 100;

  /**
   * One run of a plan's DAG: each step is handed to its pool once the last step it depends on is done, by that
   * step's thread. Steps other than waits take one of {@code parallelism} slots; when more are ready than slots are
   * free, the step with the longest chain of steps after it goes first (a wait counting as {@link #WAIT_WEIGHT}
   * steps, since it takes minutes where a call takes a fraction of a second), then the plan's order: the
   * certificate's request and the load balancer, at the head of the longest waits, start before the roles and
   * repositories that nothing waits long for. A step handed to a pool holds the cloud's clock ({@link io.cruddur.port.Clock#hold()}) until its
   * thread has entered it, and it is handed over before the step that made it ready leaves the clock: a virtual
   * clock never sees a moment when a ready step is not counted, so it cannot run ahead of it. A step waiting for a
   * slot does not hold the clock: the slots may all be taken by steps asleep on it (retries), and the clock must
   * move for them to go on.
   */
  private final class Dag {
    private final Run run;
    private final List<Step> completed;
    private final List<Outcome.StepFailure> failures;
    private final List<Step> skipped;
    private final ExecutorService work;
    private final ExecutorService waits;
    private final List<Node> nodes = new ArrayList<>();
    private final PriorityQueue<Node> queued = new PriorityQueue<>(
        Comparator.comparingLong((Node n) -> -n.rank).thenComparingInt(n -> n.index));
    private int freeSlots = options.parallelism();
    private final AtomicInteger left;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    /** The first error a step threw other than a step's failure (a listener's), thrown by {@link #run()}. */
    private final AtomicReference<Throwable> broken = new AtomicReference<>();

    /** A step, the steps it waits for and those that wait for it. */
    private final class Node {
      final Step step;
      final List<Node> deps = new ArrayList<>();
      final List<Node> dependents = new ArrayList<>();
      final AtomicInteger pending = new AtomicInteger();
      /** Its place in the plan. */
      final int index;
      /** Its weight plus the largest rank among its dependents: how long a chain waits for it to start. */
      long rank;
      /** Set before the dependents are counted down, read after: the count orders the two. */
      volatile boolean ok;
      volatile boolean threw;

      Node(Step step, int index) {
        this.step = step;
        this.index = index;
      }
    }

    Dag(List<Step> steps, Run run, List<Step> completed, List<Outcome.StepFailure> failures, List<Step> skipped,
        ExecutorService work, ExecutorService waits) {
      this.run = run;
      this.completed = completed;
      this.failures = failures;
      this.skipped = skipped;
      this.work = work;
      this.waits = waits;
      Map<NodeId, Node> byId = new HashMap<>();
      for (Step step : steps) {
        Node n = new Node(step, nodes.size());
        for (NodeId d : step.dependsOn()) {
          Node dep = byId.get(d);
          n.deps.add(dep);
          dep.dependents.add(n);
        }
        n.pending.set(n.deps.size());
        byId.put(step.node(), n);
        nodes.add(n);
      }
      this.left = new AtomicInteger(nodes.size());
      // A step's dependencies come before it in the plan: ranks are final when computed from the end.
      for (int i = nodes.size() - 1; i >= 0; i--) {
        Node n = nodes.get(i);
        long after = 0;
        for (Node d : n.dependents) {
          after = Math.max(after, d.rank);
        }
        n.rank = (n.step.action() == Action.WAIT ? WAIT_WEIGHT : 1) + after;
      }
    }

    void run() {
      if (nodes.isEmpty()) {
        return;
      }
      dispatch(nodes.stream().filter(n -> n.deps.isEmpty()).toList(), false);
      done.join();
      Throwable t = broken.get();
      if (t != null) {
        throw new CompletionException(t);
      }
    }

    /**
     * Hands on the steps that became ready: waits to their pool at once, the others into the queue, then the queue's
     * highest-ranked steps to as many slots as are free ({@code freed}: one more, the finishing step's), so that a
     * slot goes to the best step waiting, which may be one that just became ready.
     */
    private void dispatch(List<Node> readied, boolean freed) {
      List<Node> start = new ArrayList<>();
      synchronized (queued) {
        for (Node d : readied) {
          if (d.step.action() != Action.WAIT) {
            queued.add(d);
          }
        }
        if (freed) {
          freeSlots++;
        }
        while (freeSlots > 0 && !queued.isEmpty()) {
          freeSlots--;
          start.add(queued.poll());
        }
      }
      for (Node d : readied) {
        if (d.step.action() == Action.WAIT) {
          submit(d, waits);
        }
      }
      start.forEach(d -> submit(d, work));
    }

    private void submit(Node n, ExecutorService pool) {
      cloud.clock().hold();
      pool.execute(() -> {
        cloud.clock().enter();
        cloud.clock().release();
        try {
          execute(n);
        } finally {
          finish(n);
          cloud.clock().leave();
        }
      });
    }

    private void execute(Node n) {
      try {
        if (n.deps.stream().anyMatch(d -> d.threw)) {
          n.threw = true; // not run, as a future that depends on one completed exceptionally is not
          return;
        }
        boolean depFailed = n.deps.stream().anyMatch(d -> !d.ok);
        n.ok = runStep(n.step, depFailed, run, completed, failures, skipped);
      } catch (Throwable t) {
        n.threw = true;
        broken.compareAndSet(null, t);
      }
    }

    /** Frees {@code n}'s slot and hands on what it made ready, before its thread leaves the clock. */
    private void finish(Node n) {
      List<Node> readied = new ArrayList<>();
      for (Node d : n.dependents) {
        if (d.pending.decrementAndGet() == 0) {
          readied.add(d);
        }
      }
      dispatch(readied, n.step.action() != Action.WAIT);
      if (left.decrementAndGet() == 0) {
        done.complete(null);
      }
    }
  }

  /** Runs one step once the steps it depends on are done: false if it failed or was skipped. */
  private boolean runStep(Step step, boolean depFailed, Run run, List<Step> completed,
      List<Outcome.StepFailure> failures, List<Step> skipped) {
    if (depFailed) {
      skipped.add(step);
      LOG.debug("skip {}: a step it depends on failed", step.id());
      listener.on(new ApplyEvent.Skipped(step, "a step it depends on failed"));
      return false;
    }
    Instant t0 = cloud.clock().now();
    LOG.debug("start {}", step.id());
    listener.on(new ApplyEvent.Started(step));
    try {
      Optional<String> stopped = stop.get();
      if (stopped.isPresent()) {
        throw new CruddurException("not run: " + stopped.get());
      }
      run.execute(step);
      completed.add(step);
      Duration took = Duration.between(t0, cloud.clock().now());
      LOG.debug("done {} in {} ms", step.id(), took.toMillis());
      listener.on(new ApplyEvent.Finished(step, took));
      return true;
    } catch (RuntimeException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      failures.add(new Outcome.StepFailure(step, e));
      Duration took = Duration.between(t0, cloud.clock().now());
      LOG.debug("failed {} after {} ms: {}", step.id(), took.toMillis(), e.toString());
      listener.on(new ApplyEvent.Failed(step, e, took));
      return false;
    }
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** One run of one plan: the outputs known so far, and how to write. */
  private final class Run {
    private final Plan plan;
    private final Map<ResourceId, Record> outputs;
    private final Map<ResourceId, ResourceState> inputs;
    // Idempotency keys of creates derive from it: stable across retries in this run, new in the next run.
    private final WriteContext context;

    Run(Plan plan) {
      this.plan = plan;
      this.outputs = new ConcurrentHashMap<>(plan.knownOutputs());
      this.inputs = plan.plannedStates();
      this.context = new WriteContext(plan.stack().name(), plan.stack().resourceTags(), UUID.randomUUID().toString(),
          cloud.clock());
    }

    private Value<?> resolve(Ref<?> ref) {
      return ref.resolveFrom(ref.source() == Ref.Source.INPUT ? inputs.get(ref.target()) : outputs.get(ref.target()));
    }

    /**
     * The desired state with every ref resolved.
     *
     * @throws CloudException.NotYetConsistent if a ref is to a resource that exists but was incomplete when planned
     *     and still is (retried)
     * @throws CruddurException if a ref is still unknown otherwise
     */
    private <S extends ResourceState, O extends Record> S known(Desired<S, O> d) {
      S state = Records.resolve(d.kind(), d.state(), this::resolve);
      if (!Records.isKnown(state)) {
        if (refreshIncomplete()) {
          state = Records.resolve(d.kind(), d.state(), this::resolve);
          if (!Records.isKnown(state)) {
            throw new CloudException.NotYetConsistent("waiting for outputs of a resource that exists but is not "
                + "complete yet, for " + d.id());
          }
        } else {
          throw new CruddurException("unresolved reference in " + d.id() + ": " + state);
        }
      }
      return state;
    }

    /**
     * Reads again the resources that existed when planned but whose outputs were not complete (a certificate
     * requested by a run that died before its validation records appeared): true if there were any.
     */
    private boolean refreshIncomplete() {
      boolean any = false;
      for (Step step : plan.steps()) {
        if (step.actual() != null && step.desired() != null && refreshIfIncomplete(step.desired())) {
          any = true;
        }
      }
      return any;
    }

    private <S extends ResourceState, O extends Record> boolean refreshIfIncomplete(Desired<S, O> d) {
      Kind<S, O> kind = d.kind();
      Record current = outputs.get(d.resource());
      if (current == null || kind.outputsReady(kind.outputType().cast(current))) {
        return false;
      }
      S planned = kind.stateType().cast(inputs.get(d.resource()));
      kind.read(cloud.reads(), plan.scope(), d.resource().name(), planned)
          .filter(a -> kind.outputsReady(a.outputs()))
          .ifPresent(a -> outputs.put(d.resource(), a.outputs()));
      return true;
    }

    void execute(Step step) throws InterruptedException {
      switch (step.action()) {
        case WAIT -> await(step);
        case CREATE -> create(step, step.desired());
        case UPDATE -> update(step, step.desired());
        case REPLACE -> replace(step, step.desired());
        case DELETE -> delete(step, step.resource().kind());
        case REDEPLOY -> redeploy(step, step.desired());
        case NOOP -> throw new IllegalStateException("nothing to run for " + step.id());
      }
    }

    private <S extends ResourceState, O extends Record> void create(Step step, Desired<S, O> d)
        throws InterruptedException {
      Kind<S, O> kind = d.kind();
      String name = d.resource().name();
      // Whether an earlier attempt's create failed in a way that may have carried it out (a 5xx, a lost response, a
      // time-out). A throttled or not-yet-usable create was refused before it changed anything.
      AtomicBoolean mayHaveCreated = new AtomicBoolean();
      outputs.put(d.resource(), retrying(step, attempt -> {
        S state = known(d);
        boolean foundUnowned = false;
        if (attempt > 1) {
          // A create whose response was lost may have happened: look it up before trying again.
          Optional<Actual<S, O>> found = kind.read(cloud.reads(), plan.scope(), name, state);
          if (found.isPresent() && found.get().owned()) {
            if (!kind.outputsReady(found.get().outputs())) {
              throw new CloudException.NotYetConsistent(name + " exists but is not complete yet");
            }
            return found.get().outputs();
          }
          foundUnowned = found.isPresent();
        }
        try {
          return kind.create(cloud.ports(), name, state, context);
        } catch (CloudException.Unavailable e) {
          mayHaveCreated.set(true);
          throw e;
        } catch (CloudException.Conflict e) {
          if (foundUnowned) {
            throw e; // what holds the name is not the stack's: a real conflict
          }
          // What holds the name may be the stack's own: made by an earlier attempt whose answer was lost, or by an
          // earlier run that died before it saw the answer (the plan did not see it then). Adopt it if so.
          Optional<Actual<S, O>> found = kind.read(cloud.reads(), plan.scope(), name, state);
          if (found.isPresent() && found.get().owned()) {
            if (!kind.outputsReady(found.get().outputs())) {
              throw new CloudException.NotYetConsistent(name + " exists but is not complete yet");
            }
            return found.get().outputs();
          }
          if (found.isPresent()) {
            throw e;
          }
          // Taken, but nothing holding the name is visible yet (eventual consistency after a create moments ago,
          // by this run or one that died): look again for a while before it counts as a conflict.
          throw new ForNow(new CloudException.Conflict((mayHaveCreated.get() ? "created by an earlier attempt"
              : "taken by a resource not visible yet") + ": " + e.getMessage(), e));
        }
      }));
    }

    private <S extends ResourceState, O extends Record> void update(Step step, Desired<S, O> d)
        throws InterruptedException {
      Kind<S, O> kind = d.kind();
      Actual<S, O> actual = kind.cast(step.actual());
      outputs.put(d.resource(), retrying(step, attempt -> kind.update(cloud.ports(), actual,
          kind.modifyPlan(known(d), actual.state()))));
    }

    private <S extends ResourceState, O extends Record> void replace(Step step, Desired<S, O> d)
        throws InterruptedException {
      Kind<S, O> kind = d.kind();
      Actual<S, O> actual = kind.cast(step.actual());
      S state = retrying(step, attempt -> known(d));
      retrying(step, attempt -> {
        deleteIgnoringMissing(kind, actual, Optional.of(state));
        return actual.outputs();
      });
      // What must be gone before its successor can take its place (a draining service) is awaited in between.
      if (kind.deletion().isPresent()) {
        awaitWith(step, kind, kind.deletion().get(), actual.outputs());
      }
      outputs.put(d.resource(), retrying(step, attempt -> kind.create(cloud.ports(), d.resource().name(), state,
          context)));
    }

    private <S extends ResourceState, O extends Record> void delete(Step step, Kind<S, O> kind)
        throws InterruptedException {
      Actual<S, O> actual = kind.cast(step.actual());
      Optional<S> desired = Optional.ofNullable(step.desired()).map(d -> kind.stateType().cast(d.state()));
      retrying(step, attempt -> {
        deleteIgnoringMissing(kind, actual, desired);
        return actual.outputs();
      });
    }

    private <S extends ResourceState, O extends Record> void redeploy(Step step, Desired<S, O> d)
        throws InterruptedException {
      Kind<S, O> kind = d.kind();
      Actual<S, O> actual = kind.cast(step.actual());
      Kind.Redeploy<S, O> redeploy = kind.redeployment()
          .orElseThrow(() -> new IllegalStateException(d.resource() + " cannot be redeployed"));
      outputs.put(d.resource(), retrying(step, attempt -> redeploy.redeploy(cloud.ports(), actual)));
    }

    private <S extends ResourceState, O extends Record> void deleteIgnoringMissing(Kind<S, O> kind,
        Actual<S, O> actual, Optional<S> desired) {
      try {
        kind.delete(cloud.ports(), actual, desired);
      } catch (CloudException.NotFound e) {
        // Already gone: the goal of a delete.
      } catch (CloudException.InUse e) {
        if (!e.mayClearItself()) {
          // Held by something that stays (records in a zone, services in a cluster): waiting cannot help.
          throw e;
        }
        // What used it was deleted by an earlier step; AWS releases it minutes later (network interfaces holding a
        // security group, ACM counting a deleted listener): wait and try again, within the grace period.
        throw new ForNow(e);
      }
    }

    private void await(Step step) throws InterruptedException {
      NodeId node = step.node();
      if (node.role() == NodeId.Role.GONE) {
        await(step, node.resource().kind(), true, step.actual().outputs());
      } else {
        await(step, node.resource().kind(), false, outputs.get(node.resource()));
      }
    }

    private <S extends ResourceState, O extends Record> void await(Step step, Kind<S, O> kind, boolean gone,
        Record resourceOutputs) throws InterruptedException {
      Waiter<O> waiter = (gone ? kind.deletion() : kind.readiness()).orElseThrow(() -> new IllegalStateException(
          kind.name() + " has nothing to wait for in " + step.id()));
      awaitWith(step, kind, waiter, resourceOutputs);
    }

    private <S extends ResourceState, O extends Record> void awaitWith(Step step, Kind<S, O> kind, Waiter<O> waiter,
        Record resourceOutputs) throws InterruptedException {
      if (waiter.optional() && !options.waitForDeployments()) {
        listener.on(new ApplyEvent.Waiting(step, "not waiting for " + waiter.description() + " (as asked)",
            Duration.ZERO));
        return;
      }
      O out = kind.outputType().cast(resourceOutputs);
      Instant begin = cloud.clock().now();
      Instant deadline = begin.plus(waiter.timeout());
      // Seeded by the step: waits started together still poll apart, and a run on a virtual clock takes the same
      // time every time.
      SplittableRandom jitter = new SplittableRandom(step.id().hashCode());
      for (int poll = 1; ; poll++) {
        String status;
        try {
          status = waiter.poll(cloud.reads(), out);
        } catch (CloudException e) {
          if (!e.retryable()) {
            throw e;
          }
          status = "retrying after " + e.getMessage();
        }
        if (status == null) {
          return;
        }
        Instant now = cloud.clock().now();
        Duration elapsed = Duration.between(begin, now);
        LOG.debug("wait {}: {}: {} ({} ms)", step.id(), waiter.description(), status, elapsed.toMillis());
        listener.on(new ApplyEvent.Waiting(step, waiter.description() + ": " + status, elapsed));
        if (!now.isBefore(deadline)) {
          throw new CloudException("timed out after " + waiter.timeout().toMinutes() + " min waiting for "
              + waiter.description() + " (" + status + ")");
        }
        // The last poll comes at the deadline, not up to a delay after it.
        Duration delay = waiter.backoff().delay(poll, jitter.nextDouble());
        Duration left = Duration.between(now, deadline);
        cloud.clock().sleep(delay.compareTo(left) < 0 ? delay : left);
      }
    }

    /**
     * Retries retryable port errors with jittered exponential backoff until the step's time limit; a hold that clears
     * by itself on {@link ExecutorOptions#holdBackoff()}'s schedule instead.
     */
    private <T> T retrying(Step step, Attempt<T> body) throws InterruptedException {
      Instant start = cloud.clock().now();
      Instant deadline = start.plus(options.stepTimeout());
      Duration delay = options.initialBackoff();
      int holds = 0;
      SplittableRandom holdJitter = new SplittableRandom(step.id().hashCode());
      for (int attempt = 1; ; attempt++) {
        try {
          return body.run(attempt);
        } catch (CloudException e) {
          Instant now = cloud.clock().now();
          if (e instanceof ForNow && now.isAfter(start.plus(options.inUseGrace()))) {
            throw (CloudException) e.getCause();
          }
          // A hold that clears by itself (network interfaces of a deleted load balancer keeping its security group)
          // ends at a moment nothing announces, and the next try is what sees it: tried as often as a wait polls,
          // so that the delete lands within the cap of the hold's end, not up to a 20 s back-off after it.
          boolean hold = e instanceof ForNow && e.getCause() instanceof CloudException.InUse;
          Duration wait;
          if (hold) {
            wait = options.holdBackoff().delay(++holds, holdJitter.nextDouble());
          } else {
            long jitter = delay.toMillis() == 0 ? 0 : ThreadLocalRandom.current().nextLong(delay.toMillis() / 2 + 1);
            wait = delay.plusMillis(jitter);
          }
          if (!e.retryable() || now.plus(hold ? wait : delay).isAfter(deadline)) {
            throw e instanceof ForNow ? (CloudException) e.getCause() : e;
          }
          LOG.debug("retry {} (attempt {} failed) in {} ms: {}", step.id(), attempt, wait.toMillis(), e.toString());
          listener.on(new ApplyEvent.Retrying(step, e, attempt, wait));
          cloud.clock().sleep(wait);
          if (!hold) {
            delay = delay.multipliedBy(2).compareTo(options.maxBackoff()) > 0 ? options.maxBackoff()
                : delay.multipliedBy(2);
          }
        }
      }
    }
  }

  /**
   * An error that may go away by itself, retried for {@link ExecutorOptions#inUseGrace()} before its cause counts:
   * an InUse on a delete that {@link CloudException.InUse#mayClearItself() may clear itself}, or a Conflict on a
   * create whose holder is not visible yet.
   */
  private static final class ForNow extends CloudException.NotYetConsistent {
    ForNow(CloudException cause) {
      super(cause.getMessage(), cause);
    }
  }

  @FunctionalInterface
  private interface Attempt<T> {
    T run(int attempt);
  }
}
