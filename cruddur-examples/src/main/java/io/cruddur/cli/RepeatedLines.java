package io.cruddur.cli;

import io.cruddur.resource.NodeId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Which of a step's repeated lines (its wait's polls, its retries) a progress view shows: those that say something
 * new (the first one, another status, another error), and a repeat once {@code quiet} has passed since the step's
 * last shown line. A wait polls every few seconds and a held delete is tried as often; a line for each would bury
 * the rest. Not thread-safe: used under the views' own lock.
 */
final class RepeatedLines {
  /** The last line shown for a step: when and what it said. */
  private record Shown(Instant at, String what) {}

  private final Supplier<Instant> clock;
  private final Duration quiet;
  private final Map<NodeId, Shown> shown = new HashMap<>();

  RepeatedLines(Supplier<Instant> clock, Duration quiet) {
    this.clock = clock;
    this.quiet = quiet;
  }

  /** Whether {@code step}'s line saying {@code what} is to be shown now (and if so, it counts as shown). */
  boolean show(NodeId step, String what) {
    Instant now = clock.get();
    Shown last = shown.get(step);
    if (last != null && last.what().equals(what) && Duration.between(last.at(), now).compareTo(quiet) < 0) {
      return false;
    }
    shown.put(step, new Shown(now, what));
    return true;
  }
}
