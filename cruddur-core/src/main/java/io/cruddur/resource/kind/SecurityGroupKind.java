package io.cruddur.resource.kind;

import io.cruddur.port.Ec2Port;
import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.resource.Actual;
import io.cruddur.resource.Scope;
import io.cruddur.resource.SecurityGroupState;
import io.cruddur.resource.WriteContext;
import java.util.List;
import java.util.Optional;

/** {@code ec2.security-group}, by name within the VPC. Its rules are {@code ec2.ingress}. */
final class SecurityGroupKind extends BaseKind<SecurityGroupState, SecurityGroupState.Outputs> {
  SecurityGroupKind() {
    super("ec2.security-group", 0, SecurityGroupState.class, SecurityGroupState.Outputs.class);
  }

  private Actual<SecurityGroupState, SecurityGroupState.Outputs> actual(Ec2Port.SecurityGroup g, Scope scope) {
    return new Actual<>(handle(g.name()).id(), new SecurityGroupState(g.name(), g.description(), g.vpcId()),
        new SecurityGroupState.Outputs(g.id()), scope.owns(g.tags()));
  }

  @Override
  public Optional<Actual<SecurityGroupState, SecurityGroupState.Outputs>> read(ReadPorts cloud, Scope scope,
      String name, SecurityGroupState desired) {
    return cloud.ec2().findSecurityGroup(desired.vpcId(), name).map(g -> actual(g, scope));
  }

  @Override
  public List<Actual<SecurityGroupState, SecurityGroupState.Outputs>> owned(ReadPorts cloud, Scope scope) {
    return cloud.ec2().listSecurityGroups(scope.vpcId()).stream().filter(g -> scope.owns(g.tags()))
        .map(g -> actual(g, scope)).toList();
  }

  @Override
  public SecurityGroupState.Outputs create(Ports cloud, String name, SecurityGroupState s, WriteContext context) {
    Ec2Port.SecurityGroup g = cloud.ec2().createSecurityGroup(s.name(), s.description(), s.vpcId(),
        context.tags());
    return new SecurityGroupState.Outputs(g.id());
  }

  @Override
  public SecurityGroupState.Outputs update(Ports cloud,
      Actual<SecurityGroupState, SecurityGroupState.Outputs> actual, SecurityGroupState s) {
    return actual.outputs();
  }

  @Override
  public void delete(Ports cloud, Actual<SecurityGroupState, SecurityGroupState.Outputs> actual,
      Optional<SecurityGroupState> desired) {
    cloud.ec2().deleteSecurityGroup(actual.outputs().id());
  }
}
