package io.cruddur.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

  /** Until {@code threads} sleep on {@code clock} (each waits on a condition of its own, timed or not). */
  private static void awaitAsleep(VirtualClock clock, Thread... threads) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (clock.sleeping() < threads.length && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(clock.sleeping()).isEqualTo(threads.length);
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
    awaitAsleep(clock, ta, tb, tc);
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
    awaitAsleep(clock, t);
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
      awaitAsleep(clock, t);
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

  /**
   * Work handed to a pool but not picked up yet is held: the clock does not move past it, and once its thread has
   * entered the hold can go.
   */
  @Test
  void aHoldKeepsTheClockUntilItIsReleased() throws InterruptedException {
    VirtualClock clock = new VirtualClock(START);
    AtomicLong woke = new AtomicLong();
    clock.hold();
    Thread t = worker(clock, Duration.ofSeconds(10), woke);
    awaitAsleep(clock, t);
    Thread.sleep(30);
    assertThat(clock.now()).as("held").isEqualTo(START);
    clock.release();
    t.join(5_000);
    assertThat(woke.get()).isEqualTo(START.toEpochMilli() + 10_000);
    assertThatThrownBy(clock::release).isInstanceOf(IllegalStateException.class);
  }

  /**
   * A woken sleeper counts as working from the moment the clock jumps to it, not from when its thread runs again:
   * the clock cannot jump on to a later wake-up meanwhile, so the wake-up of the next wait it starts is counted
   * from the right time. Many waits on many threads, each of several sleeps: every sleep ends exactly at its start
   * plus its duration.
   */
  @Test
  void manyWorkersSleepingInTurnEachWakeExactlyOnTime() throws InterruptedException {
    VirtualClock clock = new VirtualClock(START);
    int n = 200;
    java.util.concurrent.atomic.AtomicInteger late = new java.util.concurrent.atomic.AtomicInteger();
    List<Thread> threads = new java.util.ArrayList<>();
    clock.enter();
    for (int i = 0; i < n; i++) {
      int seed = i;
      Thread t = new Thread(() -> {
        clock.enter();
        try {
          for (int k = 1; k <= 5; k++) {
            long from = clock.millis();
            long ms = 1 + (seed * 7919L + k * 104729L) % 5000;
            clock.sleep(Duration.ofMillis(ms));
            if (clock.millis() != from + ms) {
              late.incrementAndGet();
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          clock.leave();
        }
      });
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    clock.leave();
    for (Thread t : threads) {
      t.join(10_000);
      assertThat(t.isAlive()).isFalse();
    }
    assertThat(late.get()).isZero();
  }

  /**
   * Regression: a sleeper that did not enter, alone, after a reading of the clock, waits out the quiet period and
   * moves the clock, however the quiet period ends against its checks (it once went to sleep for good when the
   * period ended between them).
   */
  @Test
  void aLoneSleeperThatDidNotEnterAlwaysMovesTheClockAfterTheQuietPeriod() throws InterruptedException {
    VirtualClock clock = new VirtualClock(START);
    Thread t = new Thread(() -> {
      try {
        for (int i = 0; i < 100; i++) {
          clock.now();
          clock.sleep(Duration.ofSeconds(1));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    t.setDaemon(true);
    t.start();
    t.join(20_000);
    assertThat(t.isAlive()).isFalse();
    assertThat(clock.now()).isEqualTo(START.plusSeconds(100));
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
