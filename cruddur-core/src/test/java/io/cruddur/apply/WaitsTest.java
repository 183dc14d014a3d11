package io.cruddur.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.Cruddur;
import io.cruddur.TestStacks;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.memory.Latency;
import io.cruddur.plan.Step;
import io.cruddur.resource.Backoff;
import io.cruddur.spec.Image;
import io.cruddur.spec.Stack;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Waits on the in-memory cloud, whose virtual clock says exactly when an awaited state is reached: each wait ends
 * within its {@link Backoff#overshoot stated bound} after it (the in-memory cloud's polls take no time), polling no
 * more often than its schedule says.
 */
class WaitsTest {
  private static final String CERTIFICATE_RECORD = "route53.record _acm-validation.shop.example.org. CNAME";
  private static final String CERTIFICATE_WAIT = "wait:acm.certificate shop.example.org, *.shop.example.org";

  /** Each step's start and end on the cloud's clock, and the polls of each wait. */
  private static final class Times implements ApplyListener {
    final InMemoryCloud cloud;
    final Map<String, Instant> started = new ConcurrentHashMap<>();
    final Map<String, Instant> finished = new ConcurrentHashMap<>();
    final Map<String, Backoff> backoffs = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();

    Times(InMemoryCloud cloud) {
      this.cloud = cloud;
    }

    @Override
    public void on(ApplyEvent e) {
      String id = e.step().id();
      Instant now = cloud.clock().now();
      if (e instanceof ApplyEvent.Started) {
        started.put(id, now);
      } else if (e instanceof ApplyEvent.Finished) {
        finished.put(id, now);
      }
      if (id.startsWith("wait:") && (e instanceof ApplyEvent.Waiting || e instanceof ApplyEvent.Finished)) {
        polls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        backoffs.computeIfAbsent(id, k -> backoff(e.step()));
      }
    }

    private static Backoff backoff(Step step) {
      return step.resource().kind().readiness().orElseThrow().backoff();
    }

    /**
     * Asserts that wait {@code id}, whose state was reached at {@code reached}, ended within its bound, and polled
     * no more often than its schedule allows; returns how long after the state it ended.
     */
    Duration assertEndedWithinBound(String id, Instant reached) {
      Instant begin = started.get(id);
      Instant end = finished.get(id);
      assertThat(end).as("%s ended", id).isNotNull();
      Backoff b = backoffs.get(id);
      Duration reachedAfter = Duration.between(begin, reached);
      Duration over = Duration.between(reached, end);
      assertThat(over).as("%s: state reached %s into the wait", id, reachedAfter)
          .isGreaterThanOrEqualTo(Duration.ZERO).isLessThanOrEqualTo(b.overshoot(reachedAfter));
      // At most as many polls as the shortest delays fit into the wait, plus the first one.
      Duration wait = Duration.between(begin, end);
      int most = 1;
      for (Duration t = Duration.ZERO; ; most++) {
        t = t.plus(b.delay(most, Math.nextDown(1.0)));
        if (t.compareTo(wait) > 0) {
          break;
        }
      }
      assertThat(polls.get(id).get()).as("polls of %s in %s", id, wait).isLessThanOrEqualTo(most);
      return over;
    }
  }

  private static Latency instantBut(Duration taskStart, Duration certificateValidation) {
    Duration z = Duration.ZERO;
    return new Latency("test", taskStart, z, z, z, z, certificateValidation, z, z, z, z, z);
  }

  /**
   * The certificate wait, on the critical path of every first deploy: the certificate is issued {@code seconds}
   * after its validation record is written (public DNS sees it at once here). From 0.3 s (under the first delay) and
   * 2 s (moto's default) to 10 minutes (a slow ACM).
   */
  @ParameterizedTest
  @ValueSource(doubles = {0.3, 2, 7, 40, 155, 600})
  void aCertificateIssuedAfterTSecondsIsSeenWithinTheBound(double seconds) {
    Duration validation = Duration.ofMillis((long) (seconds * 1000));
    InMemoryCloud cloud = TestStacks.withSecret(TestStacks.cloudBuilder().latency(instantBut(Duration.ZERO,
        validation)).build());
    Times times = new Times(cloud);
    Outcome o = Cruddur.with(cloud).withListener(times).apply(TestStacks.shop());
    assertThat(o.succeeded()).as(String.valueOf(o)).isTrue();
    Instant issued = times.finished.get(CERTIFICATE_RECORD).plus(validation);
    Duration over = times.assertEndedWithinBound(CERTIFICATE_WAIT, issued);
    System.out.printf("certificate issued after %s: the wait ended %d ms later, after %d polls (bound %d ms)%n",
        validation, over.toMillis(), times.polls.get(CERTIFICATE_WAIT).get(),
        times.backoffs.get(CERTIFICATE_WAIT).overshoot(validation).toMillis());
  }

  /** A worker service (no load balancer) is stable once its task runs, {@code seconds} after the service is made. */
  @ParameterizedTest
  @ValueSource(doubles = {0.5, 3, 45, 300})
  void aServiceStableAfterTSecondsIsSeenWithinTheBound(double seconds) {
    Duration taskStart = Duration.ofMillis((long) (seconds * 1000));
    InMemoryCloud cloud = TestStacks.cloudBuilder().latency(instantBut(taskStart, Duration.ZERO)).build();
    Stack worker = Stack.builder().name("solo").region("us-east-1").cluster(c -> c.name("solo"))
        .repository(r -> r.name("api").forceDelete(true))
        .addService(s -> s.name("worker").image(Image.ecr("api", "1.0.0")))
        .build();
    Times times = new Times(cloud);
    Outcome o = Cruddur.with(cloud).withListener(times).apply(worker);
    assertThat(o.succeeded()).as(String.valueOf(o)).isTrue();
    Instant stable = times.finished.get("ecs.service solo/worker").plus(taskStart);
    Duration over = times.assertEndedWithinBound("wait:ecs.service solo/worker", stable);
    System.out.printf("service stable after %s: the wait ended %d ms later, after %d polls%n", taskStart,
        over.toMillis(), times.polls.get("wait:ecs.service solo/worker").get());
  }
}
