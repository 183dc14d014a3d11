package io.cruddur.plan.types;

import io.cruddur.plan.Actual;
import io.cruddur.plan.Desired;
import io.cruddur.plan.ResourceId;
import io.cruddur.plan.ResourceType;
import io.cruddur.plan.Unknown;
import io.cruddur.port.Cloud;
import io.cruddur.port.Ec2Port;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ec2.ingress}: one rule of a security group, {@code group tcp:80 from 0.0.0.0/0} ->
 * {groupId, protocol, fromPort, toPort, cidr | sourceGroupId}. Rules cannot be changed in place.
 */
final class IngressType implements ResourceType {
  @Override
  public String name() {
    return "ec2.ingress";
  }

  @Override
  public int layer() {
    return 1;
  }

  static String id(String group, String protocol, int from, int to, String source) {
    return group + " " + protocol + ":" + (from == to ? String.valueOf(from) : from + "-" + to) + " from " + source;
  }

  private static Map<String, Object> props(String groupId, Ec2Port.Permission p) {
    return P.props("groupId", groupId, "protocol", p.protocol(), "fromPort", p.fromPort(), "toPort", p.toPort(),
        "cidr", p.cidr(), "sourceGroupId", p.sourceGroupId());
  }

  @Override
  public Optional<Actual> read(Cloud cloud, Scope scope, ResourceId id, Map<String, Object> props) {
    Object groupId = props.get("groupId");
    if (groupId == Unknown.VALUE || props.get("sourceGroupId") == Unknown.VALUE) {
      return Optional.empty();
    }
    // The group's name comes with the desired rule: read that one group, not the whole VPC.
    Object name = props.get("_group");
    Optional<Ec2Port.SecurityGroup> group = name != null
        ? cloud.ec2().findSecurityGroup(scope.vpcId(), name.toString()).filter(g -> g.id().equals(groupId))
        : cloud.ec2().listSecurityGroups(scope.vpcId()).stream().filter(g -> g.id().equals(groupId)).findFirst();
    return group.flatMap(g -> g.ingress().stream().filter(r -> matches(r.permission(), props)).findFirst()
            .map(r -> P.actual(this, id.name(), props(g.id(), r.permission()), P.attrs("id", r.id(),
                "groupId", g.id()), P.owns(g.tags(), scope.stack()))));
  }

  private static boolean matches(Ec2Port.Permission p, Map<String, Object> props) {
    return p.protocol().equals(props.get("protocol")) && p.fromPort() == P.integer(props, "fromPort")
        && p.toPort() == P.integer(props, "toPort") && Objects.equals(p.cidr(), props.get("cidr"))
        && Objects.equals(p.sourceGroupId(), props.get("sourceGroupId"));
  }

  @Override
  public List<Actual> owned(Cloud cloud, Scope scope) {
    List<Ec2Port.SecurityGroup> groups = cloud.ec2().listSecurityGroups(scope.vpcId());
    Map<String, String> names = new HashMap<>();
    groups.forEach(g -> names.put(g.id(), g.name()));
    List<Actual> out = new ArrayList<>();
    for (Ec2Port.SecurityGroup g : groups) {
      if (!P.owns(g.tags(), scope.stack())) {
        continue;
      }
      for (Ec2Port.Rule r : g.ingress()) {
        Ec2Port.Permission p = r.permission();
        String source = p.cidr() != null ? p.cidr() : names.getOrDefault(p.sourceGroupId(), p.sourceGroupId());
        out.add(P.actual(this, id(g.name(), p.protocol(), p.fromPort(), p.toPort(), source), props(g.id(), p),
            P.attrs("id", r.id(), "groupId", g.id()), true));
      }
    }
    return out;
  }

  @Override
  public Map<String, String> create(Cloud cloud, ResourceId id, Map<String, Object> p, Map<String, String> tags) {
    String groupId = P.str(p, "groupId");
    String ruleId = cloud.ec2().authorizeIngress(groupId, new Ec2Port.Permission(P.str(p, "protocol"),
        P.integer(p, "fromPort"), P.integer(p, "toPort"), P.str(p, "cidr"), P.str(p, "sourceGroupId"),
        P.str(p, "_description")));
    return P.attrs("id", ruleId, "groupId", groupId);
  }

  @Override
  public Map<String, String> update(Cloud cloud, Actual actual, Map<String, Object> p, Set<String> changed) {
    return actual.attributes();
  }

  @Override
  public void delete(Cloud cloud, Actual actual, Desired desired) {
    cloud.ec2().revokeIngress(actual.attributes().get("groupId"), actual.attributes().get("id"));
  }

  @Override
  public Set<String> replaceOn() {
    return Set.of("groupId", "protocol", "fromPort", "toPort", "cidr", "sourceGroupId");
  }
}
