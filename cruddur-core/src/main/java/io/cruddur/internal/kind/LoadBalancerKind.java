package io.cruddur.internal.kind;

import io.cruddur.port.CloudException;
import io.cruddur.port.ElbPort;
import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.resource.Actual;
import io.cruddur.resource.Backoff;
import io.cruddur.resource.LoadBalancerState;
import io.cruddur.resource.Scope;
import io.cruddur.resource.Value;
import io.cruddur.resource.Waiter;
import io.cruddur.resource.WriteContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code elb.load-balancer}, by name; ready once active. */
final class LoadBalancerKind
    extends NamedKind<LoadBalancerState, LoadBalancerState.Outputs, ElbPort.LoadBalancer> {
  // Polled to a cap of 10 s: provisioning takes about 3 min (the SDK's waiter polls every 15 s), and nothing but the
  // end of the apply waits for it (listeners may be added while it provisions).
  private static final Waiter<LoadBalancerState.Outputs> ACTIVE = Waiter.of("load balancer active",
      Duration.ofMinutes(10), Backoff.upTo(Duration.ofSeconds(10)), false, (cloud, out) -> {
        ElbPort.LoadBalancer lb = cloud.elb().findLoadBalancer(out.name())
            .orElseThrow(() -> new CloudException.NotFound("load balancer " + out.name() + " is gone"));
        if (lb.state().equals("failed")) {
          throw new CloudException("load balancer " + lb.name() + " failed to provision");
        }
        return lb.state().equals("active") ? null : "state " + lb.state();
      });

  LoadBalancerKind() {
    super("elb.load-balancer", 1, LoadBalancerState.class, LoadBalancerState.Outputs.class);
  }

  private static LoadBalancerState.Outputs outputs(ElbPort.LoadBalancer lb) {
    return new LoadBalancerState.Outputs(lb.arn(), lb.name(), lb.dnsName(), lb.canonicalHostedZoneId(), lb.state(),
        lb.securityGroups());
  }

  @Override
  Actual<LoadBalancerState, LoadBalancerState.Outputs> actual(ElbPort.LoadBalancer lb, boolean owned) {
    return new Actual<>(handle(lb.name()).id(), new LoadBalancerState(lb.name(), lb.scheme(),
        lb.subnets().stream().sorted().toList(), Value.ofAll(lb.securityGroups())), outputs(lb), owned);
  }

  @Override
  Optional<ElbPort.LoadBalancer> find(ReadPorts cloud, Scope scope, String name, LoadBalancerState desired) {
    return cloud.elb().findLoadBalancer(name);
  }

  @Override
  List<ElbPort.LoadBalancer> list(ReadPorts cloud, Scope scope) {
    return ElbReading.inventory(cloud, scope).loadBalancers();
  }

  @Override
  Map<String, String> tags(ElbPort.LoadBalancer lb) {
    return lb.tags();
  }

  @Override
  public LoadBalancerState.Outputs create(Ports cloud, String name, LoadBalancerState s, WriteContext context) {
    return outputs(cloud.elb().createLoadBalancer(s.name(), "internet-facing".equals(s.scheme()), s.subnets(),
        Value.getAll(s.securityGroups()), context.tags()));
  }

  @Override
  public LoadBalancerState.Outputs update(Ports cloud, Actual<LoadBalancerState, LoadBalancerState.Outputs> actual,
      LoadBalancerState s) {
    String arn = actual.outputs().arn();
    if (!actual.state().securityGroups().equals(s.securityGroups())) {
      cloud.elb().setSecurityGroups(arn, Value.getAll(s.securityGroups()));
    }
    if (!actual.state().subnets().equals(s.subnets())) {
      cloud.elb().setSubnets(arn, s.subnets());
    }
    return actual.outputs();
  }

  @Override
  public void delete(Ports cloud, Actual<LoadBalancerState, LoadBalancerState.Outputs> actual,
      Optional<LoadBalancerState> desired) {
    cloud.elb().deleteLoadBalancer(actual.outputs().arn());
  }

  @Override
  public Optional<Waiter<LoadBalancerState.Outputs>> readiness() {
    return Optional.of(ACTIVE);
  }
}
