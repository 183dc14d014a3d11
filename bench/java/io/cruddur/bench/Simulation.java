package io.cruddur.bench;

import io.cruddur.Cruddur;
import io.cruddur.apply.ApplyEvent;
import io.cruddur.apply.Outcome;
import io.cruddur.examples.LocalCloud;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.memory.Latency;
import io.cruddur.plan.Plan;
import io.cruddur.plan.Step;
import io.cruddur.resource.NodeId;
import io.cruddur.spec.Image;
import io.cruddur.spec.Service;
import io.cruddur.spec.Stack;
import io.cruddur.stackfile.StackFile;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code Bench simulate}: simulated AWS time against the critical path. */
final class Simulation {
  private Simulation() {}

  /**
   * First deploy, image update and destroy of the stack under the realistic profile, {@code repeats} times on fresh
   * clouds (retries back off with jitter, so the simulated time varies a little): the median, the range, and the
   * first run's critical path.
   */
  static Map<String, Object> run(Path file, int repeats) {
    Stack app = StackFile.load(file).single();
    Latency l = Latency.realistic();
    Map<String, List<Map<String, Object>>> runs = new LinkedHashMap<>();
    for (int i = 0; i < repeats; i++) {
      InMemoryCloud cloud = LocalCloud.prepare(app, InMemoryCloud.builder().region(app.region()).latency(l), true,
          line -> { });
      Cruddur cruddur = Cruddur.with(cloud);
      boolean print = i == 0;
      runs.computeIfAbsent("deploy", k -> new ArrayList<>())
          .add(scenario("first deploy", cruddur, cloud, cruddur.plan(app), app, l, print));
      String tag = "bench-2";
      Stack next = withTag(app, tag);
      next.services().forEach(s -> s.image().repository().ifPresent(r -> cloud.pushImage(r, tag)));
      runs.computeIfAbsent("update", k -> new ArrayList<>())
          .add(scenario("image update", cruddur, cloud, cruddur.plan(next), next, l, print));
      runs.computeIfAbsent("destroy", k -> new ArrayList<>())
          .add(scenario("destroy", cruddur, cloud, cruddur.planDestroy(next), next, l, print));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("profile", l.name());
    out.put("repeats", repeats);
    runs.forEach((name, list) -> {
      Map<String, Object> m = new LinkedHashMap<>(list.get(0));
      List<Double> times = list.stream().map(r -> (Double) r.get("simulatedSeconds")).sorted().toList();
      m.put("simulatedSeconds", times.get(times.size() / 2));
      m.put("simulatedMinSeconds", times.get(0));
      m.put("simulatedMaxSeconds", times.get(times.size() - 1));
      out.put(name, m);
    });
    return out;
  }

  /** {@code stack} with every service's ECR image at {@code tag}. */
  static Stack withTag(Stack stack, String tag) {
    List<Service> services = new ArrayList<>();
    for (Service s : stack.services()) {
      services.add(s.image().repository().<Service>map(r -> Service.builder().from(s).image(Image.ecr(r, tag))
          .build()).orElse(s));
    }
    return stack.toBuilder().services(services).build();
  }

  private static Map<String, Object> scenario(String name, Cruddur cruddur, InMemoryCloud cloud, Plan plan,
      Stack stack, Latency l, boolean print) {
    CriticalPath cp = CriticalPath.of(plan, Weights.profile(plan, stack, l));
    long start = cloud.clock().millis();
    Map<NodeId, Long> finished = new ConcurrentHashMap<>();
    Outcome o = cruddur.withListener(e -> {
      if (e instanceof ApplyEvent.Finished f) {
        finished.put(f.step().node(), cloud.clock().millis() - start);
      }
    }).apply(plan);
    if (!o.succeeded()) {
      throw new IllegalStateException(name + " failed: " + o);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("steps", plan.work().size());
    m.put("simulatedSeconds", o.elapsed().toMillis() / 1000.0);
    m.put("criticalPathSeconds", cp.length() / 1000.0);
    List<Map<String, Object>> path = new ArrayList<>();
    PrintStream err = print ? System.err : new PrintStream(OutputStream.nullOutputStream());
    err.println(name + ": simulated " + o.elapsed().toSeconds() + " s, critical path " + cp.length() / 1000
        + " s; the critical path, modelled end and simulated end of each step:");
    for (CriticalPath.Timing t : cp.path()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("step", t.step().id());
      p.put("modelEndSeconds", t.finish() / 1000.0);
      Long actual = finished.get(t.step().node());
      p.put("simulatedEndSeconds", actual == null ? null : actual / 1000.0);
      path.add(p);
      err.printf("  %-70s %6.1f s %8s%n", t.step().id(), t.finish() / 1000.0,
          actual == null ? "-" : String.format("%.1f s", actual / 1000.0));
    }
    m.put("path", path);
    if (print && Boolean.getBoolean("bench.verbose")) {
      for (Step s : plan.work()) {
        CriticalPath.Timing t = cp.timing(s.node());
        System.err.printf("    %-8s %-70s model %6.1f-%6.1f s, simulated end %s%n", s.action(), s.id(),
            t.start() / 1000.0, t.finish() / 1000.0, finished.get(s.node()));
      }
    }
    return m;
  }
}
