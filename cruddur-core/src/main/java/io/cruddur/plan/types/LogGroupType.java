package io.cruddur.plan.types;

import io.cruddur.plan.Actual;
import io.cruddur.plan.Desired;
import io.cruddur.plan.ResourceId;
import io.cruddur.plan.ResourceType;
import io.cruddur.port.Cloud;
import io.cruddur.port.LogsPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code logs.log-group}: name -> {name, retentionDays}. */
final class LogGroupType implements ResourceType {
  @Override
  public String name() {
    return "logs.log-group";
  }

  @Override
  public int layer() {
    return 0;
  }

  private Actual actual(LogsPort.LogGroup g, String stack) {
    return P.actual(this, g.name(), P.props("name", g.name(), "retentionDays", g.retentionDays()),
        P.attrs("arn", g.arn()), P.owns(g.tags(), stack));
  }

  @Override
  public Optional<Actual> read(Cloud cloud, Scope scope, ResourceId id, Map<String, Object> props) {
    return cloud.logs().findLogGroup(id.name()).map(g -> actual(g, scope.stack()));
  }

  @Override
  public List<Actual> owned(Cloud cloud, Scope scope) {
    return cloud.logs().listLogGroups().stream().filter(g -> P.owns(g.tags(), scope.stack()))
        .map(g -> actual(g, scope.stack())).toList();
  }

  @Override
  public Map<String, String> create(Cloud cloud, ResourceId id, Map<String, Object> p, Map<String, String> tags) {
    LogsPort.LogGroup g = cloud.logs().createLogGroup(P.str(p, "name"), tags);
    cloud.logs().putRetention(g.name(), P.integer(p, "retentionDays"));
    return P.attrs("arn", g.arn());
  }

  @Override
  public Map<String, String> update(Cloud cloud, Actual actual, Map<String, Object> p, Set<String> changed) {
    cloud.logs().putRetention(actual.id().name(), P.integer(p, "retentionDays"));
    return actual.attributes();
  }

  @Override
  public void delete(Cloud cloud, Actual actual, Desired desired) {
    cloud.logs().deleteLogGroup(actual.id().name());
  }
}
