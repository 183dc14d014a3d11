package io.cruddur.plan.types;

import io.cruddur.plan.Actual;
import io.cruddur.plan.Desired;
import io.cruddur.plan.ResourceId;
import io.cruddur.plan.ResourceType;
import io.cruddur.port.Cloud;
import io.cruddur.port.Ec2Port;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ec2.security-group}: name -> {name, vpcId}. Its rules are {@code ec2.ingress}. The description is set at
 * creation only: EC2 cannot change it, and replacing a group in use is refused.
 */
final class SecurityGroupType implements ResourceType {
  @Override
  public String name() {
    return "ec2.security-group";
  }

  @Override
  public int layer() {
    return 0;
  }

  private Actual actual(Ec2Port.SecurityGroup g, String stack) {
    return P.actual(this, g.name(), P.props("name", g.name(), "vpcId", g.vpcId()),
        P.attrs("id", g.id()), P.owns(g.tags(), stack));
  }

  @Override
  public Optional<Actual> read(Cloud cloud, Scope scope, ResourceId id, Map<String, Object> props) {
    return cloud.ec2().findSecurityGroup(P.str(props, "vpcId"), id.name()).map(g -> actual(g, scope.stack()));
  }

  @Override
  public List<Actual> owned(Cloud cloud, Scope scope) {
    return cloud.ec2().listSecurityGroups(scope.vpcId()).stream().filter(g -> P.owns(g.tags(), scope.stack()))
        .map(g -> actual(g, scope.stack())).toList();
  }

  @Override
  public Map<String, String> create(Cloud cloud, ResourceId id, Map<String, Object> p, Map<String, String> tags) {
    Ec2Port.SecurityGroup g = cloud.ec2().createSecurityGroup(P.str(p, "name"), P.str(p, "_description"),
        P.str(p, "vpcId"), tags);
    return P.attrs("id", g.id());
  }

  @Override
  public Map<String, String> update(Cloud cloud, Actual actual, Map<String, Object> p, Set<String> changed) {
    return actual.attributes();
  }

  @Override
  public void delete(Cloud cloud, Actual actual, Desired desired) {
    cloud.ec2().deleteSecurityGroup(actual.attributes().get("id"));
  }

  @Override
  public Set<String> replaceOn() {
    return Set.of("vpcId");
  }
}
