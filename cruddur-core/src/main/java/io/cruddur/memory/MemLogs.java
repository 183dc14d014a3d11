package io.cruddur.memory;

import io.cruddur.port.CloudException;
import io.cruddur.port.LogsPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class MemLogs implements LogsPort {
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
