package io.cruddur.internal.kind;

import io.cruddur.base.Json;
import io.cruddur.port.IamPort;
import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.resource.Actual;
import io.cruddur.resource.RoleState;
import io.cruddur.resource.Scope;
import io.cruddur.resource.WriteContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code iam.role}, by name; trust policies are compared as canonical JSON. */
final class RoleKind extends NamedKind<RoleState, RoleState.Outputs, IamPort.Role> {
  RoleKind() {
    super("iam.role", 0, RoleState.class, RoleState.Outputs.class);
  }

  @Override
  Actual<RoleState, RoleState.Outputs> actual(IamPort.Role r, boolean owned) {
    return new Actual<>(handle(r.name()).id(), new RoleState(r.name(), Json.canonical(r.assumeRolePolicy())),
        new RoleState.Outputs(r.arn(), r.name()), owned);
  }

  @Override
  Optional<IamPort.Role> find(ReadPorts cloud, Scope scope, String name, RoleState desired) {
    return cloud.iam().findRole(name);
  }

  @Override
  List<IamPort.Role> list(ReadPorts cloud, Scope scope) {
    return cloud.iam().listRoleDetails().stream().map(IamPort.RoleDetail::role).toList();
  }

  @Override
  Map<String, String> tags(IamPort.Role r) {
    return r.tags();
  }

  @Override
  public RoleState.Outputs create(Ports cloud, String name, RoleState s, WriteContext context) {
    IamPort.Role r = cloud.iam().createRole(s.name(), s.assumeRolePolicy(), context.tags());
    return new RoleState.Outputs(r.arn(), r.name());
  }

  @Override
  public RoleState.Outputs update(Ports cloud, Actual<RoleState, RoleState.Outputs> actual, RoleState s) {
    cloud.iam().updateAssumeRolePolicy(actual.id().name(), s.assumeRolePolicy());
    return actual.outputs();
  }

  @Override
  public void delete(Ports cloud, Actual<RoleState, RoleState.Outputs> actual, Optional<RoleState> desired) {
    cloud.iam().deleteRole(actual.id().name());
  }
}
