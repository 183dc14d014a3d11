package io.cruddur.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.Cruddur;
import io.cruddur.TestStacks;
import io.cruddur.apply.Outcome;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.port.CloudException;
import io.cruddur.spec.Stack;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ParameterLeasesTest {
  private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
  private final InMemoryCloud cloud = InMemoryCloud.create();
  private final ParameterLeases leases = new ParameterLeases(cloud.ssm());
  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  private final LeaseOptions options = LeaseOptions.defaults().withClock(new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  });

  @Test
  void aSecondRunIsRefusedAtOnceWithTheHolderAndSinceWhen() {
    try (Lease first = leases.acquire("shop", options.withHolder("alice@ci (pid 1)"))) {
      assertThat(first.holder().since()).isEqualTo(T0);
      assertThat(first.holder().expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(2)));
      assertThat(cloud.ssm().namesUnder("/cruddur/leases/shop")).containsExactly("/cruddur/leases/shop/0000000001");
      assertThatThrownBy(() -> leases.acquire("shop", options.withHolder("bob@laptop (pid 2)")))
          .isInstanceOfSatisfying(LeaseBusyException.class, e -> assertThat(e.current()).hasValueSatisfying(h -> {
            assertThat(h.holder()).isEqualTo("alice@ci (pid 1)");
            assertThat(h.token()).isEqualTo(first.holder().token());
          }))
          .hasMessage("stack shop is locked by alice@ci (pid 1) since 2026-11-30T12:00:00Z (its lease expires at "
              + "2026-11-30T12:02:00Z unless renewed); waited 0 s. Another apply or destroy is running: wait for "
              + "it, or wait longer for the lease");
      try (Lease other = leases.acquire("other-stack", options)) {
        assertThat(other.lost()).as("leases are per stack").isEmpty();
      }
    }
  }

  @Test
  void aWaitingRunSaysWhoHoldsTheLeaseAndTakesItOnceReleased() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    Lease first = leases.acquire("shop", options.withHolder("alice"));
    Thread releaser = LeaseTesting.releaseLater(first, Duration.ofMillis(300));
    try (Lease second = leases.acquire("shop", options.withHolder("bob").withWait(Duration.ofSeconds(20))
        .withPoll(Duration.ofMillis(20)).withLog(log::add))) {
      assertThat(second.holder().holder()).isEqualTo("bob");
    }
    releaser.join();
    assertThat(log).containsExactly("waiting for the lease of stack shop: held by alice since 2026-11-30T12:00:00Z "
        + "(expires at 2026-11-30T12:02:00Z unless renewed)");
  }

  @Test
  void aWaitThatRunsOutIsRefusedSayingHowLongItWaited() {
    try (Lease first = leases.acquire("shop", options.withHolder("alice"))) {
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> leases.acquire("shop", options.withWait(Duration.ofMillis(300))
          .withPoll(Duration.ofMillis(20)))).isInstanceOf(LeaseBusyException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(290), Duration.ofSeconds(5));
    }
  }

  @Test
  void aCrashedHoldersLeaseExpiresAndTheHolderLearnsItLostIt() {
    Lease crashed = leases.acquire("shop", options.withHolder("alice"));
    now.set(T0.plus(Duration.ofSeconds(119)));
    assertThatThrownBy(() -> leases.acquire("shop", options)).as("not expired yet")
        .isInstanceOf(LeaseBusyException.class);
    now.set(T0.plus(Duration.ofMinutes(2)));
    try (Lease next = leases.acquire("shop", options.withHolder("bob"))) {
      assertThat(cloud.ssm().namesUnder("/cruddur/leases/shop")).as("the older generation is deleted")
          .containsExactly("/cruddur/leases/shop/0000000002");
      ParameterLeases.renewNow(crashed);
      assertThat(crashed.lost()).hasValue("the lease of stack shop was lost: it expired at 2026-11-30T12:02:00Z and "
          + "bob since 2026-11-30T12:02:00Z took it");
      crashed.close();
      assertThat(cloud.ssm().namesUnder("/cruddur/leases/shop")).as("a stale holder deletes nothing")
          .containsExactly("/cruddur/leases/shop/0000000002");
      assertThat(next.lost()).isEmpty();
    }
  }

  @Test
  void renewingExtendsTheLeaseFromNow() {
    try (Lease lease = leases.acquire("shop", options)) {
      now.set(T0.plus(Duration.ofSeconds(100)));
      ParameterLeases.renewNow(lease);
      assertThat(lease.holder().expiresAt()).isEqualTo(T0.plus(Duration.ofSeconds(220)));
      now.set(T0.plus(Duration.ofSeconds(199)));
      assertThatThrownBy(() -> leases.acquire("shop", options)).as("renewed past its first expiry")
          .isInstanceOf(LeaseBusyException.class);
      assertThat(lease.lost()).isEmpty();
      now.set(T0.plus(Duration.ofSeconds(200)));
      assertThat(lease.lost()).as("not renewed since: a sixth of the ttl before it expires, it counts as lost")
          .hasValue("the lease of stack shop was not renewed in time (it expires at 2026-11-30T12:03:40Z)");
    }
  }

  @Test
  void aLostResponseToTheCreateStillGivesTheLeaseToItsCreator() {
    cloud.faults().failAfterNext("ssm:PutParameter", () -> new CloudException.Unavailable("connection reset", null));
    try (Lease lease = leases.acquire("shop", options.withHolder("alice"))) {
      assertThat(lease.lost()).isEmpty();
      assertThatThrownBy(() -> leases.acquire("shop", options)).isInstanceOf(LeaseBusyException.class)
          .hasMessageContaining("locked by alice");
    }
  }

  @Test
  void aRunWhoseLeaseIsLostStartsNoFurtherStep() {
    Stack stack = TestStacks.shop();
    Lease lost = new Lease() {
      @Override
      public LeaseHolder holder() {
        return new LeaseHolder("shop", "me", "t", T0, T0);
      }

      @Override
      public Optional<String> lost() {
        return Optional.of("the lease of stack shop was lost");
      }

      @Override
      public void close() {}
    };
    TestStacks.withSecret(cloud);
    cloud.clearCalls();
    Outcome outcome = Cruddur.with(cloud).withLease(lost).apply(stack);
    assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
      assertThat(f.completed()).isEmpty();
      assertThat(f.failures()).isNotEmpty().allSatisfy(x -> assertThat(x.cause())
          .hasMessage("not run: the lease of stack shop was lost"));
    });
    assertThat(cloud.writes()).as("nothing was changed").isEmpty();
  }

  /**
   * Numbers restart at 1 once a lease is released: a run that saw an old expired generation and creates the next
   * one after another run started again from 1 must not hold the lease beside it.
   */
  @Test
  void aRunThatCreatesAGenerationAboveALiveLowerOneGivesItBackAndWaits() {
    Lease d = leases.acquire("shop", options.withHolder("d"));
    // What c saw before d started again from 1: an expired generation 4, still listed.
    cloud.ssm().createString("/cruddur/leases/shop/0000000004", ParameterLeases.encode(new LeaseHolder("shop",
        "old", "t-old", T0.minus(Duration.ofHours(1)), T0.minus(Duration.ofMinutes(58)))), Map.of());
    assertThatThrownBy(() -> leases.acquire("shop", options.withHolder("c").withWait(Duration.ofMillis(200))
        .withPoll(Duration.ofMillis(20)))).isInstanceOf(LeaseBusyException.class);
    assertThat(cloud.ssm().namesUnder("/cruddur/leases/shop")).as("c gave generation 5 back each time")
        .containsExactly("/cruddur/leases/shop/0000000001", "/cruddur/leases/shop/0000000004");
    assertThat(d.lost()).isEmpty();
    d.close();
  }
}
