package io.cruddur.cli;

import io.cruddur.Cruddur;
import io.cruddur.apply.Outcome;
import io.cruddur.plan.Plan;
import io.cruddur.plan.PlanRefusedException;
import io.cruddur.port.Clock;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How the commands that run a plan (apply, destroy, redeploy) show its progress: on standard error, live lines on a
 * terminal or timestamped lines elsewhere ({@code --progress}); with {@code --json-events}, also one JSON object per
 * event on standard output.
 */
final class ProgressOptions {
  /** How often the live view redraws between events, so that its times move. */
  static final Duration TICK = Duration.ofMillis(200);

  enum Mode { auto, plain }

  @Option(names = "--progress", defaultValue = "auto", paramLabel = "MODE",
      description = "How progress is shown on standard error: auto (default: live lines on a terminal, timestamped "
          + "lines otherwise), plain (timestamped lines, also on a terminal). NO_COLOR turns colours off.")
  Mode mode;

  @Option(names = "--json-events",
      description = "Also write one JSON object per event on standard output (plan, started, waiting, retrying, "
          + "finished, failed, skipped, then summary), for CI and dashboards; the plan's text goes to standard "
          + "error then. Not with --json.")
  boolean jsonEvents;

  /** Where the plan's text and the confirmation question go: standard error when standard output holds events. */
  PrintWriter textOut(PrintWriter out, PrintWriter err) {
    return jsonEvents ? err : out;
  }

  /** Why {@code --json} cannot go with these options (both write standard output), if it is given with them. */
  Optional<String> conflictWithJson(boolean json) {
    return json && jsonEvents ? Optional.of("--json and --json-events both write to standard output: pass one (the "
        + "events' last line, summary, holds the outcome)") : Optional.empty();
  }

  /**
   * Runs {@code plan}, showing its progress, and returns how it ended; the views report the failures.
   *
   * @throws PlanRefusedException if the plan has problems; nothing is shown or changed then
   */
  Outcome run(String command, Cruddur cruddur, Plan plan, PrintWriter out, PrintWriter err) {
    if (!plan.problems().isEmpty()) {
      throw new PlanRefusedException(plan.problems());
    }
    try (ProgressView view = open(command, out, err, cruddur.cloud().clock())) {
      view.begin(plan);
      Outcome outcome = cruddur.withListener(view).apply(plan);
      view.end(outcome);
      return outcome;
    }
  }

  /** With {@code --json-events}, the events of a run with nothing to do: the plan, then the summary. */
  void nothingToDo(String command, Plan plan, PrintWriter out, Clock cloudClock) {
    if (jsonEvents) {
      JsonEvents events = new JsonEvents(out, cloudClock, java.time.Clock.systemUTC(), command);
      events.begin(plan);
      events.end(new Outcome.Succeeded(List.of(), Duration.ZERO));
    }
  }

  private ProgressView open(String command, PrintWriter out, PrintWriter err, Clock cloudClock) {
    List<ProgressView> views = new ArrayList<>();
    // Events on a terminal's standard output share the screen with standard error: live lines would garble them.
    boolean eventsOnScreen = jsonEvents && System.console() != null;
    Optional<org.jline.terminal.Terminal> terminal = mode == Mode.auto && !eventsOnScreen
        ? LiveProgress.systemTerminal() : Optional.empty();
    if (terminal.isPresent()) {
      err.flush();
      String noColor = System.getenv("NO_COLOR");
      views.add(new LiveProgress(terminal.get(), cloudClock, noColor == null || noColor.isEmpty(), TICK));
    } else {
      views.add(new PlainProgress(err, cloudClock, java.time.Clock.systemDefaultZone()));
    }
    if (jsonEvents) {
      views.add(new JsonEvents(out, cloudClock, java.time.Clock.systemUTC(), command));
    }
    return ProgressView.all(views);
  }
}
