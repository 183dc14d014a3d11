package io.cruddur.bench;

import io.cruddur.Cruddur;
import io.cruddur.apply.Outcome;
import io.cruddur.examples.LocalCloud;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.memory.Latency;
import io.cruddur.plan.Action;
import io.cruddur.plan.Plan;
import io.cruddur.spec.Stack;
import io.cruddur.stackfile.StackFile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code Bench scale}: plan plus apply of a generated stack on the in-memory cloud, time and heap. */
final class Scaling {
  private Scaling() {}

  /** Plan plus apply of {@code name} on a fresh in-memory cloud: a cold run, then {@code repeats} warm ones. */
  static Map<String, Object> run(Path file, String name, Latency profile, int repeats) {
    Stack stack = StackFile.load(file).stack(name);
    int services = stack.services().size();
    // Loading compiled the stack file; what that allocated is not the engine's.
    gc();
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stack", name);
    m.put("services", services);
    m.put("profile", profile.name());
    Run cold = Run.of(stack, profile);
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    m.put("resources", cold.plan.work().stream().filter(s -> s.action() != Action.WAIT).count());
    m.put("steps", cold.plan.work().size());
    m.put("calls", cold.cloud.calls().size());
    m.put("coldPlanMs", cold.planMs);
    m.put("coldApplyMs", cold.applyMs);
    m.put("coldMs", cold.planMs + cold.applyMs);
    m.put("virtualSeconds", cold.outcome.elapsed().toMillis() / 1000.0);
    // What the cold run keeps alive (its cloud, plan and outcome): the heap after a GC with it, less without it.
    gc();
    long with = usedHeap();
    Reference.reachabilityFence(cold);
    cold = null;
    gc();
    long live = with - usedHeap();
    m.put("peakHeapMb", mb(peak));
    m.put("liveHeapMb", mb(live));
    long bestPlan = Long.MAX_VALUE;
    long bestApply = Long.MAX_VALUE;
    long best = Long.MAX_VALUE;
    for (int i = 0; i < repeats; i++) {
      Run warm = Run.of(stack, profile);
      if (warm.planMs + warm.applyMs < best) {
        best = warm.planMs + warm.applyMs;
        bestPlan = warm.planMs;
        bestApply = warm.applyMs;
      }
    }
    if (repeats > 0) {
      m.put("warmPlanMs", bestPlan);
      m.put("warmApplyMs", bestApply);
      m.put("warmMs", best);
    }
    System.err.printf("%s: %d services, cold %d ms (plan %d, apply %d)%s, peak heap %.0f MB, live %.0f MB%n",
        name, services, m.get("coldMs"), m.get("coldPlanMs"), m.get("coldApplyMs"),
        repeats > 0 ? ", warm " + best + " ms" : "", m.get("peakHeapMb"), m.get("liveHeapMb"));
    return m;
  }

  /** One plan and apply on a fresh cloud. */
  private record Run(InMemoryCloud cloud, Plan plan, Outcome outcome, long planMs, long applyMs) {
    static Run of(Stack stack, Latency profile) {
      InMemoryCloud cloud = LocalCloud.prepare(stack,
          InMemoryCloud.builder().region(stack.region()).latency(profile), true, line -> { });
      Cruddur cruddur = Cruddur.with(cloud);
      long t0 = System.nanoTime();
      Plan plan = cruddur.plan(stack);
      long t1 = System.nanoTime();
      Outcome outcome = cruddur.apply(plan);
      long t2 = System.nanoTime();
      if (!outcome.succeeded()) {
        throw new IllegalStateException(stack.name() + " failed: " + outcome);
      }
      return new Run(cloud, plan, outcome, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }
  }

  private static void gc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static double mb(long bytes) {
    return Math.round(bytes / 1024.0 / 1024.0 * 10) / 10.0;
  }
}
