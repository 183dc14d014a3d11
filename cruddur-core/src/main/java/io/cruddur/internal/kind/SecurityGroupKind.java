package io.cruddur.internal.kind;

import io.cruddur.port.Ec2Port;
import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.resource.Actual;
import io.cruddur.resource.Scope;
import io.cruddur.resource.SecurityGroupState;
import io.cruddur.resource.WriteContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code ec2.security-group}, by name within the VPC. Its rules are {@code ec2.ingress}. */
final class SecurityGroupKind
    extends NamedKind<SecurityGroupState, SecurityGroupState.Outputs, Ec2Port.SecurityGroup> {
  SecurityGroupKind() {
    super("ec2.security-group", 0, SecurityGroupState.class, SecurityGroupState.Outputs.class);
  }

  @Override
  Actual<SecurityGroupState, SecurityGroupState.Outputs> actual(Ec2Port.SecurityGroup g, boolean owned) {
    return new Actual<>(handle(g.name()).id(), new SecurityGroupState(g.name(), g.description(), g.vpcId()),
        new SecurityGroupState.Outputs(g.id()), owned);
  }

  @Override
  Optional<Ec2Port.SecurityGroup> find(ReadPorts cloud, Scope scope, String name, SecurityGroupState desired) {
    return cloud.ec2().findSecurityGroup(desired.vpcId(), name);
  }

  @Override
  List<Ec2Port.SecurityGroup> list(ReadPorts cloud, Scope scope) {
    return cloud.ec2().listSecurityGroups(scope.vpcId());
  }

  @Override
  Map<String, String> tags(Ec2Port.SecurityGroup g) {
    return g.tags();
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
