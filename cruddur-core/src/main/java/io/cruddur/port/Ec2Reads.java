package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads of {@link Ec2Port}: what planning may call. A view of this type can only read, so a plan cannot
 * change anything by construction.
 */
public interface Ec2Reads {
  Optional<Ec2Port.Vpc> defaultVpc();

  List<Ec2Port.Subnet> subnets(String vpcId);

  /**
   * The default subnets of the region (one per availability zone, all in the default VPC), or none: without a
   * default VPC, or with its default subnets deleted. By default read through {@link #defaultVpc()}; an adapter may
   * read them in one call (AWS: DescribeSubnets filtered on default-for-az).
   */
  default List<Ec2Port.Subnet> defaultSubnets() {
    return defaultVpc().map(v -> subnets(v.id()).stream().filter(Ec2Port.Subnet::defaultForAz).toList())
        .orElse(List.of());
  }

  Optional<Ec2Port.SecurityGroup> findSecurityGroup(String vpcId, String name);

  List<Ec2Port.SecurityGroup> listSecurityGroups(String vpcId);
}
