package io.cruddur.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The discrete-event clock: it moves only by hand or when every sleeper waits, to the earliest wake-up; a wait takes
 * virtual time, not real time, and concurrent waits overlap.
 */
class VirtualClockTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void itStartsWhereItIsToldAndMovesOnlyByHand() {
    VirtualClock clock = new VirtualClock(START);
    assertThat(clock.now()).isEqualTo(START);
    assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
    clock.advance(Duration.ofSeconds(90));
    assertThat(clock.now()).isEqualTo(START.plusSeconds(90));
    clock.advance(Duration.ofMillis(5));
    assertThat(clock.millis()).isEqualTo(START.toEpochMilli() + 90_005);
    clock.set(START.toEpochMilli() + 1);
    assertThat(clock.now()).isEqualTo(START.plusMillis(1));
  }

  @Test
  void aLoneSleeperMovesTheClockByItsWaitAtOnceInRealTime() throws InterruptedException {
    VirtualClock clock = new VirtualClock(START);
    long real = System.nanoTime();
    clock.sleep(Duration.ofHours(2));
    assertThat(clock.now()).isEqualTo(START.plus(Duration.ofHours(2)));
    clock.sleep(Duration.ofMillis(250));
    assertThat(clock.now()).isEqualTo(START.plus(Duration.ofHours(2)).plusMillis(250));
    assertThat(Duration.ofNanos(System.nanoTime() - real)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void aZeroOrNegativeWaitReturnsWithoutMovingTheClock() throws InterruptedException {
    VirtualClock clock = new VirtualClock(START);
    clock.sleep(Duration.ZERO);
    clock.sleep(Duration.ofSeconds(-30));
    assertThat(clock.now()).isEqualTo(START);
  }

  @Test
  void aSleeperOnAnotherThreadWakesAtItsTargetTime() throws InterruptedException {
    VirtualClock clock = new VirtualClock(START);
    AtomicLong woke = new AtomicLong();
    Thread sleeper = new Thread(() -> {
      try {
        clock.sleep(Duration.ofSeconds(60));
        woke.set(clock.millis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    sleeper.start();
    sleeper.join(5_000);
    assertThat(sleeper.isAlive()).isFalse();
    assertThat(woke.get()).isEqualTo(START.toEpochMilli() + 60_000);
  }

  /** A sleeper that works on the clock (enter) around its wait, and notes when it woke. */
  private static Thread worker(VirtualClock clock, Duration d, AtomicLong woke) {
    Thread t = new Thread(() -> {
      clock.enter();
      try {
        clock.sleep(d);
        woke.set(clock.now().toEpochMilli());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        clock.leave();
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void awaitAsleep(Thread... threads) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    for (Thread t : threads) {
      while (t.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertThat(t.getState()).isEqualTo(Thread.State.TIMED_WAITING);
    }
  }

  /** Two waits of 60 s on two threads take 60 s of virtual time, not 120 s; a shorter wait wakes first. */
  @Test
  void concurrentWaitsOverlapAndWakeInOrder() throws InterruptedException {
    VirtualClock clock = new VirtualClock(START);
    AtomicLong a = new AtomicLong();
    AtomicLong b = new AtomicLong();
    AtomicLong c = new AtomicLong();
    clock.enter();
    Thread ta = worker(clock, Duration.ofSeconds(60), a);
    Thread tb = worker(clock, Duration.ofSeconds(60), b);
    Thread tc = worker(clock, Duration.ofSeconds(20), c);
    awaitAsleep(ta, tb, tc);
    assertThat(clock.now()).as("the clock does not move while work that entered runs").isEqualTo(START);
    clock.leave();
    for (Thread t : new Thread[] {ta, tb, tc}) {
      t.join(5_000);
      assertThat(t.isAlive()).isFalse();
    }
    assertThat(c.get()).isEqualTo(START.toEpochMilli() + 20_000);
    assertThat(a.get()).isEqualTo(START.toEpochMilli() + 60_000);
    assertThat(b.get()).isEqualTo(START.toEpochMilli() + 60_000);
    assertThat(clock.millis()).isEqualTo(START.toEpochMilli() + 60_000);
  }

  @Test
  void enteringNestsAndOnlyTheOutermostLeaveLetsTheClockMove() throws InterruptedException {
    VirtualClock clock = new VirtualClock(START);
    AtomicLong woke = new AtomicLong();
    clock.enter();
    clock.enter();
    Thread t = worker(clock, Duration.ofSeconds(10), woke);
    awaitAsleep(t);
    clock.leave();
    Thread.sleep(30);
    assertThat(clock.now()).as("still inside the outer enter").isEqualTo(START);
    assertThat(t.isAlive()).isTrue();
    clock.leave();
    t.join(5_000);
    assertThat(woke.get()).isEqualTo(START.toEpochMilli() + 10_000);
  }

  @Test
  void aThreadThatEnteredCanItselfSleepAndIsWorkingAgainAfterwards() throws InterruptedException {
    VirtualClock clock = new VirtualClock(START);
    clock.enter();
    try {
      clock.sleep(Duration.ofSeconds(10));
      assertThat(clock.now()).isEqualTo(START.plusSeconds(10));
      AtomicLong woke = new AtomicLong();
      Thread t = worker(clock, Duration.ofSeconds(5), woke);
      awaitAsleep(t);
      Thread.sleep(30);
      assertThat(clock.now()).as("this thread works again after its sleep").isEqualTo(START.plusSeconds(10));
      clock.leave();
      t.join(5_000);
      assertThat(woke.get()).isEqualTo(START.toEpochMilli() + 15_000);
    } finally {
      assertThatThrownBy(clock::leave).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("leave() without enter()");
    }
  }

  @Test
  void leavingWithoutEnteringIsAnError() {
    VirtualClock clock = new VirtualClock(START);
    assertThatThrownBy(clock::leave).isInstanceOf(IllegalStateException.class);
    clock.enter();
    clock.leave();
    assertThatThrownBy(clock::leave).as("one leave per enter").isInstanceOf(IllegalStateException.class);
  }
}
