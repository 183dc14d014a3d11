package io.cruddur.plan.types;

import io.cruddur.plan.Actual;
import io.cruddur.plan.Desired;
import io.cruddur.plan.ResourceId;
import io.cruddur.plan.ResourceType;
import io.cruddur.port.Cloud;
import io.cruddur.port.EcrPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code ecr.repository}: name -> {name, immutableTags, scanOnPush}. */
final class RepositoryType implements ResourceType {
  @Override
  public String name() {
    return "ecr.repository";
  }

  @Override
  public int layer() {
    return 0;
  }

  private Actual actual(EcrPort.Repository r, String stack) {
    return P.actual(this, r.name(), P.props("name", r.name(), "immutableTags", r.immutableTags(),
        "scanOnPush", r.scanOnPush()), P.attrs("arn", r.arn(), "uri", r.uri()), P.owns(r.tags(), stack));
  }

  @Override
  public Optional<Actual> read(Cloud cloud, Scope scope, ResourceId id, Map<String, Object> props) {
    return cloud.ecr().findRepository(id.name()).map(r -> actual(r, scope.stack()));
  }

  @Override
  public List<Actual> owned(Cloud cloud, Scope scope) {
    return cloud.ecr().listRepositories().stream().filter(r -> P.owns(r.tags(), scope.stack()))
        .map(r -> actual(r, scope.stack())).toList();
  }

  @Override
  public Map<String, String> create(Cloud cloud, ResourceId id, Map<String, Object> p, Map<String, String> tags) {
    EcrPort.Repository r = cloud.ecr().createRepository(P.str(p, "name"), P.bool(p, "immutableTags"),
        P.bool(p, "scanOnPush"), tags);
    return P.attrs("arn", r.arn(), "uri", r.uri());
  }

  @Override
  public Map<String, String> update(Cloud cloud, Actual actual, Map<String, Object> p, Set<String> changed) {
    cloud.ecr().updateRepository(P.str(p, "name"), P.bool(p, "immutableTags"), P.bool(p, "scanOnPush"));
    return actual.attributes();
  }

  @Override
  public void delete(Cloud cloud, Actual actual, Desired desired) {
    boolean force = desired != null && P.bool(desired.props(), "_forceDelete");
    cloud.ecr().deleteRepository(actual.id().name(), force);
  }
}
