package io.cruddur.bench;

import io.cruddur.Cruddur;
import io.cruddur.apply.ApplyEvent;
import io.cruddur.apply.ExecutorOptions;
import io.cruddur.apply.Outcome;
import io.cruddur.examples.LocalCloud;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.memory.Latency;
import io.cruddur.plan.Plan;
import io.cruddur.resource.NodeId;
import io.cruddur.spec.Stack;
import io.cruddur.stackfile.StackFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code Bench floor}: the longest chain of dependent calls of a first deploy on an emulator, and the calls of a no-op
 * re-apply on the in-memory cloud.
 */
final class Floor {
  private Floor() {}

  /**
   * The stack's first deploy as a chain of calls: each step costs the writes it makes (counted on the in-memory
   * cloud, one step at a time) at {@code writeMs} each, but the certificate's request at {@code requestCertificateMs},
   * each wait one read at {@code readMs}, and the certificate's wait ends no sooner than {@code certDelayMs} after its
   * request.
   */
  static Map<String, Object> run(Path file, long writeMs, long readMs, long certDelayMs, long requestCertificateMs) {
    Stack app = StackFile.load(file).single();
    InMemoryCloud cloud = LocalCloud.prepare(app,
        InMemoryCloud.builder().region(app.region()).latency(Latency.instant()), true, line -> { });
    Plan plan = Cruddur.with(cloud).plan(app);
    Map<NodeId, Integer> writes = writesPerStep(cloud, plan);
    CriticalPath cp = CriticalPath.of(plan, Weights.calls(writes, writeMs, readMs, certDelayMs, requestCertificateMs));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("writes", writes.values().stream().mapToInt(Integer::intValue).sum());
    m.put("chainMs", cp.length());
    List<String> path = new ArrayList<>();
    for (CriticalPath.Timing t : cp.path()) {
      path.add(t.step().id() + " (ends " + t.finish() + " ms)");
    }
    m.put("path", path);
    // The same stack applied again on the same cloud: what a no-op re-apply costs where nothing drops a setting.
    cloud.clearCalls();
    Outcome again = Cruddur.with(cloud).apply(app);
    if (!again.succeeded()) {
      throw new IllegalStateException("the in-memory re-apply failed: " + again);
    }
    m.put("memoryNoopCalls", cloud.calls().size());
    m.put("memoryNoopWrites", cloud.writes().size());
    return m;
  }

  /** The writes each step makes: the plan applied one step at a time, the call log read around each step. */
  private static Map<NodeId, Integer> writesPerStep(InMemoryCloud cloud, Plan plan) {
    Map<NodeId, Integer> at = new HashMap<>();
    Map<NodeId, Integer> writes = new ConcurrentHashMap<>();
    Outcome o = Cruddur.with(cloud).withOptions(ExecutorOptions.defaults().withParallelism(1)).withListener(e -> {
      if (e instanceof ApplyEvent.Started s && !s.step().node().isWait()) {
        synchronized (at) {
          at.put(s.step().node(), cloud.writes().size());
        }
      } else if (e instanceof ApplyEvent.Finished f && !f.step().node().isWait()) {
        synchronized (at) {
          writes.put(f.step().node(), cloud.writes().size() - at.get(f.step().node()));
        }
      }
    }).apply(plan);
    if (!o.succeeded()) {
      throw new IllegalStateException("the in-memory apply failed: " + o);
    }
    return writes;
  }
}
