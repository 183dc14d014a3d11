package io.cruddur.memory;

import io.cruddur.memory.MemoryState.StoredNamespace;
import io.cruddur.port.CloudException;
import io.cruddur.port.ServiceDiscoveryPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class MemServiceDiscovery implements ServiceDiscoveryPort {
  private final InMemoryCloud c;

  MemServiceDiscovery(InMemoryCloud c) {
    this.c = c;
  }

  @Override
  public Namespace createHttpNamespace(String name, String creatorRequestId, Map<String, String> tags) {
    return c.op("servicediscovery", "CreateHttpNamespace", name, true, () -> {
      for (StoredNamespace n : c.state.namespaces.values()) {
        if (creatorRequestId != null && creatorRequestId.equals(n.creatorRequestId())) {
          return n.namespace();
        }
        if (n.namespace().name().equals(name)) {
          throw new CloudException.Conflict("NamespaceAlreadyExists: namespace " + name + " exists");
        }
      }
      String id = "ns-" + c.nextId("namespace", name, 16);
      Namespace ns = new Namespace(id, c.arn("servicediscovery", "namespace/" + id), name,
          InMemoryCloud.copy(tags));
      c.state.namespaces.put(id, new StoredNamespace(ns, creatorRequestId));
      return ns;
    });
  }

  @Override
  public Optional<Namespace> findNamespace(String name) {
    return c.op("servicediscovery", "ListNamespaces", name, false, () -> c.state.namespaces.values().stream()
        .map(StoredNamespace::namespace).filter(n -> n.name().equals(name)).findFirst());
  }

  @Override
  public List<Namespace> listNamespaces() {
    return c.op("servicediscovery", "ListNamespaces", null, false,
        () -> c.state.namespaces.values().stream().map(StoredNamespace::namespace).toList());
  }

  @Override
  public void deleteNamespace(String id) {
    c.opv("servicediscovery", "DeleteNamespace", id, () -> {
      StoredNamespace n = c.state.namespaces.get(id);
      if (n == null) {
        throw new CloudException.NotFound("NamespaceNotFound: " + id);
      }
      boolean used = c.state.services.values().stream().anyMatch(s -> !s.status().equals("INACTIVE")
          && s.spec().serviceConnect() != null && s.spec().serviceConnect().namespaceArn().equals(n.namespace().arn()));
      if (used) {
        throw new CloudException.InUse("ResourceInUse: namespace " + n.namespace().name() + " has services");
      }
      c.state.namespaces.remove(id);
    });
  }
}
