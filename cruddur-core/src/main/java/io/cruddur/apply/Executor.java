package io.cruddur.apply;

import io.cruddur.plan.Action;
import io.cruddur.plan.Actual;
import io.cruddur.plan.Change;
import io.cruddur.plan.Plan;
import io.cruddur.plan.Ref;
import io.cruddur.plan.ResourceId;
import io.cruddur.plan.ResourceType;
import io.cruddur.plan.Step;
import io.cruddur.plan.Unknown;
import io.cruddur.plan.Values;
import io.cruddur.plan.Waiter;
import io.cruddur.plan.types.Blueprint;
import io.cruddur.plan.types.Types;
import io.cruddur.port.Cloud;
import io.cruddur.port.CloudException;
import io.cruddur.CruddurException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Runs a plan's DAG: each step once every step it depends on has finished, independent steps in parallel
 * (bounded), waits on a pool of their own so that they never hold back work. A failed step fails the apply; the
 * steps that depend on it are skipped, the others still run. Thread-safe; one executor may run several plans
 * one after another.
 */
public final class Executor {
  private final Cloud cloud;
  private final ExecutorOptions options;
  private final ApplyListener listener;

  public Executor(Cloud cloud, ExecutorOptions options, ApplyListener listener) {
    this.cloud = cloud;
    this.options = options;
    this.listener = listener;
  }

  /** Runs {@code plan}. Never throws for a failed step: that is an {@link Outcome.Failed}. */
  public Outcome run(Plan plan) {
    Instant start = cloud.clock().now();
    // Idempotency keys of creates include it: stable across retries in this run, new in the next run.
    String applyId = java.util.UUID.randomUUID().toString();
    Map<ResourceId, Map<String, String>> attrs = new ConcurrentHashMap<>(plan.knownAttributes());
    Map<String, String> tags = plan.stack().resourceTags();
    List<Step> completed = Collections.synchronizedList(new ArrayList<>());
    List<Outcome.StepFailure> failures = Collections.synchronizedList(new ArrayList<>());
    List<Step> skipped = Collections.synchronizedList(new ArrayList<>());
    ExecutorService work = Executors.newFixedThreadPool(options.parallelism(), daemon("cruddur-step"));
    ExecutorService waits = Executors.newCachedThreadPool(daemon("cruddur-wait"));
    try {
      Map<String, CompletableFuture<Boolean>> done = new HashMap<>();
      for (Step step : plan.work()) {
        List<CompletableFuture<Boolean>> deps = step.dependsOn().stream().map(done::get).toList();
        ExecutorService pool = step.action() == Action.WAIT ? waits : work;
        CompletableFuture<Boolean> f = CompletableFuture.allOf(deps.toArray(CompletableFuture[]::new))
            .thenApplyAsync(ignored -> {
              if (deps.stream().anyMatch(d -> !d.join())) {
                skipped.add(step);
                listener.on(new ApplyEvent.Skipped(step, "a step it depends on failed"));
                return false;
              }
              Instant t0 = cloud.clock().now();
              listener.on(new ApplyEvent.Started(step));
              try {
                execute(step, attrs, tags, plan.scope(), applyId);
                completed.add(step);
                listener.on(new ApplyEvent.Finished(step, Duration.between(t0, cloud.clock().now())));
                return true;
              } catch (RuntimeException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                  Thread.currentThread().interrupt();
                }
                failures.add(new Outcome.StepFailure(step, e));
                listener.on(new ApplyEvent.Failed(step, e, Duration.between(t0, cloud.clock().now())));
                return false;
              }
            }, pool);
        done.put(step.id(), f);
      }
      CompletableFuture.allOf(done.values().toArray(CompletableFuture[]::new)).join();
    } finally {
      work.shutdownNow();
      waits.shutdownNow();
    }
    Duration elapsed = Duration.between(start, cloud.clock().now());
    if (failures.isEmpty()) {
      return new Outcome.Succeeded(List.copyOf(completed), elapsed);
    }
    return new Outcome.Failed(List.copyOf(completed), List.copyOf(failures), List.copyOf(skipped), elapsed);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  private Map<String, Object> props(Step step, Map<ResourceId, Map<String, String>> attrs) {
    Map<String, Object> props = Values.resolveProps(step.desired().props(), r -> value(attrs, r));
    if (Values.containsUnknown(props)) {
      throw new CruddurException("unresolved reference in " + step.id() + ": " + props);
    }
    return props;
  }

  private static Object value(Map<ResourceId, Map<String, String>> attrs, Ref r) {
    Map<String, String> a = attrs.get(r.target());
    return a == null || !a.containsKey(r.attribute()) ? Unknown.VALUE : a.get(r.attribute());
  }

  private void execute(Step step, Map<ResourceId, Map<String, String>> attrs, Map<String, String> tags,
      ResourceType.Scope scope, String applyId) throws InterruptedException {
    ResourceId id = step.resource();
    if (step.action() == Action.WAIT) {
      ResourceId target = new ResourceId(id.type().substring(Blueprint.WAIT.length()), id.name());
      if (target.type().equals("ecs.service") && !options.waitForServices()) {
        listener.on(new ApplyEvent.Waiting(step, "not waiting for the service to become stable (as asked)",
            Duration.ZERO));
        return;
      }
      await(step, Types.of(target.type()).waiter().orElseThrow(), attrs.getOrDefault(target, Map.of()));
      return;
    }
    ResourceType type = Types.of(id.type());
    switch (step.action()) {
      case CREATE -> {
        Map<String, Object> p = props(step, attrs);
        p.put("_applyId", applyId);
        attrs.put(id, retrying(step, attempt -> {
          if (attempt > 1) {
            // A create whose response was lost may have happened: look it up before trying again.
            Optional<Actual> found = type.read(cloud, scope, id, p);
            if (found.isPresent() && found.get().owned()) {
              return found.get().attributes();
            }
          }
          return type.create(cloud, id, p, tags);
        }));
      }
      case UPDATE -> {
        Map<String, Object> p = props(step, attrs);
        Set<String> changed = step.changes().stream().map(c -> top(c)).collect(Collectors.toSet());
        Map<String, String> merged = new LinkedHashMap<>(step.actual().attributes());
        merged.putAll(retrying(step, attempt -> type.update(cloud, step.actual(), p, changed)));
        attrs.put(id, merged);
      }
      case REPLACE -> {
        Map<String, Object> p = props(step, attrs);
        p.put("_applyId", applyId);
        retrying(step, attempt -> {
          deleteIgnoringMissing(type, step);
          return Map.of();
        });
        attrs.put(id, retrying(step, attempt -> type.create(cloud, id, p, tags)));
      }
      case DELETE -> retrying(step, attempt -> {
        deleteIgnoringMissing(type, step);
        return Map.of();
      });
      default -> throw new IllegalStateException("nothing to run for " + step.action());
    }
  }

  private void deleteIgnoringMissing(ResourceType type, Step step) {
    try {
      type.delete(cloud, step.actual(), step.desired());
    } catch (CloudException.NotFound e) {
      // Already gone: the goal of a delete.
    }
  }

  private static String top(Change c) {
    String p = c.property();
    int i = 0;
    while (i < p.length() && p.charAt(i) != '.' && p.charAt(i) != '[') {
      i++;
    }
    return p.substring(0, i);
  }

  @FunctionalInterface
  private interface Attempt {
    Map<String, String> run(int attempt);
  }

  /** Retries retryable port errors with jittered exponential backoff until the step's time limit. */
  private Map<String, String> retrying(Step step, Attempt body) throws InterruptedException {
    Instant deadline = cloud.clock().now().plus(options.stepTimeout());
    Duration delay = options.initialBackoff();
    for (int attempt = 1; ; attempt++) {
      try {
        return body.run(attempt);
      } catch (CloudException e) {
        if (!e.retryable() || cloud.clock().now().plus(delay).isAfter(deadline)) {
          throw e;
        }
        long jitter = delay.toMillis() == 0 ? 0 : ThreadLocalRandom.current().nextLong(delay.toMillis() / 2 + 1);
        Duration wait = delay.plusMillis(jitter);
        listener.on(new ApplyEvent.Retrying(step, e, attempt, wait));
        cloud.clock().sleep(wait);
        delay = delay.multipliedBy(2).compareTo(options.maxBackoff()) > 0 ? options.maxBackoff()
            : delay.multipliedBy(2);
      }
    }
  }

  private void await(Step step, Waiter waiter, Map<String, String> attrs) throws InterruptedException {
    Instant start = cloud.clock().now();
    Instant deadline = start.plus(waiter.timeout());
    while (true) {
      String status;
      try {
        status = waiter.poll(cloud, attrs);
      } catch (CloudException e) {
        if (!e.retryable()) {
          throw e;
        }
        status = "retrying after " + e.getMessage();
      }
      if (status == null) {
        return;
      }
      Duration elapsed = Duration.between(start, cloud.clock().now());
      listener.on(new ApplyEvent.Waiting(step, waiter.description() + ": " + status, elapsed));
      if (cloud.clock().now().isAfter(deadline)) {
        throw new CloudException("timed out after " + waiter.timeout().toMinutes() + " min waiting for "
            + waiter.description() + " (" + status + ")");
      }
      cloud.clock().sleep(waiter.interval());
    }
  }
}
