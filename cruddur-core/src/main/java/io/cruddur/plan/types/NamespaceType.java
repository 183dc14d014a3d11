package io.cruddur.plan.types;

import io.cruddur.plan.Actual;
import io.cruddur.plan.Desired;
import io.cruddur.plan.ResourceId;
import io.cruddur.plan.ResourceType;
import io.cruddur.port.Cloud;
import io.cruddur.port.ServiceDiscoveryPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code servicediscovery.namespace}: an HTTP namespace for Service Connect, name -> {name}. */
final class NamespaceType implements ResourceType {
  @Override
  public String name() {
    return "servicediscovery.namespace";
  }

  @Override
  public int layer() {
    return 0;
  }

  private Actual actual(ServiceDiscoveryPort.Namespace n, String stack) {
    return P.actual(this, n.name(), P.props("name", n.name()), P.attrs("arn", n.arn(), "id", n.id()),
        P.owns(n.tags(), stack));
  }

  @Override
  public Optional<Actual> read(Cloud cloud, Scope scope, ResourceId id, Map<String, Object> props) {
    return cloud.serviceDiscovery().findNamespace(id.name()).map(n -> actual(n, scope.stack()));
  }

  @Override
  public List<Actual> owned(Cloud cloud, Scope scope) {
    return cloud.serviceDiscovery().listNamespaces().stream().filter(n -> P.owns(n.tags(), scope.stack()))
        .map(n -> actual(n, scope.stack())).toList();
  }

  @Override
  public Map<String, String> create(Cloud cloud, ResourceId id, Map<String, Object> p, Map<String, String> tags) {
    String name = P.str(p, "name");
    // The same on a retry within this apply, so a repeat is recognised as the same request.
    String requestId = "cruddur-" + P.requestKey(tags, name, p, 32);
    ServiceDiscoveryPort.Namespace n = cloud.serviceDiscovery().createHttpNamespace(name, requestId, tags);
    return P.attrs("arn", n.arn(), "id", n.id());
  }

  @Override
  public Map<String, String> update(Cloud cloud, Actual actual, Map<String, Object> p, Set<String> changed) {
    return actual.attributes();
  }

  @Override
  public void delete(Cloud cloud, Actual actual, Desired desired) {
    cloud.serviceDiscovery().deleteNamespace(actual.attributes().get("id"));
  }
}
