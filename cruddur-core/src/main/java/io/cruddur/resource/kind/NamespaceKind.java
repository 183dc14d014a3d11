package io.cruddur.resource.kind;

import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.port.ServiceDiscoveryPort;
import io.cruddur.resource.Actual;
import io.cruddur.resource.NamespaceState;
import io.cruddur.resource.Scope;
import io.cruddur.resource.WriteContext;
import java.util.List;
import java.util.Optional;

/** {@code servicediscovery.namespace}: an HTTP namespace for Service Connect, by name. */
final class NamespaceKind extends BaseKind<NamespaceState, NamespaceState.Outputs> {
  NamespaceKind() {
    super("servicediscovery.namespace", 0, NamespaceState.class, NamespaceState.Outputs.class);
  }

  private Actual<NamespaceState, NamespaceState.Outputs> actual(ServiceDiscoveryPort.Namespace n, Scope scope) {
    return new Actual<>(handle(n.name()).id(), new NamespaceState(n.name()),
        new NamespaceState.Outputs(n.arn(), n.id()), scope.owns(n.tags()));
  }

  @Override
  public Optional<Actual<NamespaceState, NamespaceState.Outputs>> read(ReadPorts cloud, Scope scope, String name,
      NamespaceState desired) {
    return cloud.serviceDiscovery().findNamespace(name).map(n -> actual(n, scope));
  }

  @Override
  public List<Actual<NamespaceState, NamespaceState.Outputs>> owned(ReadPorts cloud, Scope scope) {
    return cloud.serviceDiscovery().listNamespaces().stream().filter(n -> scope.owns(n.tags()))
        .map(n -> actual(n, scope)).toList();
  }

  @Override
  public NamespaceState.Outputs create(Ports cloud, String name, NamespaceState s, WriteContext context) {
    // The same on a retry within this apply, so a repeat is recognised as the same request.
    String requestId = "cruddur-" + context.requestKey(s.name(), 32);
    ServiceDiscoveryPort.Namespace n = cloud.serviceDiscovery().createHttpNamespace(s.name(), requestId,
        context.tags());
    return new NamespaceState.Outputs(n.arn(), n.id());
  }

  @Override
  public NamespaceState.Outputs update(Ports cloud, Actual<NamespaceState, NamespaceState.Outputs> actual,
      NamespaceState s) {
    return actual.outputs();
  }

  @Override
  public void delete(Ports cloud, Actual<NamespaceState, NamespaceState.Outputs> actual,
      Optional<NamespaceState> desired) {
    cloud.serviceDiscovery().deleteNamespace(actual.outputs().id());
  }
}
