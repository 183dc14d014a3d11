package io.cruddur.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cruddur.Cruddur;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.memory.Latency;
import io.cruddur.plan.Action;
import io.cruddur.plan.Plan;
import io.cruddur.resource.NodeId;
import io.cruddur.spec.Image;
import io.cruddur.spec.Stack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Regression: on the compact profile (the CLI's local target, whose waits take virtual time), an apply of a few
 * hundred services once took tens of seconds or never ended: every sleeper on the virtual clock re-checked under
 * one lock every millisecond, the clock moved only after 5 ms without activity, and the fake refreshed every
 * service on every create. Now it takes a few seconds, and the virtual time stays that of the critical path. A
 * thousand services, not 300: 300 took 24 s before on an idle machine, within the time limit, a thousand more than
 * two minutes.
 */
class ScaleTest {
  /** {@code n} services that find each other through Service Connect, as bench/stacks/scale.jsh makes them. */
  static Stack connect(int n) {
    Stack.Builder b = Stack.builder()
        .name("scale-connect-" + n).region("us-east-1")
        .cluster(c -> c.name("scale-connect-" + n).serviceConnectNamespace("scale-connect-" + n))
        .repository(r -> r.name("scale-app").forceDelete(true))
        .logGroup(l -> l.name("scale-connect-" + n).retentionDays(1));
    for (int i = 1; i <= n; i++) {
      String name = "svc-" + i;
      b.addService(s -> s.name(name).image(Image.ecr("scale-app", "1.0.0")).port(8080));
    }
    return b.build();
  }

  /** What one apply of {@link #connect(int)} on a fresh compact cloud did. */
  record Applied(Outcome outcome, int steps, Map<String, Long> created, Map<String, Long> stable) {}

  static Applied apply(int n) {
    InMemoryCloud cloud = InMemoryCloud.builder().region("us-east-1").latency(Latency.compact())
        .seedImages("scale-app", List.of("1.0.0")).build();
    Cruddur cruddur = Cruddur.with(cloud);
    Plan plan = cruddur.plan(connect(n));
    // When each service was created and when its wait saw it stable, on the cloud's clock (the listener runs on
    // the step's thread, which the clock counts as working: it cannot move under it).
    Map<String, Long> created = new ConcurrentHashMap<>();
    Map<String, Long> stable = new ConcurrentHashMap<>();
    Outcome outcome = cruddur.withListener(e -> {
      if (!e.step().resource().type().equals("ecs.service")) {
        return;
      }
      if (e instanceof ApplyEvent.Started && e.step().action() == Action.CREATE) {
        created.put(e.step().resource().name(), cloud.clock().millis());
      } else if (e instanceof ApplyEvent.Finished && e.step().node().role() == NodeId.Role.READY) {
        stable.put(e.step().resource().name(), cloud.clock().millis());
      }
    }).apply(plan);
    return new Applied(outcome, plan.work().size(), created, stable);
  }

  @Test
  void aThousandServiceConnectServicesApplyOnTheCompactProfileInSecondsAndOnTheirCriticalPath() {
    Applied small = apply(3);
    assertThat(small.outcome().succeeded()).as(small.outcome().toString()).isTrue();
    long start = System.nanoTime();
    Applied big = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> apply(1000));
    Duration real = Duration.ofNanos(System.nanoTime() - start);
    assertThat(big.outcome().succeeded()).as(big.outcome().toString()).isTrue();
    assertThat(big.outcome().completed()).hasSize(big.steps());
    assertThat(big.created()).hasSize(1000);
    assertThat(big.stable()).hasSize(1000);
    // No wait ends before its simulated duration: a service is stable no sooner than its tasks start.
    long taskStart = Latency.compact().taskStart().toMillis();
    big.created().forEach((service, at) ->
        assertThat(big.stable().get(service) - at).as(service).isGreaterThanOrEqualTo(taskStart));
    // The services deploy side by side: 1000 take the virtual time of 3 (their critical path does not grow), give
    // or take the jitter of retries and polls.
    Duration virtual = big.outcome().elapsed();
    assertThat(virtual).isGreaterThanOrEqualTo(Latency.compact().taskStart());
    assertThat(virtual.toMillis()).as("virtual time of 1000 services against that of 3 (%s)",
        small.outcome().elapsed()).isBetween(small.outcome().elapsed().toMillis() - 5_000,
        small.outcome().elapsed().toMillis() + 5_000);
    System.out.printf("1000 services on the compact profile: %d ms real, %d ms virtual (3 services: %d ms)%n",
        real.toMillis(), virtual.toMillis(), small.outcome().elapsed().toMillis());
  }
}
