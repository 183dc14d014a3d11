package io.cruddur.internal.kind;

import io.cruddur.port.EcrPort;
import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.resource.Actual;
import io.cruddur.resource.RepositoryState;
import io.cruddur.resource.Scope;
import io.cruddur.resource.WriteContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code ecr.repository}, by name. A repository with images is deleted only if the stack says forceDelete. */
final class RepositoryKind extends NamedKind<RepositoryState, RepositoryState.Outputs, EcrPort.Repository> {
  RepositoryKind() {
    super("ecr.repository", 0, RepositoryState.class, RepositoryState.Outputs.class);
  }

  @Override
  Actual<RepositoryState, RepositoryState.Outputs> actual(EcrPort.Repository r, boolean owned) {
    return new Actual<>(handle(r.name()).id(), new RepositoryState(r.name(), r.immutableTags(), r.scanOnPush(),
        false), new RepositoryState.Outputs(r.arn(), r.uri()), owned);
  }

  @Override
  Optional<EcrPort.Repository> find(ReadPorts cloud, Scope scope, String name, RepositoryState desired) {
    return cloud.ecr().findRepository(name);
  }

  @Override
  List<EcrPort.Repository> list(ReadPorts cloud, Scope scope) {
    return cloud.ecr().listRepositories();
  }

  @Override
  Map<String, String> tags(EcrPort.Repository r) {
    return r.tags();
  }

  @Override
  public RepositoryState.Outputs create(Ports cloud, String name, RepositoryState s, WriteContext context) {
    EcrPort.Repository r = cloud.ecr().createRepository(s.name(), s.immutableTags(), s.scanOnPush(), context.tags());
    return new RepositoryState.Outputs(r.arn(), r.uri());
  }

  @Override
  public RepositoryState.Outputs update(Ports cloud, Actual<RepositoryState, RepositoryState.Outputs> actual,
      RepositoryState s) {
    cloud.ecr().updateRepository(s.name(), s.immutableTags(), s.scanOnPush());
    return actual.outputs();
  }

  @Override
  public void delete(Ports cloud, Actual<RepositoryState, RepositoryState.Outputs> actual,
      Optional<RepositoryState> desired) {
    cloud.ecr().deleteRepository(actual.id().name(), desired.map(RepositoryState::forceDelete).orElse(false));
  }
}
