package io.cruddur.plan.types;

import io.cruddur.plan.Actual;
import io.cruddur.plan.Desired;
import io.cruddur.plan.ResourceId;
import io.cruddur.plan.ResourceType;
import io.cruddur.port.Cloud;
import io.cruddur.port.ElbPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code elb.target-group}: name -> {name, protocol, port, vpcId, targetType, healthCheck, deregistrationDelay}.
 * The name carries a hash of what cannot change, so such a change makes a new group and the old one is deleted
 * after nothing forwards to it.
 */
final class TargetGroupType implements ResourceType {
  @Override
  public String name() {
    return "elb.target-group";
  }

  @Override
  public int layer() {
    return 1;
  }

  static Map<String, Object> healthCheck(ElbPort.HealthCheck h) {
    return P.props("path", h.path(), "intervalSeconds", h.intervalSeconds(), "timeoutSeconds", h.timeoutSeconds(),
        "healthyThreshold", h.healthyThreshold(), "unhealthyThreshold", h.unhealthyThreshold(),
        "matcher", h.matcher());
  }

  static ElbPort.HealthCheck healthCheck(Map<String, Object> m) {
    return new ElbPort.HealthCheck(P.str(m, "path"), P.integer(m, "intervalSeconds"), P.integer(m, "timeoutSeconds"),
        P.integer(m, "healthyThreshold"), P.integer(m, "unhealthyThreshold"), P.str(m, "matcher"));
  }

  private Actual actual(ElbPort.TargetGroup t, String stack) {
    return P.actual(this, t.name(), P.props("name", t.name(), "protocol", t.protocol(), "port", t.port(),
        "vpcId", t.vpcId(), "targetType", t.targetType(), "healthCheck", healthCheck(t.healthCheck()),
        "deregistrationDelaySeconds", t.deregistrationDelaySeconds()), P.attrs("arn", t.arn()),
        P.owns(t.tags(), stack));
  }

  @Override
  public Optional<Actual> read(Cloud cloud, Scope scope, ResourceId id, Map<String, Object> props) {
    return cloud.elb().findTargetGroup(id.name()).map(t -> actual(t, scope.stack()));
  }

  @Override
  public List<Actual> owned(Cloud cloud, Scope scope) {
    return cloud.elb().listTargetGroups().stream().filter(t -> P.owns(t.tags(), scope.stack()))
        .map(t -> actual(t, scope.stack())).toList();
  }

  @Override
  public Map<String, String> create(Cloud cloud, ResourceId id, Map<String, Object> p, Map<String, String> tags) {
    ElbPort.TargetGroup t = cloud.elb().createTargetGroup(P.str(p, "name"), P.str(p, "protocol"),
        P.integer(p, "port"), P.str(p, "vpcId"), P.str(p, "targetType"), healthCheck(P.map(p, "healthCheck")),
        P.integer(p, "deregistrationDelaySeconds"), tags);
    if (t.deregistrationDelaySeconds() != P.integer(p, "deregistrationDelaySeconds")) {
      cloud.elb().modifyTargetGroup(t.arn(), t.healthCheck(), P.integer(p, "deregistrationDelaySeconds"));
    }
    return P.attrs("arn", t.arn());
  }

  @Override
  public Map<String, String> update(Cloud cloud, Actual actual, Map<String, Object> p, Set<String> changed) {
    cloud.elb().modifyTargetGroup(actual.attributes().get("arn"), healthCheck(P.map(p, "healthCheck")),
        P.integer(p, "deregistrationDelaySeconds"));
    return actual.attributes();
  }

  @Override
  public void delete(Cloud cloud, Actual actual, Desired desired) {
    cloud.elb().deleteTargetGroup(actual.attributes().get("arn"));
  }

  @Override
  public Set<String> replaceOn() {
    return Set.of("name", "protocol", "port", "vpcId", "targetType");
  }
}
