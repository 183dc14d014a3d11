package io.cruddur.cli;

import io.cruddur.apply.ApplyEvent;
import io.cruddur.apply.Outcome;
import io.cruddur.plan.Plan;
import io.cruddur.port.Clock;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;

/**
 * Progress for logs (a pipe, a file, CI): one line per event, each after the local time it was written at
 * ({@code 14:03:07.412 done   ecs.cluster cruddur (0.0s) [5/38]}), then the summary table and the failures' reports,
 * timestamped alike. No cursor moves, no colour. Thread-safe.
 */
final class PlainProgress implements ProgressView {
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private final PrintWriter out;
  private final java.time.Clock wall;
  private final RunBoard board;

  /**
   * @param cloudClock the cloud's clock, which the events' elapsed times are on
   * @param wall the clock of the timestamps (the machine's, in its time zone)
   */
  PlainProgress(PrintWriter out, Clock cloudClock, java.time.Clock wall) {
    this.out = out;
    this.wall = wall;
    this.board = new RunBoard(cloudClock);
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
