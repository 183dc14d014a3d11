package io.cruddur.memory;

import io.cruddur.port.CloudException;
import io.cruddur.port.LogsPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

final class MemLogs implements LogsPort {
  /** The retentions PutRetentionPolicy accepts (API reference, PutRetentionPolicy, retentionInDays). */
  static final Set<Integer> RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
      1096, 1827, 2192, 2557, 2922, 3288, 3653);
  /** How many events a log group keeps, newest first, so that a long-lived local cloud stays small. */
  static final int KEPT = 5_000;
  private final InMemoryCloud c;

  MemLogs(InMemoryCloud c) {
    this.c = c;
  }

  @Override
  public LogGroup createLogGroup(String name, Map<String, String> tags) {
    return c.op("logs", "CreateLogGroup", name, true, () -> {
      if (c.state.logGroups.containsKey(name)) {
        throw new CloudException.Conflict("ResourceAlreadyExistsException: log group " + name + " exists");
      }
      LogGroup g = new LogGroup(name, c.arn("logs", "log-group:" + name), null, InMemoryCloud.copy(tags));
      c.state.logGroups.put(name, g);
      return g;
    });
  }

  @Override
  public void putRetention(String name, int days) {
    c.opv("logs", "PutRetentionPolicy", name, () -> {
      if (!RETENTION_DAYS.contains(days)) {
        throw new CloudException.Invalid("InvalidParameterException: 1 validation error detected: Value '" + days
            + "' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: "
            + new java.util.TreeSet<>(RETENTION_DAYS));
      }
      LogGroup g = require(name);
      c.state.logGroups.put(name, new LogGroup(name, g.arn(), days, g.tags()));
    });
  }

  @Override
  public Optional<LogGroup> findLogGroup(String name) {
    return c.op("logs", "DescribeLogGroups", name, false, () -> Optional.ofNullable(c.state.logGroups.get(name)));
  }

  @Override
  public List<LogGroup> listLogGroups() {
    return c.op("logs", "DescribeLogGroups", null, false, () -> List.copyOf(c.state.logGroups.values()));
  }

  @Override
  public void deleteLogGroup(String name) {
    c.opv("logs", "DeleteLogGroup", name, () -> {
      require(name);
      c.state.logGroups.remove(name);
      c.state.logEvents.remove(name);
    });
  }

  @Override
  public void putLogEvents(String group, String stream, List<LogMessage> messages) {
    c.opv("logs", "PutLogEvents", group, () -> {
      require(group);
      for (LogMessage m : messages) {
        append(group, stream, m.timestamp(), m.message());
      }
    });
  }

  /** Appends one event if the group exists (a container's driver writes nothing to a missing group). */
  void append(String group, String stream, long timestamp, String message) {
    if (!c.state.logGroups.containsKey(group)) {
      return;
    }
    List<LogEvent> events = c.state.logEvents.computeIfAbsent(group, g -> new java.util.ArrayList<>());
    String id = InMemoryCloud.digest("event#" + group + "#" + stream + "#" + timestamp + "#" + events.size(), 24);
    LogEvent e = new LogEvent(timestamp, stream, message, id);
    int at = events.size();
    while (at > 0 && events.get(at - 1).timestamp() > timestamp) {
      at--;
    }
    events.add(at, e);
    if (events.size() > KEPT) {
      events.subList(0, events.size() - KEPT).clear();
    }
  }

  @Override
  public List<LogEvent> events(String group, String streamPrefix, long fromMillis, int limit) {
    return c.op("logs", "FilterLogEvents", group, false, () -> {
      require(group);
      ((MemEcs) c.ecs()).refreshServices();
      return c.state.logEvents.getOrDefault(group, List.of()).stream()
          .filter(e -> e.timestamp() >= fromMillis && e.stream().startsWith(streamPrefix)).limit(limit).toList();
    });
  }

  private LogGroup require(String name) {
    LogGroup g = c.state.logGroups.get(name);
    if (g == null) {
      throw new CloudException.NotFound("ResourceNotFoundException: log group " + name + " does not exist");
    }
    return g;
  }
}
