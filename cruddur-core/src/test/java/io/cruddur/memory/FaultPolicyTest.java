package io.cruddur.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.memory.Faults.Decision;
import io.cruddur.memory.Faults.Fault;
import io.cruddur.memory.Faults.Policy;
import io.cruddur.port.CloudException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The parts of a fault policy a caller relies on: what it covers, what each decision means (which error, whether the
 * call took effect, how much latency), and how an injection counts the calls.
 */
class FaultPolicyTest {
  private static final Duration MS10 = Duration.ofMillis(10);

  @Test
  void aPolicyStartsWithAllKindsEveryOperationBothEffectsAndNoLatency() {
    Policy p = Faults.atRate(0.25, 42);
    assertThat(p.rate()).isEqualTo(0.25);
    assertThat(p.seed()).isEqualTo(42);
    assertThat(p.kinds()).isEqualTo(EnumSet.allOf(Fault.class));
    assertThat(p.operationPatterns()).isEmpty();
    assertThat(p.scope()).isEqualTo(Faults.Scope.ALL);
    assertThat(p).hasToString("faults at 0.25 (seed 42) of [THROTTLING, SERVER_ERROR, TIMEOUT, LOST_RESPONSE] on "
        + "every operation (ALL)");
    Policy narrowed = p.only(Fault.TIMEOUT).operations("ecs:*", "iam:GetRole").writesOnly()
        .latency(Duration.ofMillis(20), Duration.ofMillis(90));
    assertThat(narrowed.kinds()).containsExactly(Fault.TIMEOUT);
    assertThat(narrowed.operationPatterns()).containsExactly("ecs:*", "iam:GetRole");
    assertThat(narrowed.scope()).isEqualTo(Faults.Scope.WRITES);
    assertThat(narrowed.rate()).isEqualTo(0.25);
    assertThat(narrowed.seed()).isEqualTo(42);
    assertThat(narrowed).hasToString("faults at 0.25 (seed 42) of [TIMEOUT] on [ecs:*, iam:GetRole] (WRITES), "
        + "latency 20..90 ms");
    assertThat(narrowed.readsOnly().scope()).isEqualTo(Faults.Scope.READS);
    assertThat(p.kinds()).as("the original is unchanged").hasSize(4);
  }

  @Test
  void ratesLatenciesAndKindsAreChecked() {
    assertThatThrownBy(() -> Faults.atRate(-0.01, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> Faults.atRate(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Faults.atRate(0, 1).rate()).isZero();
    assertThat(Faults.atRate(1, 1).rate()).isEqualTo(1);
    Policy p = Faults.atRate(0.5, 1);
    assertThatThrownBy(() -> p.latency(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latencies");
    assertThatThrownBy(() -> p.latency(Duration.ofMillis(20), Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.timeoutAfter(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThat(p.latency(MS10, MS10).rate()).isEqualTo(0.5);
    assertThat(p.timeoutAfter(Duration.ZERO).seed()).isEqualTo(1);
    assertThatThrownBy(() -> p.operations("ecs:Create_Service")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.operations("ECS:CreateService")).isInstanceOf(IllegalArgumentException.class);
    assertThat(p.operations("*", "application-autoscaling:PutScalingPolicy", "elbv2:*").operationPatterns())
        .hasSize(3);
  }

  @Test
  void coverageFollowsScopeAndOperationPatterns() {
    Policy all = Faults.atRate(1, 1);
    assertThat(all.covers("ecs:CreateService", false)).isTrue();
    assertThat(all.writesOnly().covers("ecs:CreateService", true)).isTrue();
    assertThat(all.writesOnly().covers("ecs:ListServices", false)).isFalse();
    assertThat(all.readsOnly().covers("ecs:ListServices", false)).isTrue();
    assertThat(all.readsOnly().covers("ecs:CreateService", true)).isFalse();
    assertThat(all.operations("*").covers("iam:GetRole", false)).isTrue();
    assertThat(all.operations("iam:GetRole").covers("iam:GetRole", false)).isTrue();
    assertThat(all.operations("iam:*").covers("iam:GetRole", false)).isTrue();
    assertThat(all.operations("iam:*").covers("ecs:GetRole", false)).isFalse();
    assertThat(all.operations("iam:*").covers("iamx:GetRole", false)).isFalse();
    assertThat(all.operations("iam:*").covers("GetRole", false)).as("no service part").isFalse();
    assertThat(all.operations("iam:*").covers(":GetRole", false)).isFalse();
  }

  @Test
  void aCallOutsideThePolicyOrNotFaultedWithoutLatencyIsNoDecisionAtAll() {
    assertThat(Faults.atRate(1, 1).writesOnly().decide("ecs:ListServices", "c", false, 1)).isSameAs(Decision.NONE);
    assertThat(Faults.atRate(0, 1).decide("ecs:ListServices", "c", false, 1)).isSameAs(Decision.NONE);
    assertThat(Decision.NONE.faulted()).isFalse();
    assertThat(Decision.NONE.applied()).isTrue();
    assertThat(Decision.NONE.latency()).isZero();
    assertThatThrownBy(() -> Decision.NONE.error("ecs:X")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void latencyIsDrawnWithinItsBoundsForFaultedAndCleanCallsAlike() {
    Policy fixed = Faults.atRate(0, 7).latency(Duration.ofMillis(30));
    Decision d = fixed.decide("ecs:ListServices", "c", false, 1);
    assertThat(d).isEqualTo(new Decision(null, true, Duration.ofMillis(30)));
    Policy spread = Faults.atRate(0.5, 7).latency(Duration.ofMillis(10), Duration.ofMillis(12));
    Set<Long> seen = new java.util.TreeSet<>();
    for (int n = 1; n <= 300; n++) {
      Decision x = spread.decide("ecs:ListServices", "c", false, n);
      seen.add(x.latency().toMillis());
    }
    assertThat(seen).as("min and max both reachable, nothing outside").containsExactly(10L, 11L, 12L);
  }

  @Test
  void eachKindOfFaultHasItsEffectAndItsError() {
    Map<Fault, Decision> byKind = new java.util.EnumMap<>(Fault.class);
    Policy p = Faults.atRate(1, 3).latency(MS10).timeoutAfter(Duration.ofSeconds(30));
    for (int n = 1; n <= 400 && byKind.size() < 4; n++) {
      Decision d = p.decide("ecs:CreateService", "web", true, n);
      assertThat(d.faulted()).isTrue();
      byKind.putIfAbsent(d.fault(), d);
    }
    assertThat(byKind).containsOnlyKeys(Fault.values());
    assertThat(byKind.get(Fault.THROTTLING).applied()).isFalse();
    assertThat(byKind.get(Fault.SERVER_ERROR).applied()).isFalse();
    assertThat(byKind.get(Fault.LOST_RESPONSE).applied()).isTrue();
    assertThat(byKind.get(Fault.THROTTLING).latency()).isEqualTo(MS10);
    assertThat(byKind.get(Fault.TIMEOUT).latency()).as("a time-out holds its caller").isEqualTo(
        MS10.plusSeconds(30));

    CloudException throttled = byKind.get(Fault.THROTTLING).error("ecs:CreateService");
    assertThat(throttled).isInstanceOf(CloudException.Throttled.class)
        .hasMessage("injected fault: ecs:CreateService: ThrottlingException: Rate exceeded");
    CloudException server = byKind.get(Fault.SERVER_ERROR).error("ecs:CreateService");
    assertThat(server).isInstanceOf(CloudException.Unavailable.class)
        .hasMessage("injected fault: ecs:CreateService: 500 InternalFailure");
    CloudException timeout = byKind.get(Fault.TIMEOUT).error("ecs:CreateService");
    assertThat(timeout).isInstanceOf(CloudException.Unavailable.class)
        .hasMessage("injected fault: ecs:CreateService: timed out waiting for the response")
        .hasCauseInstanceOf(TimeoutException.class);
    CloudException lost = byKind.get(Fault.LOST_RESPONSE).error("ecs:CreateService");
    assertThat(lost).isInstanceOf(CloudException.Unavailable.class)
        .hasMessage("injected fault: ecs:CreateService: connection reset, the response was lost");
    assertThat(java.util.List.of(throttled, server, timeout, lost)).allMatch(CloudException::retryable);
  }

  @Test
  void timeOutsTakeEffectHalfTheTimeDrawnFromTheSeed() {
    Policy p = Faults.atRate(1, 11).only(Fault.TIMEOUT);
    int applied = 0;
    for (int n = 1; n <= 1000; n++) {
      if (p.decide("ecs:CreateService", "web", true, n).applied()) {
        applied++;
      }
    }
    assertThat(applied).isBetween(430, 570);
  }

  @Test
  void anInjectionCountsCallsPerOperationAndTargetAndLogsItsFaults() {
    Policy p = Faults.atRate(1, 5).only(Fault.THROTTLING).operations("ecs:CreateService");
    Faults.Injection i = p.start();
    assertThat(i.policy()).isSameAs(p);
    assertThat(i.next("ecs:ListServices", "web", false)).isSameAs(Decision.NONE);
    i.next("ecs:CreateService", "web", true);
    i.next("ecs:CreateService", "web", true);
    i.next("ecs:CreateService", "api", true);
    i.next("ecs:CreateService", null, true);
    assertThat(i.log()).containsExactly(new Faults.Injected("ecs:CreateService", "web", 1, Fault.THROTTLING, false),
        new Faults.Injected("ecs:CreateService", "web", 2, Fault.THROTTLING, false),
        new Faults.Injected("ecs:CreateService", "api", 1, Fault.THROTTLING, false),
        new Faults.Injected("ecs:CreateService", "", 1, Fault.THROTTLING, false));
    assertThat(i.injected()).containsEntry(Fault.THROTTLING, 4L).containsEntry(Fault.TIMEOUT, 0L).hasSize(4);
    assertThat(i.next("ecs:CreateService", "web", true)).isEqualTo(p.decide("ecs:CreateService", "web", true, 3));
  }

  @Test
  void aCloudWithoutAPolicyHasInjectedNothing() {
    Faults faults = new Faults();
    assertThat(faults.injected()).hasSize(4).containsOnlyKeys(Fault.values()).allSatisfy((k, v) ->
        assertThat(v).isZero());
    assertThat(faults.injectedCalls()).isEmpty();
    assertThat(faults.decide("ecs:CreateService", "web", true)).isSameAs(Decision.NONE);
    assertThat(faults.inject(Faults.atRate(1, 1))).isSameAs(faults);
    assertThat(faults.decide("ecs:CreateService", "web", true).faulted()).isTrue();
    assertThat(faults.injectedCalls()).hasSize(1);
    faults.clear();
    assertThat(faults.injectedCalls()).isEmpty();
    assertThat(faults.decide("ecs:CreateService", "web", true)).isSameAs(Decision.NONE);
  }

  @Test
  void scriptedFaultsAreTakenOncePerCallInOrder() {
    Faults faults = new Faults();
    assertThat(faults.failNext("ecs:X", () -> new CloudException("first"))).isSameAs(faults);
    faults.failNext("ecs:X", 2, () -> new CloudException("then"));
    assertThat(faults.failAfterNext("ecs:X", () -> new CloudException("after"))).isSameAs(faults);
    assertThat(faults.takeBefore("ecs:X")).hasMessage("first");
    assertThat(faults.takeBefore("ecs:X")).hasMessage("then");
    assertThat(faults.takeBefore("ecs:X")).hasMessage("then");
    assertThat(faults.takeBefore("ecs:X")).isNull();
    assertThat(faults.takeBefore("ecs:Y")).isNull();
    assertThat(faults.takeAfter("ecs:X")).hasMessage("after");
    assertThat(faults.takeAfter("ecs:X")).isNull();
    faults.failNext("ecs:X", () -> new CloudException("x"));
    faults.failAfterNext("ecs:X", () -> new CloudException("y"));
    faults.clear();
    assertThat(faults.takeBefore("ecs:X")).isNull();
    assertThat(faults.takeAfter("ecs:X")).isNull();
  }

  @Test
  void injectedLatencyAndTimeOutsPassOnTheCloudsVirtualClock() {
    InMemoryCloud cloud = InMemoryCloud.create();
    cloud.faults().inject(Faults.atRate(1, 2).only(Fault.TIMEOUT).operations("ecr:DescribeRepositories")
        .latency(Duration.ofSeconds(1)).timeoutAfter(Duration.ofSeconds(60)));
    long start = cloud.clock().millis();
    assertThatThrownBy(() -> cloud.ecr().listRepositories()).isInstanceOf(CloudException.Unavailable.class);
    assertThat(cloud.clock().millis() - start).isEqualTo(61_000);
  }

  /**
   * Decisions are a fixed function of the seed, the operation, the target and the call's number, the same on every
   * JVM and in every version: a seed reported by a failing run reproduces it, in the fake and through the HTTP fault
   * injector alike. These are seed 42's first twelve decisions (fault kind, + when applied, latency in ms).
   */
  @Test
  void aSeedsDecisionsNeverChange() {
    Policy p = Faults.atRate(0.5, 42).latency(Duration.ofMillis(10), Duration.ofMillis(1000));
    StringBuilder sb = new StringBuilder();
    for (int n = 1; n <= 12; n++) {
      Decision d = p.decide("ecs:CreateService", n % 2 == 0 ? "web" : null, true, n);
      sb.append(d.fault() == null ? "-" : d.fault().name().charAt(0) + (d.applied() ? "+" : ""));
      sb.append(d.latency().toMillis()).append(' ');
    }
    assertThat(sb.toString().strip()).isEqualTo("-169 -387 -311 -330 -471 -461 -101 L+848 S249 T441 S771 T880");
  }
}
