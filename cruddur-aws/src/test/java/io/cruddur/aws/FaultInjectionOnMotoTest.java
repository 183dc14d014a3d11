package io.cruddur.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.CloudView;
import io.cruddur.Cruddur;
import io.cruddur.TestStacks;
import io.cruddur.apply.ExecutorOptions;
import io.cruddur.apply.Outcome;
import io.cruddur.base.CruddurException;
import io.cruddur.memory.CloudInventory;
import io.cruddur.memory.Faults;
import io.cruddur.memory.Faults.Fault;
import io.cruddur.port.Cloud;
import io.cruddur.port.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reference stack applied on moto through the AWS adapters with {@link FaultInjector} faulting 20 % of the
 * HTTP calls (every kind), for several seeds: each run either succeeds with exactly a clean run's resources, or
 * fails with a typed outcome naming the step and its cause; either way a second apply without faults converges to
 * the clean state, with no duplicate resource.
 *
 * <p>To keep it fast: moto is reset between seeds; the adapters' per-call retries start at 20 ms; and the executor
 * runs on a clock that sleeps a twentieth of each wait in real time (the certificate waiter polls every 10 s), so
 * waits and back-offs keep their order and proportions but not their length. The faults themselves are untouched.
 */
@ExtendWith(Moto.class)
class FaultInjectionOnMotoTest {
  private static final int SEEDS = 5;
  private static final RetrySettings FAST_RETRIES = new RetrySettings(Duration.ofMillis(20), Duration.ofMillis(500),
      8, Duration.ofSeconds(30), Duration.ofSeconds(20));
  private static final ExecutorOptions OPTIONS = ExecutorOptions.defaults().withWaitForDeployments(false);

  /** A clock that sleeps {@code 1/factor} of each wait and counts the rest as passed. */
  static final class ScaledClock implements Clock {
    private final int factor;
    private final AtomicLong skipped = new AtomicLong();

    ScaledClock(int factor) {
      this.factor = factor;
    }

    @Override
    public Instant now() {
      return Instant.now().plusMillis(skipped.get());
    }

    @Override
    public void sleep(Duration d) throws InterruptedException {
      long real = d.toMillis() / factor;
      Thread.sleep(real);
      skipped.addAndGet(d.toMillis() - real);
    }
  }

  /** {@code cloud} on a {@link ScaledClock}. */
  static Cloud fast(AwsCloud cloud) {
    return new CloudView(cloud, new ScaledClock(20), cloud.ports(), "Fast");
  }

  private static Cruddur cruddur(AwsCloud cloud) {
    // moto starts no tasks: the images and secret parameters tasks would need do not matter here.
    return Cruddur.with(fast(cloud)).withOptions(OPTIONS).withPlanOptions(new io.cruddur.plan.PlanOptions(true,
        true));
  }

  @Test
  void theShopConvergesUnderHttpFaults() {
    long start = System.nanoTime();
    SortedMap<String, List<String>> expected;
    Moto.reset();
    try (AwsCloud clean = Moto.cloud().retry(FAST_RETRIES).build()) {
      Outcome o = cruddur(clean).apply(TestStacks.shop());
      assertThat(o.succeeded()).as(String.valueOf(o)).isTrue();
      expected = CloudInventory.of(clean);
    }
    long cleanMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertThat(CloudInventory.duplicates(expected)).isEmpty();
    assertThat(expected.get("elb.load-balancer")).hasSize(1);
    assertThat(expected.get("elb.target-group")).hasSize(2);
    assertThat(expected.get("ecs.service")).hasSize(2);
    assertThat(expected.get("route53.hosted-zone")).hasSize(1);
    assertThat(expected.get("acm.certificate")).hasSize(1);

    int succeeded = 0;
    Map<Fault, Long> total = new EnumMap<>(Fault.class);
    List<String> report = new ArrayList<>();
    for (long seed = 1; seed <= SEEDS; seed++) {
      Moto.reset();
      long t0 = System.nanoTime();
      FaultInjector faults = new FaultInjector(Faults.atRate(0.2, seed));
      try (AwsCloud faulty = Moto.cloud().retry(FAST_RETRIES).addInterceptor(faults).build();
          AwsCloud plain = Moto.cloud().retry(FAST_RETRIES).build()) {
        Outcome outcome = cruddur(faulty).apply(TestStacks.shop());
        Map<Fault, Long> injected = faults.injected();
        injected.forEach((k, v) -> total.merge(k, v, Long::sum));
        assertThat(injected.values().stream().mapToLong(Long::longValue).sum()).as("seed " + seed).isPositive();
        if (outcome.succeeded()) {
          succeeded++;
          assertThat(CloudInventory.of(plain)).as("seed %d: a faulted run that succeeded", seed).isEqualTo(expected);
        } else {
          Outcome.Failed failed = (Outcome.Failed) outcome;
          assertThat(failed.failures()).as("seed %d", seed).isNotEmpty().allSatisfy(f -> {
            assertThat(f.step()).isNotNull();
            assertThat(f.cause()).isInstanceOf(CruddurException.class);
            assertThat(f.cause().getMessage()).isNotBlank();
          });
          assertThat(CloudInventory.duplicates(CloudInventory.of(plain))).as("seed %d", seed).isEmpty();
        }
        report.add("seed " + seed + ": " + (outcome.succeeded() ? "succeeded" : "failed: "
            + ((Outcome.Failed) outcome).describe().strip().replace("\n", "; ")) + " " + injected);

        Outcome again = cruddur(plain).apply(TestStacks.shop());
        assertThat(again.succeeded()).as("seed %d: the re-run without faults: %s", seed, again).isTrue();
        SortedMap<String, List<String>> after = CloudInventory.of(plain);
        assertThat(CloudInventory.duplicates(after)).as("seed %d", seed).isEmpty();
        assertThat(after).as("seed %d: converged", seed).isEqualTo(expected);
      }
      report.set(report.size() - 1, report.get(report.size() - 1) + " ("
          + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms)");
    }
    System.out.println("FaultInjectionOnMotoTest: " + succeeded + " of " + SEEDS + " seeds succeeded outright in "
        + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s (the clean run: " + cleanMillis + " ms); injected "
        + total + "\n  "
        + String.join("\n  ", report));
    assertThat(total.values()).allSatisfy(n -> assertThat(n).isPositive());
  }

  /** What the stack owns in moto: its own security groups, not the default VPC's "default". */
  private static SortedMap<String, List<String>> owned(AwsCloud cloud) {
    SortedMap<String, List<String>> all = CloudInventory.of(cloud);
    all.computeIfPresent("ec2.security-group", (k, v) -> {
      List<String> mine = v.stream().filter(n -> !n.equals("default")).toList();
      return mine.isEmpty() ? null : mine;
    });
    return all;
  }

  /**
   * {@code run} on an applied shop with 20 % of the HTTP calls faulted, for {@link #SEEDS} seeds: it succeeds or
   * fails naming the step, makes nothing twice, and a re-run without faults ends as a clean run does.
   */
  private static void convergesFromAnAppliedShop(String name, java.util.function.Function<Cruddur, Outcome> run) {
    Moto.reset();
    SortedMap<String, List<String>> expected;
    try (AwsCloud clean = Moto.cloud().retry(FAST_RETRIES).build()) {
      assertThat(cruddur(clean).apply(TestStacks.shop()).succeeded()).isTrue();
      assertThat(run.apply(cruddur(clean)).succeeded()).isTrue();
      expected = owned(clean);
    }
    int succeeded = 0;
    Map<Fault, Long> total = new EnumMap<>(Fault.class);
    for (long seed = 1; seed <= SEEDS; seed++) {
      Moto.reset();
      FaultInjector faults = new FaultInjector(Faults.atRate(0.2, seed));
      try (AwsCloud faulty = Moto.cloud().retry(FAST_RETRIES).addInterceptor(faults).build();
          AwsCloud plain = Moto.cloud().retry(FAST_RETRIES).build()) {
        assertThat(cruddur(plain).apply(TestStacks.shop()).succeeded()).isTrue();
        Outcome outcome = run.apply(cruddur(faulty));
        faults.injected().forEach((k, v) -> total.merge(k, v, Long::sum));
        if (outcome.succeeded()) {
          succeeded++;
        } else {
          assertThat(((Outcome.Failed) outcome).failures()).as("%s, seed %d", name, seed).isNotEmpty()
              .allSatisfy(f -> assertThat(f.cause()).isInstanceOf(CruddurException.class));
        }
        assertThat(CloudInventory.duplicates(owned(plain), expected)).as("%s, seed %d", name, seed).isEmpty();
        Outcome again = run.apply(cruddur(plain));
        assertThat(again.succeeded()).as("%s, seed %d: the re-run without faults: %s", name, seed, again).isTrue();
        assertThat(owned(plain)).as("%s, seed %d: converged", name, seed).isEqualTo(expected);
      }
    }
    System.out.println("FaultInjectionOnMotoTest " + name + ": " + succeeded + " of " + SEEDS + " seeds succeeded "
        + "outright; 0 duplicates; injected " + total);
    assertThat(total.values().stream().mapToLong(Long::longValue).sum()).isPositive();
  }

  @Test
  void aDestroyConvergesUnderHttpFaults() {
    convergesFromAnAppliedShop("destroy", c -> c.destroy(TestStacks.shop()));
  }

  @Test
  void anUpdateConvergesUnderHttpFaults() {
    convergesFromAnAppliedShop("update", c -> c.apply(TestStacks.shop("1.1.0", 2)));
  }
}
