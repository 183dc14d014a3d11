package io.cruddur.internal.kind;

import io.cruddur.base.Json;
import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.resource.Actual;
import io.cruddur.resource.ResourceId;
import io.cruddur.resource.RolePolicyState;
import io.cruddur.resource.Scope;
import io.cruddur.resource.Value;
import io.cruddur.resource.WriteContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code iam.role-policy}: an inline policy, named {@code role/policy}. Owned when its role is owned. */
final class RolePolicyKind extends BaseKind<RolePolicyState, RolePolicyState.Outputs> {
  RolePolicyKind() {
    super("iam.role-policy", 1, RolePolicyState.class, RolePolicyState.Outputs.class);
  }

  /** The stack-level name of inline policy {@code policy} of {@code role}. */
  static String id(String role, String policy) {
    return role + "/" + policy;
  }

  private Actual<RolePolicyState, RolePolicyState.Outputs> actual(ResourceId id, String role, String name,
      String document) {
    return new Actual<>(id, new RolePolicyState(Value.of(role), name, Json.canonical(document)),
        new RolePolicyState.Outputs(name), true);
  }

  @Override
  public Optional<Actual<RolePolicyState, RolePolicyState.Outputs>> read(ReadPorts cloud, Scope scope, String name,
      RolePolicyState desired) {
    if (!desired.role().isKnown() || cloud.iam().findRole(desired.role().get()).isEmpty()) {
      return Optional.empty();
    }
    String role = desired.role().get();
    String doc = cloud.iam().rolePolicies(role).get(desired.name());
    return Optional.ofNullable(doc).map(d -> actual(handle(name).id(), role, desired.name(), d));
  }

  @Override
  public List<Actual<RolePolicyState, RolePolicyState.Outputs>> owned(ReadPorts cloud, Scope scope) {
    List<Actual<RolePolicyState, RolePolicyState.Outputs>> out = new ArrayList<>();
    cloud.iam().listRoleDetails().stream().filter(d -> scope.owns(d.role().tags())).forEach(d ->
        d.inlinePolicies().forEach((name, doc) ->
            out.add(actual(handle(id(d.role().name(), name)).id(), d.role().name(), name, doc))));
    return out;
  }

  @Override
  public RolePolicyState.Outputs create(Ports cloud, String name, RolePolicyState s, WriteContext context) {
    cloud.iam().putRolePolicy(s.role().get(), s.name(), s.document());
    return new RolePolicyState.Outputs(s.name());
  }

  @Override
  public RolePolicyState.Outputs update(Ports cloud, Actual<RolePolicyState, RolePolicyState.Outputs> actual,
      RolePolicyState s) {
    cloud.iam().putRolePolicy(s.role().get(), s.name(), s.document());
    return actual.outputs();
  }

  @Override
  public void delete(Ports cloud, Actual<RolePolicyState, RolePolicyState.Outputs> actual,
      Optional<RolePolicyState> desired) {
    cloud.iam().deleteRolePolicy(actual.state().role().get(), actual.state().name());
  }
}
