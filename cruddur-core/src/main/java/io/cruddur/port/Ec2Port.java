package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The VPC side: default VPC discovery and security groups. */
public interface Ec2Port extends Ec2Reads {
  record Vpc(String id, String cidr, boolean isDefault) {}

  record Subnet(String id, String vpcId, String availabilityZone, String cidr, boolean defaultForAz) {}

  /** {@code cidr} or {@code sourceGroupId} is set, never both. */
  record Permission(String protocol, int fromPort, int toPort, String cidr, String sourceGroupId,
      String description) {}

  record Rule(String id, Permission permission) {}

  record SecurityGroup(String id, String name, String description, String vpcId, List<Rule> ingress,
      Map<String, String> tags) {}

  /** @throws CloudException.Conflict if a group of that name exists in the VPC */
  SecurityGroup createSecurityGroup(String name, String description, String vpcId, Map<String, String> tags);

  /** Returns the new rule's id. @throws CloudException.Conflict if the same permission exists */
  String authorizeIngress(String groupId, Permission permission);

  void revokeIngress(String groupId, String ruleId);

  /** @throws CloudException.InUse while another group references it or something attached uses it */
  void deleteSecurityGroup(String groupId);
}
