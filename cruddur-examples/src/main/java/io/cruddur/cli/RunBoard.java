package io.cruddur.cli;

import io.cruddur.apply.ApplyEvent;
import io.cruddur.apply.Outcome;
import io.cruddur.plan.Plan;
import io.cruddur.plan.Step;
import io.cruddur.port.Clock;
import io.cruddur.resource.NodeId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the progress views know of a run: each step of the plan in the plan's order, with its state, its time on the
 * cloud's clock and the last status its wait reported. Fed by the views under their own lock: not thread-safe.
 */
final class RunBoard {
  /** Where a step is. */
  enum State {
    PENDING("not run"), RUNNING("running"), DONE("done"), FAILED("FAILED"), SKIPPED("skipped");

    private final String label;

    State(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  /** One step of the run. */
  static final class Row {
    final Step step;
    State state = State.PENDING;
    /** When it started, on the cloud's clock; null before. */
    Instant startedAt;
    /** How long it ran, once it ended; null before. */
    Duration elapsed;
    /** What its wait reported last (the Waiting event's status); null if it never waited. */
    String status;
    int retries;
    Throwable cause;

    Row(Step step) {
      this.step = step;
    }

    String id() {
      return step.id();
    }

    String action() {
      return step.action().name().toLowerCase(Locale.ROOT);
    }
  }

  private final Clock clock;
  private final Map<NodeId, Row> rows = new LinkedHashMap<>();
  private Instant startedAt;

  /** @param clock the cloud's clock, which the events' elapsed times are on */
  RunBoard(Clock clock) {
    this.clock = clock;
  }

  /** The run's steps, in the plan's order; starts the run's clock. */
  void begin(Plan plan) {
    plan.work().forEach(s -> rows.putIfAbsent(s.node(), new Row(s)));
    startedAt = clock.now();
  }

  /** Records {@code e}; returns the step's row (a step the plan did not list is added at the end). */
  Row on(ApplyEvent e) {
    if (startedAt == null) {
      startedAt = clock.now();
    }
    Row row = rows.computeIfAbsent(e.step().node(), n -> new Row(e.step()));
    if (e instanceof ApplyEvent.Started) {
      row.state = State.RUNNING;
      row.startedAt = clock.now();
    } else if (e instanceof ApplyEvent.Finished f) {
      row.state = State.DONE;
      row.elapsed = f.elapsed();
    } else if (e instanceof ApplyEvent.Failed f) {
      row.state = State.FAILED;
      row.elapsed = f.elapsed();
      row.cause = f.cause();
    } else if (e instanceof ApplyEvent.Skipped) {
      row.state = State.SKIPPED;
    } else if (e instanceof ApplyEvent.Waiting w) {
      row.status = w.status();
    } else if (e instanceof ApplyEvent.Retrying) {
      row.retries++;
    }
    return row;
  }

  /**
   * The line that tells {@code e} (recorded already): {@code start  ID (create)}, {@code wait   ID: STATUS (12s)},
   * {@code retry  ID #1 in 1279 ms: MESSAGE}, {@code done   ID (0.4s) [5/38]}, {@code FAILED ID (1m20s): MESSAGE
   * [6/38]}, {@code skip   ID: REASON [7/38]}; the count is of the steps that ended, out of all.
   */
  String line(ApplyEvent e) {
    String id = e.step().id();
    String ended = " [" + ended() + "/" + total() + "]";
    if (e instanceof ApplyEvent.Started s) {
      return "start  " + id + " (" + s.step().action().name().toLowerCase(Locale.ROOT) + ")";
    } else if (e instanceof ApplyEvent.Finished f) {
      return "done   " + id + " (" + duration(f.elapsed()) + ")" + ended;
    } else if (e instanceof ApplyEvent.Failed f) {
      return "FAILED " + id + " (" + duration(f.elapsed()) + "): " + f.cause().getMessage() + ended;
    } else if (e instanceof ApplyEvent.Skipped s) {
      return "skip   " + id + ": " + s.reason() + ended;
    } else if (e instanceof ApplyEvent.Waiting w) {
      return "wait   " + id + ": " + w.status() + " (" + duration(w.elapsed()) + ")";
    }
    ApplyEvent.Retrying r = (ApplyEvent.Retrying) e;
    return "retry  " + id + " #" + r.attempt() + " in " + r.delay().toMillis() + " ms: " + r.cause().getMessage();
  }

  List<Row> rows() {
    return List.copyOf(rows.values());
  }

  List<Row> running() {
    return rows.values().stream().filter(r -> r.state == State.RUNNING).toList();
  }

  int total() {
    return rows.size();
  }

  int count(State state) {
    return (int) rows.values().stream().filter(r -> r.state == state).count();
  }

  /** Steps that ended, whichever way. */
  int ended() {
    return count(State.DONE) + count(State.FAILED) + count(State.SKIPPED);
  }

  /** How long {@code row} has run (still running: until now on the cloud's clock). */
  Duration elapsed(Row row) {
    if (row.elapsed != null) {
      return row.elapsed;
    }
    return row.startedAt == null ? Duration.ZERO : nonNegative(Duration.between(row.startedAt, clock.now()));
  }

  /** Since the run began, on the cloud's clock. */
  Duration elapsed() {
    return startedAt == null ? Duration.ZERO : nonNegative(Duration.between(startedAt, clock.now()));
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** {@code 36/38 done} with the failures and skips when there are any. */
  String counts() {
    StringBuilder b = new StringBuilder().append(count(State.DONE)).append('/').append(total()).append(" done");
    if (count(State.FAILED) > 0) {
      b.append(", ").append(count(State.FAILED)).append(" failed");
    }
    if (count(State.SKIPPED) > 0) {
      b.append(", ").append(count(State.SKIPPED)).append(" skipped");
    }
    return b.toString();
  }

  /**
   * The summary table: one line per step in the plan's order (step, action, time on the cloud's clock, result and
   * retries), under a header line.
   */
  List<String> table() {
    int width = "STEP".length();
    for (Row r : rows.values()) {
      width = Math.max(width, r.id().length());
    }
    String format = "%-" + width + "s  %-8s  %7s  %s";
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, format, "STEP", "ACTION", "TIME", "RESULT").stripTrailing());
    for (Row r : rows.values()) {
      String time = r.startedAt == null && r.elapsed == null ? "-" : duration(elapsed(r));
      String result = r.state.label() + (r.retries == 0 ? "" : " (" + r.retries + (r.retries == 1 ? " retry)"
          : " retries)"));
      lines.add(String.format(Locale.ROOT, format, r.id(), r.action(), time, result));
    }
    return lines;
  }

  /** One report per failed step of {@code outcome}, with what its wait saw last. */
  List<FailureReport> failures(Outcome outcome) {
    if (!(outcome instanceof Outcome.Failed f)) {
      return List.of();
    }
    return f.failures().stream().map(sf -> {
      Row row = rows.get(sf.step().node());
      return FailureReport.of(sf.step().id(), sf.cause(), row == null ? null : row.status);
    }).toList();
  }

  /**
   * What a run ends with: a line of counts and time, the summary table, then for a failed run each failure's
   * report.
   */
  List<String> report(Outcome outcome) {
    List<String> lines = new ArrayList<>();
    lines.add((outcome.succeeded() ? "succeeded: " : "FAILED: ") + counts() + " in " + duration(outcome.elapsed())
        + " (cloud clock)");
    lines.addAll(table());
    if (outcome instanceof Outcome.Failed f) {
      lines.add("");
      lines.add(f.failures().size() + " step(s) failed" + (f.skipped().isEmpty() ? ""
          : ", " + f.skipped().size() + " dependent step(s) not run") + ":");
      failures(outcome).forEach(r -> lines.addAll(r.lines()));
    }
    return lines;
  }

  /** {@code 0.4s}, {@code 12s}, {@code 2m05s}, {@code 1h02m}. */
  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 10_000) {
      return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }
}
