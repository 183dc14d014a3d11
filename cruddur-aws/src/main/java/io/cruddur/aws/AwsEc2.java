package io.cruddur.aws;

import io.cruddur.port.CloudException;
import io.cruddur.port.Ec2Port;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

final class AwsEc2 implements Ec2Port {
  private final Supplier<Ec2Client> ec2;
  private final Calls calls;

  AwsEc2(Supplier<Ec2Client> ec2, Calls calls) {
    this.ec2 = ec2;
    this.calls = calls;
  }

  private static Filter filter(String name, String value) {
    return Filter.builder().name(name).values(value).build();
  }

  @Override
  public Optional<Vpc> defaultVpc() {
    return calls.read("ec2:DescribeVpcs", () -> ec2.get().describeVpcs(b -> b.filters(filter("isDefault", "true")))
        .vpcs().stream().findFirst().map(v -> new Vpc(v.vpcId(), v.cidrBlock(), Boolean.TRUE.equals(v.isDefault()))));
  }

  @Override
  public List<Subnet> subnets(String vpcId) {
    return calls.read("ec2:DescribeSubnets", () -> ec2.get().describeSubnets(b -> b.filters(filter("vpc-id", vpcId)))
        .subnets().stream().map(AwsEc2::subnet).toList());
  }

  @Override
  public List<Subnet> defaultSubnets() {
    return calls.read("ec2:DescribeSubnets", () -> ec2.get().describeSubnetsPaginator(b -> b
        .filters(filter("default-for-az", "true"))).subnets().stream().map(AwsEc2::subnet).toList());
  }

  private static Subnet subnet(software.amazon.awssdk.services.ec2.model.Subnet s) {
    return new Subnet(s.subnetId(), s.vpcId(), s.availabilityZone(), s.cidrBlock(),
        Boolean.TRUE.equals(s.defaultForAz()));
  }

  private List<Rule> ingress(String groupId) {
    return ingress(List.of(groupId)).getOrDefault(groupId, List.of());
  }

  /** The ingress rules of several groups, in one call per 200 groups. */
  private Map<String, List<Rule>> ingress(List<String> groupIds) {
    Map<String, List<Rule>> out = new java.util.HashMap<>();
    for (int i = 0; i < groupIds.size(); i += 200) {
      List<String> batch = groupIds.subList(i, Math.min(groupIds.size(), i + 200));
      calls.read("ec2:DescribeSecurityGroupRules", () -> ec2.get().describeSecurityGroupRulesPaginator(b -> b
          .filters(Filter.builder().name("group-id").values(batch).build())).securityGroupRules().stream()
          .filter(r -> !Boolean.TRUE.equals(r.isEgress())).toList())
          .forEach(r -> out.computeIfAbsent(r.groupId(), k -> new java.util.ArrayList<>()).add(rule(r)));
    }
    return out;
  }

  private static Rule rule(SecurityGroupRule r) {
    String source = r.referencedGroupInfo() == null ? null : r.referencedGroupInfo().groupId();
    return new Rule(r.securityGroupRuleId(), new Permission(r.ipProtocol(), r.fromPort(), r.toPort(),
        r.cidrIpv4(), source, r.description()));
  }

  private SecurityGroup view(software.amazon.awssdk.services.ec2.model.SecurityGroup g, List<Rule> ingress) {
    Map<String, String> tags = g.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a));
    return new SecurityGroup(g.groupId(), g.groupName(), g.description(), g.vpcId(), ingress, tags);
  }

  @Override
  public SecurityGroup createSecurityGroup(String name, String description, String vpcId, Map<String, String> tags) {
    String id = calls.create("ec2:CreateSecurityGroup", () -> ec2.get().createSecurityGroup(b -> b.groupName(name)
        .description(description).vpcId(vpcId).tagSpecifications(t -> t.resourceType(ResourceType.SECURITY_GROUP)
            .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList()))).groupId());
    return new SecurityGroup(id, name, description, vpcId, List.of(), Map.copyOf(tags));
  }

  @Override
  public Optional<SecurityGroup> findSecurityGroup(String vpcId, String name) {
    return calls.read("ec2:DescribeSecurityGroups", () -> ec2.get().describeSecurityGroups(b -> b.filters(
        filter("vpc-id", vpcId), filter("group-name", name))).securityGroups().stream().findFirst())
        .map(g -> view(g, ingress(g.groupId())));
  }

  @Override
  public List<SecurityGroup> listSecurityGroups(String vpcId) {
    var groups = calls.read("ec2:DescribeSecurityGroups", () -> ec2.get().describeSecurityGroupsPaginator(b -> b
        .filters(filter("vpc-id", vpcId))).securityGroups().stream().toList());
    Map<String, List<Rule>> rules = ingress(groups.stream().map(g -> g.groupId()).toList());
    return groups.stream().map(g -> view(g, rules.getOrDefault(g.groupId(), List.of()))).toList();
  }

  @Override
  public String authorizeIngress(String groupId, Permission p) {
    IpPermission.Builder perm = IpPermission.builder().ipProtocol(p.protocol()).fromPort(p.fromPort())
        .toPort(p.toPort());
    if (p.cidr() != null) {
      perm.ipRanges(IpRange.builder().cidrIp(p.cidr()).description(p.description()).build());
    } else {
      perm.userIdGroupPairs(UserIdGroupPair.builder().groupId(p.sourceGroupId()).description(p.description())
          .build());
    }
    // Not repeated blindly after an ambiguous failure: the repeat would be refused as a duplicate. The executor
    // looks the rule up before it tries again.
    var rules = calls.create("ec2:AuthorizeSecurityGroupIngress", () -> ec2.get().authorizeSecurityGroupIngress(b -> b
        .groupId(groupId).ipPermissions(perm.build())).securityGroupRules());
    return rules.stream().findFirst().map(SecurityGroupRule::securityGroupRuleId).orElseGet(() ->
        ingress(groupId).stream().filter(r -> r.permission().fromPort() == p.fromPort()
            && r.permission().toPort() == p.toPort()).map(Rule::id).findFirst()
            .orElseThrow(() -> new CloudException.NotYetConsistent("rule not visible yet in " + groupId)));
  }

  @Override
  public void revokeIngress(String groupId, String ruleId) {
    calls.write("ec2:RevokeSecurityGroupIngress", () -> ec2.get().revokeSecurityGroupIngress(b -> b.groupId(groupId)
        .securityGroupRuleIds(ruleId)));
  }

  @Override
  public void deleteSecurityGroup(String groupId) {
    calls.write("ec2:DeleteSecurityGroup", () -> ec2.get().deleteSecurityGroup(b -> b.groupId(groupId)));
  }
}
