package io.cruddur.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.Cruddur;
import io.cruddur.TestStacks;
import io.cruddur.apply.Outcome;
import io.cruddur.base.CruddurException;
import io.cruddur.memory.Faults.Decision;
import io.cruddur.memory.Faults.Fault;
import io.cruddur.plan.Plan;
import io.cruddur.port.CloudException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FaultsTest {
  private static final List<String> OPS = List.of("ecs:CreateService", "ecs:DescribeServices",
      "elbv2:CreateTargetGroup", "iam:GetRole");

  /** The decisions for {@code calls} (operation, target) in that order, grouped by operation. */
  private static Map<String, List<Decision>> decide(Faults.Policy policy, List<String[]> calls) {
    Faults.Injection injection = policy.start();
    Map<String, List<Decision>> byOp = new java.util.TreeMap<>();
    for (String[] c : calls) {
      byOp.computeIfAbsent(c[0], k -> new ArrayList<>()).add(injection.next(c[0], c[1], c[0].contains("Create")));
    }
    return byOp;
  }

  private static List<String[]> calls(int n) {
    List<String[]> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      calls.add(new String[] {OPS.get(i % OPS.size()), "target-" + (i % 7)});
    }
    return calls;
  }

  @Test
  void theSameSeedGivesTheSameFaultsWhateverTheInterleavingOfOtherOperations() {
    Faults.Policy policy = Faults.atRate(0.3, 42).latency(Duration.ofMillis(10), Duration.ofMillis(90));
    List<String[]> inOrder = calls(400);
    List<String[]> grouped = new ArrayList<>(inOrder);
    grouped.sort(java.util.Comparator.comparing(c -> c[0]));   // stable: each operation's own order is kept

    Map<String, List<Decision>> first = decide(policy, inOrder);
    assertThat(decide(policy, inOrder)).isEqualTo(first);
    assertThat(decide(policy, grouped)).as("other operations interleaved differently").isEqualTo(first);
    assertThat(decide(Faults.atRate(0.3, 43).latency(Duration.ofMillis(10), Duration.ofMillis(90)), inOrder))
        .as("another seed").isNotEqualTo(first);
    assertThat(first.values().stream().flatMap(List::stream).filter(Decision::faulted)).isNotEmpty();
  }

  @Test
  void twoCloudsWithTheSameSeedFaultTheSameCalls() {
    List<List<Faults.Injected>> logs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      InMemoryCloud cloud = InMemoryCloud.create();
      cloud.faults().inject(Faults.atRate(0.25, 7));
      for (int i = 0; i < 60; i++) {
        try {
          cloud.ecr().createRepository("repo-" + (i % 20), false, false, Map.of());
        } catch (CloudException expected) {
          // faults, and conflicts for the repositories made before
        }
        try {
          cloud.ecr().findRepository("repo-" + (i % 20));
        } catch (CloudException expected) {
          // faults
        }
      }
      logs.add(cloud.faults().injectedCalls());
    }
    assertThat(logs.get(0)).isNotEmpty().isEqualTo(logs.get(1));
  }

  @Test
  void ratesAndKindsAreRespectedRoughly() {
    Faults.Injection injection = Faults.atRate(0.2, 1234).start();
    int faulted = 0;
    for (int i = 0; i < 1000; i++) {
      if (injection.next("ecs:DescribeServices", "svc-" + (i % 10), false).faulted()) {
        faulted++;
      }
    }
    // 200 expected; the standard deviation is 12.6, so +-50 is about 4 sigma.
    assertThat(faulted).isBetween(150, 250);
    Map<Fault, Long> counts = injection.injected();
    assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(faulted);
    assertThat(counts).allSatisfy((kind, n) -> assertThat(n).as(kind.name()).isBetween(20L, 85L));

    Faults.Injection onlyTwo = Faults.atRate(0.5, 99).only(Fault.THROTTLING, Fault.TIMEOUT).start();
    for (int i = 0; i < 200; i++) {
      onlyTwo.next("ecs:CreateService", "s", true);
    }
    assertThat(onlyTwo.injected()).containsEntry(Fault.SERVER_ERROR, 0L).containsEntry(Fault.LOST_RESPONSE, 0L);
    assertThat(onlyTwo.injected().get(Fault.THROTTLING)).isPositive();
    assertThat(onlyTwo.injected().get(Fault.TIMEOUT)).isPositive();
    assertThat(onlyTwo.log()).filteredOn(i -> i.fault() == Fault.TIMEOUT)
        .as("a time-out takes effect or not, drawn from the seed")
        .extracting(Faults.Injected::applied).contains(true, false);
  }

  @Test
  void policiesCoverOnlyTheirOperationsAndEffects() {
    Faults.Policy all = Faults.atRate(1, 1);
    assertThat(all.covers("ecs:CreateService", true)).isTrue();
    assertThat(all.writesOnly().covers("ecs:DescribeServices", false)).isFalse();
    assertThat(all.readsOnly().covers("ecs:CreateService", true)).isFalse();
    assertThat(all.operations("ecs:*").covers("ecs:CreateService", true)).isTrue();
    assertThat(all.operations("ecs:*").covers("ecr:CreateRepository", true)).isFalse();
    assertThat(all.operations("ecs:CreateService").covers("ecs:UpdateService", true)).isFalse();
    assertThatThrownBy(() -> Faults.atRate(1.5, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> all.only()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> all.operations("CreateService")).isInstanceOf(IllegalArgumentException.class);

    InMemoryCloud cloud = InMemoryCloud.create();
    cloud.faults().inject(Faults.atRate(1, 5).operations("ecr:CreateRepository").only(Fault.THROTTLING));
    assertThat(cloud.ecr().listRepositories()).isEmpty();   // a read of another operation: not faulted
    assertThatThrownBy(() -> cloud.ecr().createRepository("api", false, false, Map.of()))
        .isInstanceOf(CloudException.Throttled.class).hasMessageContaining("injected fault: ecr:CreateRepository");
    assertThat(cloud.ecr().findRepository("api")).as("throttled: not carried out").isEmpty();
  }

  @Test
  void lostResponsesAndAppliedTimeOutsTakeEffectOthersDoNot() {
    InMemoryCloud cloud = InMemoryCloud.create();
    cloud.faults().inject(Faults.atRate(1, 3).operations("ecr:CreateRepository"));
    Map<String, Fault> seen = new java.util.HashMap<>();
    for (int i = 0; i < 40; i++) {
      String name = "repo-" + i;
      assertThatThrownBy(() -> cloud.ecr().createRepository(name, false, false, Map.of()))
          .isInstanceOf(CloudException.class).matches(e -> ((CloudException) e).retryable());
    }
    for (Faults.Injected f : cloud.faults().injectedCalls()) {
      seen.put(f.target(), f.fault());
      assertThat(cloud.ecr().findRepository(f.target()).isPresent()).as(f.toString()).isEqualTo(f.applied());
      assertThat(f.applied()).as(f.toString()).isEqualTo(f.fault() == Fault.LOST_RESPONSE
          || f.fault() == Fault.TIMEOUT && f.applied());
    }
    assertThat(seen.values()).contains(Fault.values());
    assertThat(cloud.faults().injectedCalls()).filteredOn(f -> f.fault() == Fault.TIMEOUT)
        .extracting(Faults.Injected::applied).contains(true, false);

    cloud.faults().clear();
    assertThat(cloud.faults().injected().values()).containsOnly(0L);
    assertThat(cloud.ecr().createRepository("after", false, false, Map.of()).name()).isEqualTo("after");
  }

  @Test
  void latencyIsVirtualTime() {
    InMemoryCloud cloud = InMemoryCloud.create();
    cloud.faults().inject(Faults.atRate(0, 1).latency(Duration.ofMillis(250)));
    long virtualStart = cloud.clock().millis();
    long realStart = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      cloud.ecr().listRepositories();
    }
    assertThat(cloud.clock().millis() - virtualStart).isGreaterThanOrEqualTo(5_000);
    assertThat(Duration.ofNanos(System.nanoTime() - realStart)).isLessThan(Duration.ofSeconds(2));
    assertThat(cloud.faults().injected().values()).as("latency alone is no fault").containsOnly(0L);
  }

  /**
   * The reference stack applied with 20 % of all calls faulted (every kind) for several seeds: each run either
   * succeeds with exactly a clean run's resources, or fails with a typed outcome naming the step and its cause;
   * either way a second apply without faults converges to the clean state, with no duplicates.
   *
   * <p>The plan is made under the same faults: planning retries a read that fails retryably.
   */
  /**
   * Seeds per run kind: each seed is a whole apply (or update, or destroy) with 20 % of all calls faulted. 50; the
   * mutation-testing profile runs 5 ({@code -Dcruddur.faultSeeds}), as PIT runs a test once per mutant it covers.
   */
  private static final int SEEDS = Integer.getInteger("cruddur.faultSeeds", 50);

  /** What a faulted run starts from, what it runs, and how a clean run of it ends. */
  private record Scenario(String name, java.util.function.Supplier<InMemoryCloud> start, io.cruddur.spec.Stack stack,
      boolean destroy) {
    Plan plan(Cruddur cruddur) {
      return destroy ? cruddur.planDestroy(stack) : cruddur.plan(stack);
    }
  }

  private static InMemoryCloud applied() {
    InMemoryCloud cloud = TestStacks.cloud();
    assertThat(Cruddur.with(cloud).apply(TestStacks.shop()).succeeded()).isTrue();
    return cloud;
  }

  /**
   * {@link #SEEDS} seeds of {@code scenario} with 20 % of all calls faulted (throttling, 5xx, time-outs and lost
   * responses, mixed): each run either ends exactly as a clean run, with no duplicate of any kind, or fails naming
   * the step and its cause; either way a re-run without faults converges to the clean end and plans no work.
   */
  private static void convergesUnderRandomFaults(Scenario scenario) {
    InMemoryCloud clean = scenario.start().get();
    Cruddur cleanRun = Cruddur.with(clean);
    assertThat(cleanRun.apply(scenario.plan(cleanRun)).succeeded()).isTrue();
    SortedMap<String, List<String>> expected = CloudInventory.of(clean);
    assertThat(CloudInventory.duplicates(expected).keySet()).as("only revisions, of an update")
        .isSubsetOf(scenario.destroy() || scenario.stack().equals(TestStacks.shop()) ? List.of()
            : List.of("ecs.task-definition"));

    int succeeded = 0;
    Map<Fault, Long> total = new EnumMap<>(Fault.class);
    List<String> failures = new ArrayList<>();
    for (long seed = 1; seed <= SEEDS; seed++) {
      InMemoryCloud cloud = scenario.start().get();
      Cruddur cruddur = Cruddur.with(cloud);
      cloud.faults().inject(Faults.atRate(0.2, seed));
      Outcome outcome = cruddur.apply(scenario.plan(cruddur));
      Map<Fault, Long> injected = cloud.faults().injected();
      injected.forEach((k, v) -> total.merge(k, v, Long::sum));
      cloud.faults().clear();
      String run = scenario.name() + ", seed " + seed;
      assertThat(injected.values().stream().mapToLong(Long::longValue).sum()).as(run).isPositive();
      if (outcome.succeeded()) {
        succeeded++;
        assertThat(CloudInventory.of(cloud)).as("%s: a faulted run that succeeded", run).isEqualTo(expected);
      } else {
        assertAFailedRunSaysWhyAndMadeNoDuplicates((Outcome.Failed) outcome, cloud, run, expected);
        failures.add("seed " + seed + ": " + ((Outcome.Failed) outcome).describe().strip().replace("\n", "; "));
      }
      Outcome again = cruddur.apply(scenario.plan(cruddur));
      assertThat(again.succeeded()).as("%s: the re-run without faults: %s", run, again).isTrue();
      assertThat(CloudInventory.of(cloud)).as("%s: converged", run).isEqualTo(expected);
      assertThat(scenario.plan(cruddur).work()).as("%s: nothing left to do", run).isEmpty();
    }
    System.out.println("FaultsTest " + scenario.name() + ": " + SEEDS + " seeds at 20 %, " + succeeded
        + " succeeded outright, " + (SEEDS - succeeded) + " failed with a typed cause and converged on a re-run; "
        + "0 duplicates; injected " + total + (failures.isEmpty() ? "" : "\n  " + String.join("\n  ", failures)));
    assertThat(total.values()).allSatisfy(n -> assertThat(n).isPositive());
  }

  @Test
  void theShopConvergesUnderRandomFaults() {
    convergesUnderRandomFaults(new Scenario("apply", TestStacks::cloud, TestStacks.shop(), false));
  }

  @Test
  void anUpdateOfImageAndCountConvergesUnderRandomFaults() {
    convergesUnderRandomFaults(new Scenario("update (tag 1.0.0 -> 1.1.0, api 1 -> 2 tasks)", FaultsTest::applied,
        TestStacks.shop("1.1.0", 2), false));
  }

  @Test
  void aDestroyConvergesUnderRandomFaults() {
    convergesUnderRandomFaults(new Scenario("destroy", FaultsTest::applied, TestStacks.shop(), true));
  }

  private static void assertAFailedRunSaysWhyAndMadeNoDuplicates(Outcome.Failed failed, InMemoryCloud cloud,
      String run, SortedMap<String, List<String>> clean) {
    assertThat(failed.failures()).as(run).isNotEmpty().allSatisfy(f -> {
      assertThat(f.step()).isNotNull();
      assertThat(f.cause()).isInstanceOf(CruddurException.class);
      assertThat(f.cause().getMessage()).isNotBlank();
    });
    assertThat(failed.describe()).contains(failed.failures().get(0).step().id().toString());
    assertThat(CloudInventory.duplicates(CloudInventory.of(cloud), clean)).as(run).isEmpty();
  }

  /**
   * The failing half of {@link #theShopConvergesUnderRandomFaults}, made certain: random faults plus one the executor
   * cannot retry (a refused target group). The run fails naming that step, leaves no duplicates, and a clean re-run
   * converges.
   */
  @Test
  void aRunThatFailsUnderFaultsSaysWhyAndARerunConverges() {
    InMemoryCloud clean = TestStacks.cloud();
    assertThat(Cruddur.with(clean).apply(TestStacks.shop()).succeeded()).isTrue();
    SortedMap<String, List<String>> expected = CloudInventory.of(clean);

    InMemoryCloud cloud = TestStacks.cloud();
    Cruddur cruddur = Cruddur.with(cloud);
    cloud.faults().inject(Faults.atRate(0.2, 7));
    cloud.faults().failNext("elbv2:CreateTargetGroup", () -> new CloudException.Invalid("ValidationError: injected"));
    Outcome outcome = cruddur.apply(cruddur.plan(TestStacks.shop()));
    cloud.faults().clear();
    assertThat(outcome).isInstanceOf(Outcome.Failed.class);
    Outcome.Failed failed = (Outcome.Failed) outcome;
    assertAFailedRunSaysWhyAndMadeNoDuplicates(failed, cloud, "seed 7 and a refused target group", expected);
    assertThat(failed.failures()).anySatisfy(f -> {
      assertThat(f.step().id().toString()).startsWith("elb.target-group");
      assertThat(f.cause()).isInstanceOf(CloudException.Invalid.class).hasMessageContaining("injected");
    });
    assertThat(failed.skipped()).as("what needs the target group did not run").isNotEmpty();

    assertThat(cruddur.apply(TestStacks.shop()).succeeded()).isTrue();
    assertThat(CloudInventory.of(cloud)).isEqualTo(expected);
    assertThat(cruddur.plan(TestStacks.shop()).work()).isEmpty();
  }
}
