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
