package io.cruddur.plan.types;

import io.cruddur.plan.Actual;
import io.cruddur.plan.Desired;
import io.cruddur.plan.ResourceId;
import io.cruddur.plan.ResourceType;
import io.cruddur.port.Cloud;
import io.cruddur.port.EcsPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code ecs.cluster}: name -> {name, containerInsights, defaultNamespaceArn}. */
final class ClusterType implements ResourceType {
  @Override
  public String name() {
    return "ecs.cluster";
  }

  @Override
  public int layer() {
    return 1;
  }

  private Actual actual(EcsPort.Cluster c, String stack) {
    return P.actual(this, c.name(), P.props("name", c.name(), "containerInsights", c.containerInsights(),
        "defaultNamespaceArn", c.defaultNamespaceArn()), P.attrs("arn", c.arn(), "name", c.name()),
        P.owns(c.tags(), stack));
  }

  @Override
  public Optional<Actual> read(Cloud cloud, Scope scope, ResourceId id, Map<String, Object> props) {
    return cloud.ecs().findCluster(id.name()).map(c -> actual(c, scope.stack()));
  }

  @Override
  public List<Actual> owned(Cloud cloud, Scope scope) {
    return cloud.ecs().listClusters().stream().filter(c -> P.owns(c.tags(), scope.stack()))
        .map(c -> actual(c, scope.stack())).toList();
  }

  @Override
  public Map<String, String> create(Cloud cloud, ResourceId id, Map<String, Object> p, Map<String, String> tags) {
    EcsPort.Cluster c = cloud.ecs().createCluster(P.str(p, "name"), P.bool(p, "containerInsights"),
        P.str(p, "defaultNamespaceArn"), tags);
    return P.attrs("arn", c.arn(), "name", c.name());
  }

  @Override
  public Map<String, String> update(Cloud cloud, Actual actual, Map<String, Object> p, Set<String> changed) {
    cloud.ecs().updateCluster(actual.id().name(), P.bool(p, "containerInsights"), P.str(p, "defaultNamespaceArn"));
    return actual.attributes();
  }

  @Override
  public void delete(Cloud cloud, Actual actual, Desired desired) {
    cloud.ecs().deleteCluster(actual.id().name());
  }
}
