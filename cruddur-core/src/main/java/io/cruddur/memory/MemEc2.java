package io.cruddur.memory;

import io.cruddur.port.CloudException;
import io.cruddur.port.Ec2Port;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class MemEc2 implements Ec2Port {
  private final InMemoryCloud c;

  MemEc2(InMemoryCloud c) {
    this.c = c;
  }

  @Override
  public Optional<Vpc> defaultVpc() {
    return c.op("ec2", "DescribeVpcs", "default", false,
        () -> c.state.vpcs.values().stream().filter(Vpc::isDefault).findFirst());
  }

  @Override
  public List<Subnet> subnets(String vpcId) {
    return c.op("ec2", "DescribeSubnets", vpcId, false,
        () -> c.state.subnets.values().stream().filter(s -> s.vpcId().equals(vpcId)).toList());
  }

  @Override
  public List<Subnet> defaultSubnets() {
    return c.op("ec2", "DescribeSubnets", "default-for-az", false,
        () -> c.state.subnets.values().stream().filter(Subnet::defaultForAz).toList());
  }

  @Override
  public SecurityGroup createSecurityGroup(String name, String description, String vpcId, Map<String, String> tags) {
    return c.op("ec2", "CreateSecurityGroup", name, true, () -> {
      if (!c.state.vpcs.containsKey(vpcId)) {
        throw new CloudException.NotFound("InvalidVpcID.NotFound: " + vpcId);
      }
      if (c.state.securityGroups.values().stream().anyMatch(g -> g.vpcId().equals(vpcId) && g.name().equals(name))) {
        throw new CloudException.Conflict("InvalidGroup.Duplicate: security group " + name + " exists in " + vpcId);
      }
      String id = "sg-" + c.nextId("sg", vpcId + "/" + name, 17);
      SecurityGroup g = new SecurityGroup(id, name, description, vpcId, List.of(), InMemoryCloud.copy(tags));
      c.state.securityGroups.put(id, g);
      c.state.securityGroupsCreatedAt.put(id, c.now());
      return g;
    });
  }

  @Override
  public Optional<SecurityGroup> findSecurityGroup(String vpcId, String name) {
    return c.op("ec2", "DescribeSecurityGroups", name, false, () -> c.state.securityGroups.values().stream()
        .filter(g -> g.vpcId().equals(vpcId) && g.name().equals(name)).filter(this::visible).findFirst());
  }

  @Override
  public List<SecurityGroup> listSecurityGroups(String vpcId) {
    return c.op("ec2", "DescribeSecurityGroups", vpcId, false,
        () -> c.state.securityGroups.values().stream().filter(g -> g.vpcId().equals(vpcId)).filter(this::visible)
            .toList());
  }

  /** EC2 is eventually consistent: a new group is described only a moment after its creation. */
  private boolean visible(SecurityGroup g) {
    long created = c.state.securityGroupsCreatedAt.getOrDefault(g.id(), 0L);
    return c.now() >= created + c.settings.ec2Visibility().toMillis();
  }

  /** Network interfaces of what used {@code groupIds} hold them for a while after it is gone (now). */
  void hold(List<String> groupIds) {
    hold(groupIds, c.now());
  }

  /** Network interfaces of what used {@code groupIds} hold them for a while after it went, at {@code goneAt}. */
  void hold(List<String> groupIds, long goneAt) {
    long until = goneAt + c.settings.networkInterfaceRelease().toMillis();
    groupIds.forEach(id -> c.state.heldSecurityGroups.merge(id, until, Math::max));
  }

  @Override
  public String authorizeIngress(String groupId, Permission p) {
    return c.op("ec2", "AuthorizeSecurityGroupIngress", groupId, true, () -> {
      SecurityGroup g = require(groupId);
      if (!visible(g)) {
        // EC2 docs, "Eventual consistency": a call right after the create may not find the new group yet.
        throw new CloudException.NotYetConsistent("InvalidGroup.NotFound: the security group '" + groupId
            + "' does not exist (yet)");
      }
      if ((p.cidr() == null) == (p.sourceGroupId() == null)) {
        throw new CloudException.Invalid("InvalidParameterCombination: one of cidr or source group");
      }
      if (p.sourceGroupId() != null) {
        require(p.sourceGroupId());
      }
      boolean duplicate = g.ingress().stream().anyMatch(r -> same(r.permission(), p));
      if (duplicate) {
        throw new CloudException.Conflict("InvalidPermission.Duplicate: the rule exists in " + groupId);
      }
      String ruleId = "sgr-" + c.nextId("sgr", groupId + "/" + p, 17);
      List<Rule> rules = new ArrayList<>(g.ingress());
      rules.add(new Rule(ruleId, p));
      // A canonical order, whatever order parallel callers added them in.
      rules.sort(java.util.Comparator.comparing((Rule r) -> r.permission().protocol())
          .thenComparingInt(r -> r.permission().fromPort()).thenComparingInt(r -> r.permission().toPort())
          .thenComparing(r -> String.valueOf(r.permission().cidr()))
          .thenComparing(r -> String.valueOf(r.permission().sourceGroupId())));
      c.state.securityGroups.put(groupId, new SecurityGroup(g.id(), g.name(), g.description(), g.vpcId(),
          List.copyOf(rules), g.tags()));
      return ruleId;
    });
  }

  private static boolean same(Permission a, Permission b) {
    return a.protocol().equals(b.protocol()) && a.fromPort() == b.fromPort() && a.toPort() == b.toPort()
        && java.util.Objects.equals(a.cidr(), b.cidr())
        && java.util.Objects.equals(a.sourceGroupId(), b.sourceGroupId());
  }

  @Override
  public void revokeIngress(String groupId, String ruleId) {
    c.opv("ec2", "RevokeSecurityGroupIngress", groupId + " " + ruleId, () -> {
      SecurityGroup g = require(groupId);
      List<Rule> rules = new ArrayList<>(g.ingress());
      if (!rules.removeIf(r -> r.id().equals(ruleId))) {
        throw new CloudException.NotFound("InvalidSecurityGroupRuleId.NotFound: " + ruleId);
      }
      c.state.securityGroups.put(groupId, new SecurityGroup(g.id(), g.name(), g.description(), g.vpcId(),
          List.copyOf(rules), g.tags()));
    });
  }

  @Override
  public void deleteSecurityGroup(String groupId) {
    c.opv("ec2", "DeleteSecurityGroup", groupId, () -> {
      SecurityGroup g = require(groupId);
      boolean referenced = c.state.securityGroups.values().stream().filter(o -> !o.id().equals(groupId))
          .flatMap(o -> o.ingress().stream()).anyMatch(r -> groupId.equals(r.permission().sourceGroupId()));
      // A service that has drained by now lets go of its tasks' network interfaces (they are then held a while).
      ((MemEcs) c.ecs()).refreshServices();
      boolean attached = c.state.loadBalancers.values().stream()
          .anyMatch(lb -> lb.loadBalancer().securityGroups().contains(groupId))
          || c.state.services.values().stream().anyMatch(s -> s.status().equals("ACTIVE")
              && s.spec().securityGroups().contains(groupId));
      boolean draining = c.state.services.values().stream().anyMatch(s -> s.status().equals("DRAINING")
          && s.spec().securityGroups().contains(groupId));
      boolean held = c.state.heldSecurityGroups.getOrDefault(groupId, 0L) > c.now();
      if (referenced || attached || draining || held) {
        // Held by the interfaces of something deleted (or draining): that clears by itself; the rest does not.
        throw new CloudException.InUse("DependencyViolation: resource " + groupId + " has a dependent object ("
            + g.name() + (referenced ? " is referenced by another group)" : " is in use by a network interface)"),
            !referenced && !attached);
      }
      c.state.heldSecurityGroups.remove(groupId);
      c.state.securityGroupsCreatedAt.remove(groupId);
      c.state.securityGroups.remove(groupId);
    });
  }

  SecurityGroup require(String groupId) {
    SecurityGroup g = c.state.securityGroups.get(groupId);
    if (g == null) {
      throw new CloudException.NotFound("InvalidGroup.NotFound: " + groupId);
    }
    return g;
  }
}
