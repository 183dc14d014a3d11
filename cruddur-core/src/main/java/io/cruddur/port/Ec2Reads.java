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

  Optional<Ec2Port.SecurityGroup> findSecurityGroup(String vpcId, String name);

  List<Ec2Port.SecurityGroup> listSecurityGroups(String vpcId);
}
