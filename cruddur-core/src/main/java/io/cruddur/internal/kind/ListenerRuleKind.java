package io.cruddur.internal.kind;

import io.cruddur.port.CloudException;
import io.cruddur.port.ElbPort;
import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.resource.Actual;
import io.cruddur.resource.ListenerRuleState;
import io.cruddur.resource.Scope;
import io.cruddur.resource.Value;
import io.cruddur.resource.WriteContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code elb.listener-rule}, named {@code lb:port priority N}. A rule at that priority that this stack does not own
 * is reported by the planner, never overwritten.
 */
final class ListenerRuleKind extends BaseKind<ListenerRuleState, ListenerRuleState.Outputs> {
  private static final String PRIORITY = " priority ";

  ListenerRuleKind() {
    super("elb.listener-rule", 4, ListenerRuleState.class, ListenerRuleState.Outputs.class);
  }

  /** The stack-level name of the rule at {@code priority} of the listener named {@code listenerId}. */
  static String id(String listenerId, int priority) {
    return listenerId + PRIORITY + priority;
  }

  private Actual<ListenerRuleState, ListenerRuleState.Outputs> actual(ElbPort.Rule r, String listenerId,
      Scope scope) {
    return new Actual<>(handle(id(listenerId, r.priority())).id(), new ListenerRuleState(Value.of(r.listenerArn()),
        r.priority(), r.hosts(), r.paths(), ListenerKind.action(r.action())), new ListenerRuleState.Outputs(r.arn()),
        scope.owns(r.tags()));
  }

  @Override
  public Optional<Actual<ListenerRuleState, ListenerRuleState.Outputs>> read(ReadPorts cloud, Scope scope,
      String name, ListenerRuleState desired) {
    if (!desired.listenerArn().isKnown()) {
      return Optional.empty();
    }
    String listenerId = name.substring(0, name.indexOf(PRIORITY));
    return cloud.elb().rules(desired.listenerArn().get()).stream().filter(r -> r.priority() == desired.priority())
        .findFirst().map(r -> actual(r, listenerId, scope));
  }

  @Override
  public List<Actual<ListenerRuleState, ListenerRuleState.Outputs>> owned(ReadPorts cloud, Scope scope) {
    List<Actual<ListenerRuleState, ListenerRuleState.Outputs>> out = new ArrayList<>();
    // Its own load balancers, and those it shares (where other stacks' rules are left alone): the ones its spec
    // names, and the ones its own target groups are attached to, so that rules left on a load balancer the spec no
    // longer names are found too.
    ElbPort.Inventory elb = ElbReading.inventory(cloud, scope);
    java.util.Set<String> attached = attachedLoadBalancers(elb, scope);
    elb.loadBalancers().stream()
        .filter(lb -> scope.owns(lb.tags()) || scope.sharedLoadBalancers().contains(lb.name())
            || attached.contains(lb.arn())).forEach(lb ->
        ElbReading.listeners(cloud, elb, lb.arn()).forEach(l -> ElbReading.rules(cloud, elb, l.arn()).stream()
            .filter(r -> scope.owns(r.tags()))
            .forEach(r -> out.add(actual(r, ListenerKind.id(lb.name(), l.port()), scope)))));
    return out;
  }

  /** The load balancers that forward to a target group of the stack: where its rules are. */
  static java.util.Set<String> attachedLoadBalancers(ElbPort.Inventory elb, Scope scope) {
    java.util.Set<String> arns = new java.util.HashSet<>();
    elb.targetGroups().stream().filter(tg -> scope.owns(tg.tags()))
        .forEach(tg -> arns.addAll(tg.loadBalancerArns()));
    return arns;
  }

  @Override
  public ListenerRuleState.Outputs create(Ports cloud, String name, ListenerRuleState s, WriteContext context) {
    ElbPort.Rule r;
    try {
      r = cloud.elb().createRule(s.listenerArn().get(), s.priority(), s.hosts(), s.paths(),
          ListenerKind.action(s.action()), context.tags());
    } catch (CloudException.Conflict e) {
      // Planned free, taken since: another stack that shares the listener got there first. Planning again picks
      // the next free priority.
      throw new CloudException.Conflict("priority " + s.priority() + " of " + name.substring(0,
          name.indexOf(PRIORITY)) + " was taken after the plan was made (by another stack sharing the listener?); "
          + "apply again to pick a free one (" + e.getMessage() + ")", e);
    }
    return new ListenerRuleState.Outputs(r.arn());
  }

  @Override
  public ListenerRuleState.Outputs update(Ports cloud, Actual<ListenerRuleState, ListenerRuleState.Outputs> actual,
      ListenerRuleState s) {
    cloud.elb().modifyRule(actual.outputs().arn(), s.hosts(), s.paths(), ListenerKind.action(s.action()));
    return actual.outputs();
  }

  @Override
  public void delete(Ports cloud, Actual<ListenerRuleState, ListenerRuleState.Outputs> actual,
      Optional<ListenerRuleState> desired) {
    cloud.elb().deleteRule(actual.outputs().arn());
  }
}
