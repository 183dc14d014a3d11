package io.cruddur.aws;

import io.cruddur.port.CloudException;
import io.cruddur.port.ServiceDiscoveryPort;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceSummary;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;
import software.amazon.awssdk.services.servicediscovery.model.OperationTargetType;
import software.amazon.awssdk.services.servicediscovery.model.Tag;

final class AwsServiceDiscovery implements ServiceDiscoveryPort {
  private final Supplier<ServiceDiscoveryClient> sd;
  private final Calls calls;

  AwsServiceDiscovery(Supplier<ServiceDiscoveryClient> sd, Calls calls) {
    this.sd = sd;
    this.calls = calls;
  }

  private Namespace view(NamespaceSummary n) {
    Map<String, String> tags = calls.read("servicediscovery:ListTagsForResource", () -> sd.get()
        .listTagsForResource(b -> b.resourceARN(n.arn())).tags().stream()
        .collect(Collectors.toMap(Tag::key, Tag::value)));
    return new Namespace(n.id(), n.arn(), n.name(), tags);
  }

  @Override
  public Namespace createHttpNamespace(String name, String creatorRequestId, Map<String, String> tags) {
    // Look up first: never rely on the backend to refuse a duplicate or to honour the creator request id.
    for (NamespaceSummary existing : listSummaries()) {
      if (existing.name().equals(name)) {
        String requestId = calls.read("servicediscovery:GetNamespace", () -> sd.get().getNamespace(b -> b
            .id(existing.id())).namespace().creatorRequestId());
        if (creatorRequestId != null && creatorRequestId.equals(requestId)) {
          return view(existing);
        }
        throw new CloudException.Conflict("NamespaceAlreadyExists: namespace " + name + " exists");
      }
    }
    // The creator request id makes this call idempotent: a repeat returns the same operation.
    String operation = calls.create("servicediscovery:CreateHttpNamespace", () -> sd.get().createHttpNamespace(b -> b
        .name(name).creatorRequestId(creatorRequestId).tags(tags.entrySet().stream()
            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())).operationId());
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (true) {
      var op = calls.read("servicediscovery:GetOperation", () -> sd.get().getOperation(b -> b.operationId(operation))
          .operation());
      if (op.status() == OperationStatus.SUCCESS) {
        String id = op.targets().get(OperationTargetType.NAMESPACE);
        return listSummaries().stream().filter(n -> n.id().equals(id) || id == null && n.name().equals(name))
            .findFirst().map(this::view).orElseThrow(() ->
                new CloudException.NotYetConsistent("namespace " + name + " not visible yet"));
      }
      if (op.status() == OperationStatus.FAIL) {
        throw new CloudException("creating namespace " + name + " failed: " + op.errorMessage());
      }
      if (System.nanoTime() > deadline) {
        throw new CloudException("namespace " + name + " still " + op.statusAsString() + " after 5 minutes");
      }
      sleep();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudException("interrupted");
    }
  }

  @Override
  public Optional<Namespace> findNamespace(String name) {
    return listSummaries().stream().filter(n -> n.name().equals(name)).findFirst().map(this::view);
  }

  private List<NamespaceSummary> listSummaries() {
    return calls.read("servicediscovery:ListNamespaces", () -> sd.get().listNamespacesPaginator(b -> {}).stream()
        .flatMap(r -> r.namespaces().stream()).toList());
  }

  @Override
  public List<Namespace> listNamespaces() {
    return listSummaries().stream().map(this::view).toList();
  }

  @Override
  public void deleteNamespace(String id) {
    calls.write("servicediscovery:DeleteNamespace", () -> sd.get().deleteNamespace(b -> b.id(id)));
  }
}
