package io.cruddur.plan.types;

import io.cruddur.plan.Actual;
import io.cruddur.plan.Desired;
import io.cruddur.plan.ResourceId;
import io.cruddur.plan.ResourceType;
import io.cruddur.port.Cloud;
import io.cruddur.port.IamPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code iam.role}: name -> {name, assumeRolePolicy}. */
final class RoleType implements ResourceType {
  @Override
  public String name() {
    return "iam.role";
  }

  @Override
  public int layer() {
    return 0;
  }

  private Actual actual(IamPort.Role r, String stack) {
    return P.actual(this, r.name(), P.props("name", r.name(), "assumeRolePolicy", Json.canonical(r.assumeRolePolicy())),
        P.attrs("arn", r.arn(), "name", r.name()), P.owns(r.tags(), stack));
  }

  @Override
  public Optional<Actual> read(Cloud cloud, Scope scope, ResourceId id, Map<String, Object> props) {
    return cloud.iam().findRole(id.name()).map(r -> actual(r, scope.stack()));
  }

  @Override
  public List<Actual> owned(Cloud cloud, Scope scope) {
    return cloud.iam().listRoles().stream().filter(r -> P.owns(r.tags(), scope.stack()))
        .map(r -> actual(r, scope.stack())).toList();
  }

  @Override
  public Map<String, String> create(Cloud cloud, ResourceId id, Map<String, Object> p, Map<String, String> tags) {
    IamPort.Role r = cloud.iam().createRole(P.str(p, "name"), P.str(p, "assumeRolePolicy"), tags);
    return P.attrs("arn", r.arn(), "name", r.name());
  }

  @Override
  public Map<String, String> update(Cloud cloud, Actual actual, Map<String, Object> p, Set<String> changed) {
    cloud.iam().updateAssumeRolePolicy(actual.id().name(), P.str(p, "assumeRolePolicy"));
    return actual.attributes();
  }

  @Override
  public void delete(Cloud cloud, Actual actual, Desired desired) {
    cloud.iam().deleteRole(actual.id().name());
  }
}
