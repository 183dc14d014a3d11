package io.cruddur.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cruddur.apply.ApplyEvent;
import io.cruddur.apply.Outcome;
import io.cruddur.base.CruddurException;
import io.cruddur.plan.Plan;
import io.cruddur.plan.Step;
import io.cruddur.port.Clock;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Progress for machines ({@code --json-events}): one JSON object per line, written and flushed as it happens.
 * Every object has {@code event} and {@code time} (the machine's clock, ISO-8601 UTC); a step's events add
 * {@code step} (its id), {@code kind} ({@code ecs.service}) and {@code action} ({@code create}, {@code wait}, ...).
 * <ul>
 *   <li>{@code plan}: {@code command}, {@code stack}, {@code total} and the {@code steps} in the plan's order</li>
 *   <li>{@code started}</li>
 *   <li>{@code waiting}: {@code status}, {@code elapsedMs}</li>
 *   <li>{@code retrying}: {@code attempt}, {@code delayMs}, {@code error}</li>
 *   <li>{@code finished}: {@code elapsedMs}, {@code ended}, {@code total}</li>
 *   <li>{@code failed}: {@code elapsedMs}, {@code ended}, {@code total}, {@code error}</li>
 *   <li>{@code skipped}: {@code reason}, {@code ended}, {@code total}</li>
 *   <li>{@code summary}, last: {@code succeeded}, {@code elapsedMs}, the counts, one entry per step
 *   ({@code result}, {@code elapsedMs}, {@code retries}) and the {@code failures}</li>
 * </ul>
 * An {@code error} has {@code type}, {@code code} (AWS's), {@code message}, and for a failure {@code lastStatus},
 * {@code next} and a failed deployment's details. Elapsed times are on the cloud's clock. A field that is not known
 * is left out. Thread-safe.
 */
final class JsonEvents implements ProgressView {
  private static final ObjectMapper JSON = new ObjectMapper().setDefaultPropertyInclusion(
      JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));

  private final PrintWriter out;
  private final java.time.Clock wall;
  private final String command;
  private final RunBoard board;

  /**
   * @param out where the lines go (standard output)
   * @param cloudClock the cloud's clock, which the events' elapsed times are on
   * @param wall the clock of the {@code time} fields
   * @param command the command that runs the plan: {@code apply}, {@code destroy}, {@code redeploy}
   */
  JsonEvents(PrintWriter out, Clock cloudClock, java.time.Clock wall, String command) {
    this.out = out;
    this.wall = wall;
    this.command = command;
    this.board = new RunBoard(cloudClock);
  }

  @Override
  public synchronized void begin(Plan plan) {
    board.begin(plan);
    Map<String, Object> e = event("plan");
    e.put("command", command);
    e.put("stack", plan.stack().name());
    e.put("total", board.total());
    List<Map<String, Object>> steps = new ArrayList<>();
    for (Step s : plan.work()) {
      steps.add(step(s, new LinkedHashMap<>()));
    }
    e.put("steps", steps);
    write(e);
  }

  @Override
  public synchronized void on(ApplyEvent event) {
    RunBoard.Row row = board.on(event);
    Map<String, Object> e;
    if (event instanceof ApplyEvent.Started) {
      e = step(event.step(), event("started"));
    } else if (event instanceof ApplyEvent.Waiting w) {
      e = step(event.step(), event("waiting"));
      e.put("status", w.status());
      e.put("elapsedMs", w.elapsed().toMillis());
    } else if (event instanceof ApplyEvent.Retrying r) {
      e = step(event.step(), event("retrying"));
      e.put("attempt", r.attempt());
      e.put("delayMs", r.delay().toMillis());
      e.put("error", error(r.cause()));
    } else if (event instanceof ApplyEvent.Finished f) {
      e = step(event.step(), event("finished"));
      e.put("elapsedMs", f.elapsed().toMillis());
      counts(e);
    } else if (event instanceof ApplyEvent.Failed f) {
      e = step(event.step(), event("failed"));
      e.put("elapsedMs", f.elapsed().toMillis());
      counts(e);
      e.put("error", FailureReport.of(event.step().id(), f.cause(), row.status).toMap());
    } else {
      e = step(event.step(), event("skipped"));
      e.put("reason", ((ApplyEvent.Skipped) event).reason());
      counts(e);
    }
    write(e);
  }

  @Override
  public synchronized void end(Outcome outcome) {
    Map<String, Object> e = event("summary");
    e.put("succeeded", outcome.succeeded());
    e.put("elapsedMs", outcome.elapsed().toMillis());
    e.put("total", board.total());
    e.put("done", board.count(RunBoard.State.DONE));
    e.put("failed", board.count(RunBoard.State.FAILED));
    e.put("skipped", board.count(RunBoard.State.SKIPPED));
    e.put("notRun", board.count(RunBoard.State.PENDING) + board.count(RunBoard.State.RUNNING));
    List<Map<String, Object>> steps = new ArrayList<>();
    for (RunBoard.Row r : board.rows()) {
      Map<String, Object> s = step(r.step, new LinkedHashMap<>());
      s.put("result", r.state.name().toLowerCase(Locale.ROOT));
      if (r.startedAt != null || r.elapsed != null) {
        s.put("elapsedMs", board.elapsed(r).toMillis());
      }
      if (r.retries > 0) {
        s.put("retries", r.retries);
      }
      steps.add(s);
    }
    e.put("steps", steps);
    e.put("failures", board.failures(outcome).stream().map(FailureReport::toMap).toList());
    write(e);
  }

  private Map<String, Object> event(String type) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event", type);
    e.put("time", wall.instant().toString());
    return e;
  }

  private static Map<String, Object> step(Step s, Map<String, Object> into) {
    into.put("step", s.id());
    into.put("kind", s.resource().type());
    into.put("action", s.action().name().toLowerCase(Locale.ROOT));
    return into;
  }

  private void counts(Map<String, Object> e) {
    e.put("ended", board.ended());
    e.put("total", board.total());
  }

  private static Map<String, Object> error(Throwable t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", FailureReport.type(t));
    m.put("code", FailureReport.code(t));
    m.put("message", t.getMessage());
    return m;
  }

  private void write(Map<String, Object> e) {
    try {
      out.println(JSON.writeValueAsString(e));
    } catch (JsonProcessingException ex) {
      throw new CruddurException("cannot write a progress event as JSON", ex);
    }
    out.flush();
  }
}
