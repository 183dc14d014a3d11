package io.cruddur.internal.kind;

import io.cruddur.port.Ec2Port;
import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.resource.Actual;
import io.cruddur.resource.IngressState;
import io.cruddur.resource.Scope;
import io.cruddur.resource.Value;
import io.cruddur.resource.WriteContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code ec2.ingress}: one rule of a security group, named {@code group tcp:80 from 0.0.0.0/0}. Every change
 * replaces it.
 */
final class IngressKind extends BaseKind<IngressState, IngressState.Outputs> {
  IngressKind() {
    super("ec2.ingress", 1, IngressState.class, IngressState.Outputs.class);
  }

  /** The stack-level name of a rule of {@code group}; {@code source} is a CIDR block or a group name. */
  static String id(String group, String protocol, int from, int to, String source) {
    return group + " " + protocol + ":" + (from == to ? String.valueOf(from) : from + "-" + to) + " from " + source;
  }

  private static IngressState state(Ec2Port.SecurityGroup g, Ec2Port.Permission p) {
    return new IngressState(Value.of(g.id()), p.protocol(), p.fromPort(), p.toPort(), p.cidr(),
        Value.of(p.sourceGroupId()), p.description(), g.name());
  }

  @Override
  public Optional<Actual<IngressState, IngressState.Outputs>> read(ReadPorts cloud, Scope scope, String name,
      IngressState desired) {
    if (!desired.groupId().isKnown() || !desired.sourceGroupId().isKnown()) {
      return Optional.empty();
    }
    String groupId = desired.groupId().get();
    // The group's name comes with the desired rule: read that one group, not the whole VPC.
    return cloud.ec2().findSecurityGroup(scope.vpcId(), desired.groupName()).filter(g -> g.id().equals(groupId))
        .flatMap(g -> g.ingress().stream().filter(r -> matches(r.permission(), desired)).findFirst()
            .map(r -> new Actual<>(handle(name).id(), state(g, r.permission()),
                new IngressState.Outputs(r.id(), g.id()), scope.owns(g.tags()))));
  }

  private static boolean matches(Ec2Port.Permission p, IngressState s) {
    return p.protocol().equals(s.protocol()) && p.fromPort() == s.fromPort() && p.toPort() == s.toPort()
        && Objects.equals(p.cidr(), s.cidr()) && Objects.equals(p.sourceGroupId(), s.sourceGroupId().get());
  }

  @Override
  public List<Actual<IngressState, IngressState.Outputs>> owned(ReadPorts cloud, Scope scope) {
    List<Ec2Port.SecurityGroup> groups = cloud.ec2().listSecurityGroups(scope.vpcId());
    Map<String, String> names = new HashMap<>();
    groups.forEach(g -> names.put(g.id(), g.name()));
    List<Actual<IngressState, IngressState.Outputs>> out = new ArrayList<>();
    for (Ec2Port.SecurityGroup g : groups) {
      if (!scope.owns(g.tags())) {
        continue;
      }
      for (Ec2Port.Rule r : g.ingress()) {
        Ec2Port.Permission p = r.permission();
        String source = p.cidr() != null ? p.cidr() : names.getOrDefault(p.sourceGroupId(), p.sourceGroupId());
        out.add(new Actual<>(handle(id(g.name(), p.protocol(), p.fromPort(), p.toPort(), source)).id(), state(g, p),
            new IngressState.Outputs(r.id(), g.id()), true));
      }
    }
    return out;
  }

  @Override
  public IngressState.Outputs create(Ports cloud, String name, IngressState s, WriteContext context) {
    String groupId = s.groupId().get();
    String ruleId = cloud.ec2().authorizeIngress(groupId, new Ec2Port.Permission(s.protocol(), s.fromPort(),
        s.toPort(), s.cidr(), s.sourceGroupId().get(), s.description()));
    return new IngressState.Outputs(ruleId, groupId);
  }

  @Override
  public IngressState.Outputs update(Ports cloud, Actual<IngressState, IngressState.Outputs> actual,
      IngressState s) {
    return actual.outputs();
  }

  @Override
  public void delete(Ports cloud, Actual<IngressState, IngressState.Outputs> actual,
      Optional<IngressState> desired) {
    cloud.ec2().revokeIngress(actual.outputs().groupId(), actual.outputs().id());
  }
}
