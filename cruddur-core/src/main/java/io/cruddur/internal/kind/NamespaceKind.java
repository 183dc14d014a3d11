package io.cruddur.internal.kind;

import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.port.ServiceDiscoveryPort;
import io.cruddur.resource.Actual;
import io.cruddur.resource.NamespaceState;
import io.cruddur.resource.Scope;
import io.cruddur.resource.WriteContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code servicediscovery.namespace}: an HTTP namespace for Service Connect, by name. */
final class NamespaceKind
    extends NamedKind<NamespaceState, NamespaceState.Outputs, ServiceDiscoveryPort.Namespace> {
  NamespaceKind() {
    super("servicediscovery.namespace", 0, NamespaceState.class, NamespaceState.Outputs.class);
  }

  @Override
  Actual<NamespaceState, NamespaceState.Outputs> actual(ServiceDiscoveryPort.Namespace n, boolean owned) {
    return new Actual<>(handle(n.name()).id(), new NamespaceState(n.name()),
        new NamespaceState.Outputs(n.arn(), n.id()), owned);
  }

  @Override
  Optional<ServiceDiscoveryPort.Namespace> find(ReadPorts cloud, Scope scope, String name, NamespaceState desired) {
    return cloud.serviceDiscovery().findNamespace(name);
  }

  @Override
  List<ServiceDiscoveryPort.Namespace> list(ReadPorts cloud, Scope scope) {
    return cloud.serviceDiscovery().listNamespaces();
  }

  @Override
  Map<String, String> tags(ServiceDiscoveryPort.Namespace n) {
    return n.tags();
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
