package io.cruddur.plan.types;

import io.cruddur.plan.Actual;
import io.cruddur.plan.Desired;
import io.cruddur.plan.ResourceId;
import io.cruddur.plan.ResourceType;
import io.cruddur.plan.Unknown;
import io.cruddur.port.Cloud;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code iam.role-policy}: an inline policy, {@code role/policy} -> {role, name, document}. Owned when its role
 * is owned.
 */
final class RolePolicyType implements ResourceType {
  @Override
  public String name() {
    return "iam.role-policy";
  }

  @Override
  public int layer() {
    return 1;
  }

  @Override
  public Optional<Actual> read(Cloud cloud, Scope scope, ResourceId id, Map<String, Object> props) {
    Object role = props.get("role");
    if (role == Unknown.VALUE || cloud.iam().findRole(role.toString()).isEmpty()) {
      return Optional.empty();
    }
    String name = P.str(props, "name");
    String doc = cloud.iam().rolePolicies(role.toString()).get(name);
    return Optional.ofNullable(doc).map(d -> P.actual(this, id.name(),
        P.props("role", role, "name", name, "document", Json.canonical(d)), P.attrs("name", name), true));
  }

  @Override
  public List<Actual> owned(Cloud cloud, Scope scope) {
    List<Actual> out = new ArrayList<>();
    cloud.iam().listRoles().stream().filter(r -> P.owns(r.tags(), scope.stack())).forEach(r ->
        cloud.iam().rolePolicies(r.name()).forEach((name, doc) -> out.add(P.actual(this, r.name() + "/" + name,
            P.props("role", r.name(), "name", name, "document", Json.canonical(doc)), P.attrs("name", name), true))));
    return out;
  }

  @Override
  public Map<String, String> create(Cloud cloud, ResourceId id, Map<String, Object> p, Map<String, String> tags) {
    cloud.iam().putRolePolicy(P.str(p, "role"), P.str(p, "name"), P.str(p, "document"));
    return P.attrs("name", P.str(p, "name"));
  }

  @Override
  public Map<String, String> update(Cloud cloud, Actual actual, Map<String, Object> p, Set<String> changed) {
    return create(cloud, actual.id(), p, Map.of());
  }

  @Override
  public void delete(Cloud cloud, Actual actual, Desired desired) {
    cloud.iam().deleteRolePolicy(P.str(actual.props(), "role"), P.str(actual.props(), "name"));
  }

  @Override
  public Set<String> replaceOn() {
    return Set.of("role", "name");
  }
}
