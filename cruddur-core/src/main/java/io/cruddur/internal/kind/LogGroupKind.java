package io.cruddur.internal.kind;

import io.cruddur.port.LogsPort;
import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.resource.Actual;
import io.cruddur.resource.LogGroupState;
import io.cruddur.resource.Scope;
import io.cruddur.resource.WriteContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code logs.log-group}, by name. */
final class LogGroupKind extends NamedKind<LogGroupState, LogGroupState.Outputs, LogsPort.LogGroup> {
  LogGroupKind() {
    super("logs.log-group", 0, LogGroupState.class, LogGroupState.Outputs.class);
  }

  @Override
  Actual<LogGroupState, LogGroupState.Outputs> actual(LogsPort.LogGroup g, boolean owned) {
    return new Actual<>(handle(g.name()).id(), new LogGroupState(g.name(), g.retentionDays()),
        new LogGroupState.Outputs(g.arn()), owned);
  }

  @Override
  Optional<LogsPort.LogGroup> find(ReadPorts cloud, Scope scope, String name, LogGroupState desired) {
    return cloud.logs().findLogGroup(name);
  }

  @Override
  List<LogsPort.LogGroup> list(ReadPorts cloud, Scope scope) {
    return cloud.logs().listLogGroups();
  }

  @Override
  Map<String, String> tags(LogsPort.LogGroup g) {
    return g.tags();
  }

  @Override
  public LogGroupState.Outputs create(Ports cloud, String name, LogGroupState s, WriteContext context) {
    LogsPort.LogGroup g = cloud.logs().createLogGroup(s.name(), context.tags());
    cloud.logs().putRetention(g.name(), s.retentionDays());
    return new LogGroupState.Outputs(g.arn());
  }

  @Override
  public LogGroupState.Outputs update(Ports cloud, Actual<LogGroupState, LogGroupState.Outputs> actual,
      LogGroupState s) {
    cloud.logs().putRetention(actual.id().name(), s.retentionDays());
    return actual.outputs();
  }

  @Override
  public void delete(Ports cloud, Actual<LogGroupState, LogGroupState.Outputs> actual,
      Optional<LogGroupState> desired) {
    cloud.logs().deleteLogGroup(actual.id().name());
  }
}
