package io.cruddur.cli;

import io.cruddur.apply.ApplyEvent;
import io.cruddur.apply.Outcome;
import io.cruddur.plan.Plan;
import io.cruddur.port.Clock;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeFormatter;

/**
 * Progress for logs (a pipe, a file, CI): a line per event, each after the local time it was written at
 * ({@code 14:03:07.412 done   ecs.cluster cruddur (0.0s) [5/38]}), then the summary table and the failures' reports,
 * timestamped alike. No cursor moves, no colour. Thread-safe.
 *
 * <p>A step's start and end always get their line. Its polls and retries do not: a wait polls every few seconds
 * (adaptive back-off, capped at 5 s for most kinds) and a held delete is tried as often, so a step's wait or retry
 * line is printed when it says something new (the first one, another status, another error) or once {@link #QUIET}
 * of wall time has passed since that step's last such line; the others are left out (the run board still records
 * them: a failure's report shows the last status).
 */
final class PlainProgress implements ProgressView {
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  /** At most one repeated wait or retry line per step this often. */
  static final Duration QUIET = Duration.ofSeconds(10);

  private final PrintWriter out;
  private final java.time.Clock wall;
  private final RunBoard board;
  private final RepeatedLines repeats;

  /**
   * @param cloudClock the cloud's clock, which the events' elapsed times are on
   * @param wall the clock of the timestamps (the machine's, in its time zone)
   */
  PlainProgress(PrintWriter out, Clock cloudClock, java.time.Clock wall) {
    this.out = out;
    this.wall = wall;
    this.board = new RunBoard(cloudClock);
    this.repeats = new RepeatedLines(wall::instant, QUIET);
  }

  @Override
  public synchronized void begin(Plan plan) {
    board.begin(plan);
    print("run    " + board.total() + " step(s)");
    out.flush();
  }

  @Override
  public synchronized void on(ApplyEvent event) {
    board.on(event);
    if (event instanceof ApplyEvent.Waiting w && !repeats.show(w.step().node(), w.status())) {
      return;
    }
    if (event instanceof ApplyEvent.Retrying r && !repeats.show(r.step().node(), "retry " + r.cause().getMessage())) {
      return;
    }
    print(board.line(event));
    out.flush();
  }

  @Override
  public synchronized void end(Outcome outcome) {
    board.report(outcome).forEach(this::print);
    out.flush();
  }

  private void print(String line) {
    out.println(TIME.format(wall.instant().atZone(wall.getZone())) + " " + line);
  }
}
