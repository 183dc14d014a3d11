package io.cruddur.cli;

import io.cruddur.apply.ApplyEvent;
import io.cruddur.apply.Outcome;
import io.cruddur.plan.Plan;
import io.cruddur.port.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Display;

/**
 * Progress on a terminal: one live line per running step (what it waits on, its time so far), under them a line
 * with the count of steps done out of all, the failed and skipped ones, and the run's time; a step that ends scrolls up as a permanent
 * line. At the end, the summary table and the failures' reports. The live lines are drawn with JLine's
 * {@link Display}, which moves the cursor and erases through the terminal's own capabilities (terminfo), and
 * redrawn every {@code tick} so the times move. Times are on the cloud's clock. Thread-safe.
 *
 * <ul>
 *   <li>colour: unless {@code color} is false (NO_COLOR) or the terminal has none</li>
 *   <li>symbols: ✓ ✗ and a braille spinner on a UTF-8 terminal, ASCII otherwise</li>
 *   <li>live lines: at most the terminal's height less two, cut to its width</li>
 * </ul>
 */
final class LiveProgress implements ProgressView {
  private static final String[] SPINNER_UTF8 = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
  private static final String[] SPINNER_ASCII = {"|", "/", "-", "\\"};

  private final Terminal terminal;
  private final Display display;
  private final RunBoard board;
  private final RepeatedLines retries;
  private final boolean color;
  private final boolean utf8;
  private final Duration tick;
  private ScheduledExecutorService ticker;
  private Size size;
  private int frame;
  private boolean ended;

  /**
   * @param terminal where to draw; the view closes it
   * @param cloudClock the cloud's clock, which the events' elapsed times are on
   * @param color whether to use colour (false for NO_COLOR)
   * @param tick how often to redraw between events; zero for only on events
   */
  LiveProgress(Terminal terminal, Clock cloudClock, boolean color, Duration tick) {
    this.terminal = terminal;
    this.display = new Display(terminal, false);
    this.board = new RunBoard(cloudClock);
    this.retries = new RepeatedLines(cloudClock::now, PlainProgress.QUIET);
    this.color = color;
    this.utf8 = StandardCharsets.UTF_8.equals(terminal.encoding());
    this.tick = tick;
    this.size = terminal.getSize();
    terminal.handle(Terminal.Signal.WINCH, signal -> resized());
  }

  /**
   * The terminal on standard error, if there is one: standard input and standard error both a terminal that JLine
   * can drive (not {@code TERM=dumb}). Its input is left alone (paused).
   */
  static Optional<Terminal> systemTerminal() {
    try {
      // nativeSignals(false): Ctrl-C keeps the JVM's own handling; only the window size is listened to (WINCH)
      Terminal t = TerminalBuilder.builder().system(true).systemOutput(TerminalBuilder.SystemOutput.SysErr)
          .dumb(false).paused(true).nativeSignals(false).build();
      if (t.getType() == null || t.getType().startsWith(Terminal.TYPE_DUMB) || t.getSize().getColumns() < 20) {
        t.close();
        return Optional.empty();
      }
      return Optional.of(t);
    } catch (IOException | IllegalStateException e) {
      // no terminal on standard error (a pipe, a file, CI): the caller writes plain lines instead
      return Optional.empty();
    }
  }

  @Override
  public synchronized void begin(Plan plan) {
    board.begin(plan);
    redraw();
    if (!tick.isZero()) {
      ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cruddur-progress");
        t.setDaemon(true);
        return t;
      });
      ticker.scheduleAtFixedRate(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public synchronized void on(ApplyEvent event) {
    RunBoard.Row row = board.on(event);
    // A held delete is tried every few seconds: its retries leave a line when their error changes, or every 10 s
    // (on the cloud's clock) of the same one; the step's live line counts them all meanwhile.
    boolean retryWorthALine = event instanceof ApplyEvent.Retrying r
        && retries.show(r.step().node(), r.cause().getMessage());
    if (event instanceof ApplyEvent.Finished || event instanceof ApplyEvent.Failed
        || event instanceof ApplyEvent.Skipped || retryWorthALine) {
      // cut to the width: the failures' whole messages come in the report at the end
      printAbove(List.of(fit(permanent(event, row), Math.max(20, size.getColumns()))));
    }
    redraw();
  }

  @Override
  public synchronized void end(Outcome outcome) {
    stopTicker();
    ended = true;
    List<AttributedString> lines = new ArrayList<>(List.of(AttributedString.EMPTY));
    for (String line : board.report(outcome)) {
      lines.add(styled(line));
    }
    printAbove(lines);
    display.update(List.of(), 0);
    terminal.flush();
  }

  @Override
  public synchronized void close() {
    stopTicker();
    if (!ended) {
      display.update(List.of(), 0);
    }
    try {
      terminal.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the terminal", e);
    }
  }

  private void stopTicker() {
    if (ticker != null) {
      ticker.shutdownNow();
      ticker = null;
    }
  }

  private synchronized void tick() {
    if (!ended) {
      frame++;
      redraw();
    }
  }

  private synchronized void resized() {
    size = terminal.getSize();
    if (!ended) {
      redraw();
    }
  }

  /** Clears the live lines, prints {@code lines} where they were (they scroll up with the output), redraws. */
  private void printAbove(List<AttributedString> lines) {
    display.update(List.of(), 0);
    for (AttributedString line : lines) {
      terminal.writer().println(line.toAnsi(terminal));
    }
    terminal.writer().flush();
    display.reset();
    if (!ended) {
      redraw();
    }
  }

  private void redraw() {
    int columns = Math.max(20, size.getColumns());
    int rows = Math.max(3, size.getRows());
    display.resize(rows, columns);
    List<AttributedString> lines = new ArrayList<>();
    List<RunBoard.Row> running = board.running();
    int room = rows - 2;
    for (int i = 0; i < running.size() && i < room; i++) {
      lines.add(fit(live(running.get(i)), columns));
    }
    if (running.size() > room) {
      lines.set(room - 1, fit(new AttributedString("  ... and " + (running.size() - room + 1) + " more running"),
          columns));
    }
    lines.add(fit(footer(running.size()), columns));
    AttributedString last = lines.get(lines.size() - 1);
    display.update(lines, new Size(columns, rows).cursorPos(lines.size() - 1, last.columnLength()));
  }

  /** {@code ⠋ wait:ecs.service cruddur/api  25s  service stable: running 0/1, ...}. */
  private AttributedString live(RunBoard.Row row) {
    String[] spinner = utf8 ? SPINNER_UTF8 : SPINNER_ASCII;
    AttributedStringBuilder b = new AttributedStringBuilder();
    b.styled(style(AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN)), spinner[frame % spinner.length]);
    b.append(" ").styled(style(AttributedStyle.BOLD), row.id());
    b.append("  ").append(row.action()).append("  ").append(RunBoard.duration(board.elapsed(row)));
    if (row.status != null) {
      b.append("  ").styled(style(AttributedStyle.DEFAULT.faint()), row.status);
    }
    return b.toAttributedString();
  }

  /** {@code 30/38 done, 1 failed · 3 running · 1m20s}. */
  private AttributedString footer(int running) {
    return new AttributedString(board.counts() + " · " + running + " running · "
        + RunBoard.duration(board.elapsed()));
  }

  /** The line a step that ended leaves: {@code ✓ ecs.cluster cruddur  create  0.0s}. */
  private AttributedString permanent(ApplyEvent event, RunBoard.Row row) {
    AttributedStringBuilder b = new AttributedStringBuilder();
    if (event instanceof ApplyEvent.Finished) {
      b.styled(style(AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN)), utf8 ? "✓" : "ok");
      b.append(" ").append(row.id()).append("  ").append(row.action()).append("  ")
          .append(RunBoard.duration(board.elapsed(row)));
    } else if (event instanceof ApplyEvent.Failed f) {
      b.styled(style(AttributedStyle.BOLD.foreground(AttributedStyle.RED)), utf8 ? "✗" : "x");
      b.append(" ").append(row.id()).append("  ").append(row.action()).append("  ")
          .append(RunBoard.duration(board.elapsed(row))).append("  ")
          .styled(style(AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)), "FAILED: " + f.cause().getMessage());
    } else if (event instanceof ApplyEvent.Skipped s) {
      b.styled(style(AttributedStyle.DEFAULT.faint()), "- " + row.id() + "  skipped: " + s.reason());
    } else {
      ApplyEvent.Retrying r = (ApplyEvent.Retrying) event;
      b.styled(style(AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW)),
          (utf8 ? "↻" : "~") + " " + row.id() + "  retry #" + r.attempt() + " in " + r.delay().toMillis() + " ms: "
              + r.cause().getMessage());
    }
    return b.toAttributedString();
  }

  /** A line of the final report, with its failure marks in colour. */
  private AttributedString styled(String line) {
    String text = utf8 ? line : line.replace("✗", "x");
    if (line.startsWith("✗") || line.startsWith("FAILED")) {
      return new AttributedString(text, style(AttributedStyle.BOLD.foreground(AttributedStyle.RED)));
    }
    if (line.startsWith("succeeded")) {
      return new AttributedString(text, style(AttributedStyle.BOLD.foreground(AttributedStyle.GREEN)));
    }
    return new AttributedString(text);
  }

  private AttributedStyle style(AttributedStyle s) {
    return color ? s : AttributedStyle.DEFAULT;
  }

  /** {@code line}, cut to fit in {@code columns} less one (a line as wide as the terminal would wrap). */
  private AttributedString fit(AttributedString line, int columns) {
    if (line.columnLength() < columns) {
      return line;
    }
    return AttributedString.join(AttributedString.EMPTY, line.columnSubSequence(0, columns - 2),
        new AttributedString(utf8 ? "…" : ">"));
  }
}
