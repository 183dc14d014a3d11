package io.cruddur.internal.kind;

import io.cruddur.port.ElbPort;
import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.resource.Actual;
import io.cruddur.resource.ListenerState;
import io.cruddur.resource.Scope;
import io.cruddur.resource.Value;
import io.cruddur.resource.WriteContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code elb.listener}, named {@code lb:port}. Owned when its load balancer is owned. */
final class ListenerKind extends BaseKind<ListenerState, ListenerState.Outputs> {
  ListenerKind() {
    super("elb.listener", 3, ListenerState.class, ListenerState.Outputs.class);
  }

  /** The stack-level name of the listener on {@code port} of load balancer {@code lb}. */
  static String id(String lb, int port) {
    return lb + ":" + port;
  }

  static ListenerState.Action action(ElbPort.Action a) {
    return new ListenerState.Action(a.type(), Value.of(a.targetGroupArn()), a.redirectProtocol(), a.redirectPort(),
        a.statusCode(), a.contentType(), a.body());
  }

  static ElbPort.Action action(ListenerState.Action a) {
    return new ElbPort.Action(a.type(), a.targetGroupArn().get(), a.redirectProtocol(), a.redirectPort(),
        a.statusCode(), a.contentType(), a.body());
  }

  private Actual<ListenerState, ListenerState.Outputs> actual(ElbPort.Listener l, String lbName, boolean owned) {
    return new Actual<>(handle(id(lbName, l.port())).id(), new ListenerState(Value.of(l.loadBalancerArn()),
        l.protocol(), l.port(), Value.of(l.certificateArn()), l.sslPolicy(), action(l.defaultAction())),
        new ListenerState.Outputs(l.arn()), owned);
  }

  @Override
  public Optional<Actual<ListenerState, ListenerState.Outputs>> read(ReadPorts cloud, Scope scope, String name,
      ListenerState desired) {
    if (!desired.loadBalancerArn().isKnown()) {
      return Optional.empty();
    }
    String lbName = name.substring(0, name.lastIndexOf(':'));
    boolean owned = cloud.elb().findLoadBalancer(lbName).map(lb -> scope.owns(lb.tags())).orElse(false);
    return cloud.elb().listeners(desired.loadBalancerArn().get()).stream().filter(l -> l.port() == desired.port())
        .findFirst().map(l -> actual(l, lbName, owned));
  }

  @Override
  public List<Actual<ListenerState, ListenerState.Outputs>> owned(ReadPorts cloud, Scope scope) {
    List<Actual<ListenerState, ListenerState.Outputs>> out = new ArrayList<>();
    ElbPort.Inventory elb = ElbReading.inventory(cloud, scope);
    elb.loadBalancers().stream().filter(lb -> scope.owns(lb.tags())).forEach(lb ->
        ElbReading.listeners(cloud, elb, lb.arn()).forEach(l -> out.add(actual(l, lb.name(), true))));
    return out;
  }

  @Override
  public ListenerState.Outputs create(Ports cloud, String name, ListenerState s, WriteContext context) {
    ElbPort.Listener l = cloud.elb().createListener(s.loadBalancerArn().get(), s.protocol(), s.port(),
        s.certificateArn().get(), s.sslPolicy(), action(s.defaultAction()), context.tags());
    return new ListenerState.Outputs(l.arn());
  }

  @Override
  public ListenerState.Outputs update(Ports cloud, Actual<ListenerState, ListenerState.Outputs> actual,
      ListenerState s) {
    cloud.elb().modifyListener(actual.outputs().arn(), s.protocol(), s.port(), s.certificateArn().get(),
        s.sslPolicy(), action(s.defaultAction()));
    return actual.outputs();
  }

  @Override
  public void delete(Ports cloud, Actual<ListenerState, ListenerState.Outputs> actual,
      Optional<ListenerState> desired) {
    cloud.elb().deleteListener(actual.outputs().arn());
  }
}
