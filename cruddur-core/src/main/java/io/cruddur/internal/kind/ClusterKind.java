package io.cruddur.internal.kind;

import io.cruddur.port.EcsPort;
import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.resource.Actual;
import io.cruddur.resource.ClusterState;
import io.cruddur.resource.Scope;
import io.cruddur.resource.Value;
import io.cruddur.resource.WriteContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code ecs.cluster}, by name. */
final class ClusterKind extends NamedKind<ClusterState, ClusterState.Outputs, EcsPort.Cluster> {
  ClusterKind() {
    super("ecs.cluster", 1, ClusterState.class, ClusterState.Outputs.class);
  }

  @Override
  Actual<ClusterState, ClusterState.Outputs> actual(EcsPort.Cluster c, boolean owned) {
    return new Actual<>(handle(c.name()).id(), new ClusterState(c.name(), c.containerInsights(),
        Value.of(c.defaultNamespaceArn())), new ClusterState.Outputs(c.arn(), c.name()), owned);
  }

  @Override
  Optional<EcsPort.Cluster> find(ReadPorts cloud, Scope scope, String name, ClusterState desired) {
    return cloud.ecs().findCluster(name);
  }

  @Override
  List<EcsPort.Cluster> list(ReadPorts cloud, Scope scope) {
    return cloud.ecs().listClusters();
  }

  @Override
  Map<String, String> tags(EcsPort.Cluster c) {
    return c.tags();
  }

  @Override
  public ClusterState.Outputs create(Ports cloud, String name, ClusterState s, WriteContext context) {
    EcsPort.Cluster c = cloud.ecs().createCluster(s.name(), s.containerInsights(), s.defaultNamespaceArn().get(),
        context.tags());
    return new ClusterState.Outputs(c.arn(), c.name());
  }

  @Override
  public ClusterState.Outputs update(Ports cloud, Actual<ClusterState, ClusterState.Outputs> actual,
      ClusterState s) {
    cloud.ecs().updateCluster(actual.id().name(), s.containerInsights(), s.defaultNamespaceArn().get());
    return actual.outputs();
  }

  @Override
  public void delete(Ports cloud, Actual<ClusterState, ClusterState.Outputs> actual, Optional<ClusterState> desired) {
    cloud.ecs().deleteCluster(actual.id().name());
  }
}
