package io.cruddur.plan.types;

import io.cruddur.plan.Actual;
import io.cruddur.plan.Desired;
import io.cruddur.plan.ResourceId;
import io.cruddur.plan.ResourceType;
import io.cruddur.plan.Unknown;
import io.cruddur.port.Cloud;
import io.cruddur.port.ElbPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code elb.listener}: {@code lb:port} -> {loadBalancerArn, protocol, port, certificateArn, sslPolicy,
 * defaultAction}. Owned when its load balancer is owned.
 */
final class ListenerType implements ResourceType {
  @Override
  public String name() {
    return "elb.listener";
  }

  @Override
  public int layer() {
    return 3;
  }

  static Map<String, Object> action(ElbPort.Action a) {
    return P.props("type", a.type(), "targetGroupArn", a.targetGroupArn(), "redirectProtocol",
        a.redirectProtocol(), "redirectPort", a.redirectPort(), "statusCode", a.statusCode(),
        "contentType", a.contentType(), "body", a.body());
  }

  static ElbPort.Action action(Map<String, Object> m) {
    return new ElbPort.Action(P.str(m, "type"), P.str(m, "targetGroupArn"), P.str(m, "redirectProtocol"),
        P.str(m, "redirectPort"), P.str(m, "statusCode"), P.str(m, "contentType"), P.str(m, "body"));
  }

  private Actual actual(ElbPort.Listener l, String lbName, boolean owned) {
    return P.actual(this, lbName + ":" + l.port(), P.props("loadBalancerArn", l.loadBalancerArn(),
        "protocol", l.protocol(), "port", l.port(), "certificateArn", l.certificateArn(), "sslPolicy", l.sslPolicy(),
        "defaultAction", action(l.defaultAction())), P.attrs("arn", l.arn()), owned);
  }

  @Override
  public Optional<Actual> read(Cloud cloud, Scope scope, ResourceId id, Map<String, Object> props) {
    Object lbArn = props.get("loadBalancerArn");
    if (lbArn == Unknown.VALUE) {
      return Optional.empty();
    }
    String lbName = id.name().substring(0, id.name().lastIndexOf(':'));
    boolean owned = cloud.elb().findLoadBalancer(lbName).map(lb -> P.owns(lb.tags(), scope.stack())).orElse(false);
    return cloud.elb().listeners(lbArn.toString()).stream().filter(l -> l.port() == P.integer(props, "port"))
        .findFirst().map(l -> actual(l, lbName, owned));
  }

  @Override
  public List<Actual> owned(Cloud cloud, Scope scope) {
    List<Actual> out = new ArrayList<>();
    cloud.elb().listLoadBalancers().stream().filter(lb -> P.owns(lb.tags(), scope.stack())).forEach(lb ->
        cloud.elb().listeners(lb.arn()).forEach(l -> out.add(actual(l, lb.name(), true))));
    return out;
  }

  @Override
  public Map<String, String> create(Cloud cloud, ResourceId id, Map<String, Object> p, Map<String, String> tags) {
    ElbPort.Listener l = cloud.elb().createListener(P.str(p, "loadBalancerArn"), P.str(p, "protocol"),
        P.integer(p, "port"), P.str(p, "certificateArn"), P.str(p, "sslPolicy"), action(P.map(p, "defaultAction")),
        tags);
    return P.attrs("arn", l.arn());
  }

  @Override
  public Map<String, String> update(Cloud cloud, Actual actual, Map<String, Object> p, Set<String> changed) {
    cloud.elb().modifyListener(actual.attributes().get("arn"), P.str(p, "protocol"), P.integer(p, "port"),
        P.str(p, "certificateArn"), P.str(p, "sslPolicy"), action(P.map(p, "defaultAction")));
    return actual.attributes();
  }

  @Override
  public void delete(Cloud cloud, Actual actual, Desired desired) {
    cloud.elb().deleteListener(actual.attributes().get("arn"));
  }

  @Override
  public Set<String> replaceOn() {
    return Set.of("loadBalancerArn");
  }
}
