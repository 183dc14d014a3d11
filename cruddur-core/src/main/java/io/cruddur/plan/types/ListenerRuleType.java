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
 * {@code elb.listener-rule}: {@code lb:port priority N} -> {listenerArn, priority, hosts, paths, action}. A rule
 * at that priority that this stack does not own is reported by the planner, never overwritten.
 */
final class ListenerRuleType implements ResourceType {
  @Override
  public String name() {
    return "elb.listener-rule";
  }

  @Override
  public int layer() {
    return 4;
  }

  static String id(String listenerId, int priority) {
    return listenerId + " priority " + priority;
  }

  private Actual actual(ElbPort.Rule r, String listenerId, String stack) {
    return P.actual(this, id(listenerId, r.priority()), P.props("listenerArn", r.listenerArn(),
        "priority", r.priority(), "hosts", r.hosts(), "paths", r.paths(), "action", ListenerType.action(r.action())),
        P.attrs("arn", r.arn()), P.owns(r.tags(), stack));
  }

  @Override
  public Optional<Actual> read(Cloud cloud, Scope scope, ResourceId id, Map<String, Object> props) {
    Object listenerArn = props.get("listenerArn");
    if (listenerArn == Unknown.VALUE) {
      return Optional.empty();
    }
    String listenerId = id.name().substring(0, id.name().indexOf(" priority "));
    return cloud.elb().rules(listenerArn.toString()).stream()
        .filter(r -> r.priority() == P.integer(props, "priority")).findFirst()
        .map(r -> actual(r, listenerId, scope.stack()));
  }

  @Override
  public List<Actual> owned(Cloud cloud, Scope scope) {
    List<Actual> out = new ArrayList<>();
    cloud.elb().listLoadBalancers().stream().filter(lb -> P.owns(lb.tags(), scope.stack())).forEach(lb ->
        cloud.elb().listeners(lb.arn()).forEach(l -> cloud.elb().rules(l.arn()).stream()
            .filter(r -> P.owns(r.tags(), scope.stack()))
            .forEach(r -> out.add(actual(r, lb.name() + ":" + l.port(), scope.stack())))));
    return out;
  }

  @Override
  public Map<String, String> create(Cloud cloud, ResourceId id, Map<String, Object> p, Map<String, String> tags) {
    ElbPort.Rule r = cloud.elb().createRule(P.str(p, "listenerArn"), P.integer(p, "priority"), P.list(p, "hosts"),
        P.list(p, "paths"), ListenerType.action(P.map(p, "action")), tags);
    return P.attrs("arn", r.arn());
  }

  @Override
  public Map<String, String> update(Cloud cloud, Actual actual, Map<String, Object> p, Set<String> changed) {
    cloud.elb().modifyRule(actual.attributes().get("arn"), P.list(p, "hosts"), P.list(p, "paths"),
        ListenerType.action(P.map(p, "action")));
    return actual.attributes();
  }

  @Override
  public void delete(Cloud cloud, Actual actual, Desired desired) {
    cloud.elb().deleteRule(actual.attributes().get("arn"));
  }

  @Override
  public Set<String> replaceOn() {
    return Set.of("listenerArn");
  }
}
