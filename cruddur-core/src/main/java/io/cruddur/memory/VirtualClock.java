package io.cruddur.memory;

import io.cruddur.port.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A clock that moves only when everything that runs on it is waiting, so waits take no real time and concurrent
 * waits overlap as they would on AWS: a discrete-event clock. A sleeper registers when it wants to wake; once no
 * work that {@link #enter() entered} (or is {@link #hold() held}) runs, all of it sleeps, the clock jumps to the
 * earliest wake-up and wakes the sleepers due then, counting them as working again at once, so that it cannot jump
 * past a wake-up before the woken thread has run. Work that entered is counted exactly, so the clock jumps as soon
 * as the last of it sleeps; threads that did not enter (a test calling the cloud directly) are only seen through
 * their calls and readings of the clock, so after one of those the clock waits until none has come for a few real
 * milliseconds ({@link #QUIET_MILLIS}). An apply's steps enter, so its virtual time does not depend on how fast they
 * compute. Two waits of 60 s on two threads take 60 s of virtual time, not 120 s: an apply's virtual time is its
 * critical path. {@link #advance(Duration)} moves it by hand. Thread-safe.
 *
 * <p>Each sleeper waits on a condition of its own and is signalled only when it is due (or when it is the earliest
 * and must time the quiet period): with hundreds of concurrent waits, a jump wakes one thread, not all of them.
 */
public final class VirtualClock implements Clock {
  /** How long no thread that did not enter must have touched the cloud before the clock jumps. */
  static final long QUIET_MILLIS = 5;
  private static final long QUIET_NANOS = QUIET_MILLIS * 1_000_000;

  private final ReentrantLock lock = new ReentrantLock();
  /** Sleepers by wake-up time, each time's in the order they came. */
  private final TreeMap<Long, List<Sleeper>> sleepers = new TreeMap<>();
  /** Written under the lock; read without it by threads that work (the clock cannot move under them). */
  private volatile long millis;
  /** When a thread that did not enter last touched the cloud or read the clock. */
  private volatile long lastForeignNanos = System.nanoTime();
  /** Threads inside {@link #enter()} that are not asleep on this clock, plus {@link #hold() holds}. */
  private int active;
  private int holds;
  private final ThreadLocal<int[]> depth = new ThreadLocal<>();

  /** A thread asleep on the clock until {@code target}. */
  private static final class Sleeper {
    final long target;
    final boolean working;
    final Condition woken;
    boolean due;

    Sleeper(long target, boolean working, Condition woken) {
      this.target = target;
      this.working = working;
      this.woken = woken;
    }
  }

  public VirtualClock(Instant start) {
    this.millis = start.toEpochMilli();
  }

  /** The current virtual time; reading it counts as work, so the clock does not jump under a busy caller. */
  @Override
  public Instant now() {
    touch();
    return Instant.ofEpochMilli(millis);
  }

  public long millis() {
    return millis;
  }

  /**
   * Returns once the clock has reached now + {@code duration}: at once in real time when nothing else runs, after
   * earlier wake-ups when other threads sleep too.
   */
  @Override
  public void sleep(Duration duration) throws InterruptedException {
    long ms = Math.max(0, duration.toMillis());
    lock.lock();
    try {
      long target = millis + ms;
      if (target <= millis) {
        return;
      }
      int[] d = depth.get();
      Sleeper me = new Sleeper(target, d != null && d[0] > 0, lock.newCondition());
      sleepers.computeIfAbsent(target, k -> new ArrayList<>()).add(me);
      if (me.working) {
        active--;
      }
      try {
        while (true) {
          jump();
          if (me.due) {
            return;
          }
          if (active == 0 && sleepers.firstEntry().getValue().get(0) == me) {
            // The earliest sleeper times the quiet period that a thread that did not enter asks for; if it has
            // passed since jump() looked, jump() moves the clock on the next turn.
            long quiet = QUIET_NANOS - (System.nanoTime() - lastForeignNanos);
            if (quiet > 0) {
              me.woken.awaitNanos(quiet);
            }
          } else {
            me.woken.await();
          }
        }
      } catch (InterruptedException e) {
        if (me.due) {
          // Woken already (and counted as working again): the interrupt is for what it does next.
          Thread.currentThread().interrupt();
          return;
        }
        List<Sleeper> same = sleepers.get(target);
        same.remove(me);
        if (same.isEmpty()) {
          sleepers.remove(target);
        }
        if (me.working) {
          active++;
        }
        jump();
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Under the lock: wakes every sleeper due by now, then, if no work runs, jumps to the earliest wake-up, or makes
   * the earliest sleeper time the quiet period if a thread that did not enter was busy moments ago.
   */
  private void jump() {
    wakeDue();
    while (active == 0 && !sleepers.isEmpty()) {
      if (System.nanoTime() - lastForeignNanos < QUIET_NANOS) {
        sleepers.firstEntry().getValue().get(0).woken.signal();
        return;
      }
      millis = Math.max(millis, sleepers.firstKey());
      wakeDue();
    }
  }

  /** Under the lock: wakes the sleepers whose time has come; those that work count as working from now on. */
  private void wakeDue() {
    while (!sleepers.isEmpty() && sleepers.firstKey() <= millis) {
      Map.Entry<Long, List<Sleeper>> e = sleepers.pollFirstEntry();
      for (Sleeper s : e.getValue()) {
        s.due = true;
        if (s.working) {
          active++;
        } else {
          // It runs on as a thread that did not enter: give it the quiet period to make its next call.
          lastForeignNanos = System.nanoTime();
        }
        s.woken.signal();
      }
    }
  }

  @Override
  public void enter() {
    int[] d = depth.get();
    if (d == null) {
      d = new int[1];
      depth.set(d);
    }
    if (d[0]++ == 0) {
      lock.lock();
      try {
        active++;
      } finally {
        lock.unlock();
      }
    }
  }

  @Override
  public void leave() {
    int[] d = depth.get();
    if (d == null || d[0] == 0) {
      throw new IllegalStateException("leave() without enter() on this thread");
    }
    if (--d[0] == 0) {
      depth.remove();
      lock.lock();
      try {
        active--;
        jump();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Work that is about to run on a thread not yet running it (a step handed to a pool): the clock does not move
   * until it is {@link #release() released}, which its thread does once it has {@link #enter() entered}.
   */
  @Override
  public void hold() {
    lock.lock();
    try {
      holds++;
      active++;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void release() {
    lock.lock();
    try {
      if (holds == 0) {
        throw new IllegalStateException("release() without hold()");
      }
      holds--;
      active--;
      jump();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Marks that a thread is working on the cloud: the clock does not jump while calls keep coming. Threads that
   * entered are counted as working already.
   */
  void touch() {
    int[] d = depth.get();
    if (d == null || d[0] == 0) {
      lastForeignNanos = System.nanoTime();
    }
  }

  /** How many threads sleep on the clock now (for tests). */
  int sleeping() {
    lock.lock();
    try {
      return sleepers.values().stream().mapToInt(List::size).sum();
    } finally {
      lock.unlock();
    }
  }

  /** Moves the clock forward by {@code duration}; sleepers whose time has come wake up. */
  public void advance(Duration duration) {
    lock.lock();
    try {
      millis += duration.toMillis();
      jump();
    } finally {
      lock.unlock();
    }
  }

  void set(long epochMillis) {
    lock.lock();
    try {
      millis = epochMillis;
      jump();
    } finally {
      lock.unlock();
    }
  }
}
