package io.cruddur;

import io.cruddur.base.CruddurException;
import io.cruddur.plan.Plan;
import io.cruddur.port.Clock;
import io.cruddur.port.LogsPort;
import io.cruddur.port.ReadPorts;
import io.cruddur.resource.TaskDefinitionState;
import io.cruddur.resource.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The log events of a service's containers, from the streams their awslogs driver writes
 * ({@code prefix/container/task-id} in the stack's log group), interleaved by time. Reads only.
 *
 * <ul><li>poll: first after 1 s, then 1.5 times longer each empty poll, at most {@link #MAX_POLL}; back to 1 s when
 * events come</li><li>events per read: {@link #LIMIT}</li></ul>
 */
public final class ServiceLogs {
  /** The longest pause between two polls of {@link #follow}. */
  public static final Duration MAX_POLL = Duration.ofSeconds(10);
  /** At most this many events per read. */
  public static final int LIMIT = 10_000;

  /** One event: when, from which container of which task, and its text. */
  public record Line(Instant time, String container, String task, String message) {
    /** {@code 2026-11-30T18:40:01.123Z backend-flask/3f2a9c1e message}. */
    public String toText() {
      return time + " " + container + "/" + (task.length() > 8 ? task.substring(0, 8) : task) + " " + message;
    }
  }

  /** Where one container's events are: its group and its streams' prefix. */
  private record Source(String group, String prefix) {}

  private final ReadPorts reads;
  private final Clock clock;
  private final List<Source> sources;

  private ServiceLogs(ReadPorts reads, Clock clock, List<Source> sources) {
    this.reads = reads;
    this.clock = clock;
    this.sources = sources;
  }

  /**
   * The logs of {@code service} of the stack {@code plan} was made for, of container {@code container} (null: all
   * its containers that log with awslogs).
   *
   * @throws CruddurException if the stack has no such service or container, or it does not log with awslogs
   */
  static ServiceLogs of(Plan plan, ReadPorts reads, Clock clock, String service, String container) {
    var stack = plan.stack();
    if (stack.service(service).isEmpty()) {
      throw new CruddurException("stack " + stack.name() + " has no service '" + service + "'");
    }
    TaskDefinitionState t = Plans.taskDefinition(plan, service).orElseThrow(() ->
        new CruddurException("service " + service + " has no task definition in the plan"));
    List<Source> sources = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (TaskDefinitionState.Container c : t.containers()) {
      names.add(c.name());
      if (container != null && !container.equals(c.name())) {
        continue;
      }
      var log = c.logConfiguration();
      if (log != null && "awslogs".equals(log.driver()) && log.options().get("awslogs-group") instanceof Value.Known<String> g) {
        Value<String> prefix = log.options().get("awslogs-stream-prefix");
        String p = prefix instanceof Value.Known<String> k ? k.value() + "/" : "";
        sources.add(new Source(g.value(), p + c.name() + "/"));
      }
    }
    if (container != null && !names.contains(container)) {
      throw new CruddurException("service " + service + " has no container '" + container + "' (its containers: "
          + names + ")");
    }
    if (sources.isEmpty()) {
      throw new CruddurException("service " + service + (container == null ? "" : " container " + container)
          + " does not log to CloudWatch Logs (awslogs)");
    }
    return new ServiceLogs(reads, clock, sources);
  }

  /** The same logs, whose {@link #follow} pauses on {@code pacing} (a wall clock for a cloud on a virtual one). */
  public ServiceLogs pacedBy(Clock pacing) {
    return new ServiceLogs(reads, pacing, sources);
  }

  /**
   * The events at or after {@code since}, oldest first: the first {@link #LIMIT} of them (a shorter span gives the
   * latest ones).
   */
  public List<Line> since(Instant since) {
    List<Line> out = new ArrayList<>();
    for (Source s : sources) {
      for (LogsPort.LogEvent e : reads.logs().events(s.group(), s.prefix(), since.toEpochMilli(), LIMIT)) {
        out.add(line(s, e));
      }
    }
    out.sort(Comparator.comparing(Line::time));
    return out.size() > LIMIT ? List.copyOf(out.subList(0, LIMIT)) : out;
  }

  private static Line line(Source s, LogsPort.LogEvent e) {
    String rest = e.stream().startsWith(s.prefix()) ? e.stream().substring(s.prefix().length()) : e.stream();
    String container = s.prefix().substring(0, s.prefix().length() - 1);
    container = container.substring(container.lastIndexOf('/') + 1);
    return new Line(Instant.ofEpochMilli(e.timestamp()), container, rest, e.message());
  }

  /**
   * How far back each poll of {@link #follow} looks again: the awslogs driver of each task buffers, so one task's
   * events can arrive after a later event of another task. Events already sent are recognised by id.
   */
  public static final Duration LOOK_BACK = Duration.ofMinutes(2);

  /**
   * Sends the events at or after {@code since} to {@code sink}, then polls for new ones (each sent once, also one
   * that arrives up to {@link #LOOK_BACK} late) until {@code stop} says so or the thread is interrupted, pausing
   * longer while nothing comes.
   */
  public void follow(Instant since, Consumer<Line> sink, BooleanSupplier stop) {
    long floor = since.toEpochMilli();
    long newest = floor;
    java.util.Map<String, Long> sent = new java.util.HashMap<>();
    Duration pause = Duration.ofSeconds(1);
    while (!stop.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
      long from = Math.max(floor, newest - LOOK_BACK.toMillis());
      List<LogsPort.LogEvent> fresh = new ArrayList<>();
      List<Source> of = new ArrayList<>();
      for (Source s : sources) {
        for (LogsPort.LogEvent e : reads.logs().events(s.group(), s.prefix(), from, LIMIT)) {
          if (!sent.containsKey(e.id())) {
            fresh.add(e);
            of.add(s);
          }
        }
      }
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < fresh.size(); i++) {
        order.add(i);
      }
      order.sort(Comparator.comparingLong(i -> fresh.get(i).timestamp()));
      for (int i : order) {
        LogsPort.LogEvent e = fresh.get(i);
        sink.accept(line(of.get(i), e));
        sent.put(e.id(), e.timestamp());
        newest = Math.max(newest, e.timestamp());
      }
      long forget = newest - LOOK_BACK.toMillis();
      sent.values().removeIf(t -> t < forget);
      pause = fresh.isEmpty() ? min(Duration.ofMillis(pause.toMillis() * 3 / 2), MAX_POLL) : Duration.ofSeconds(1);
      try {
        clock.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
