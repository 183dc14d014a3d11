package io.cruddur.plan.types;

import io.cruddur.plan.Actual;
import io.cruddur.plan.Desired;
import io.cruddur.plan.ResourceId;
import io.cruddur.plan.ResourceType;
import io.cruddur.plan.Waiter;
import io.cruddur.port.Cloud;
import io.cruddur.port.CloudException;
import io.cruddur.port.ElbPort;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code elb.load-balancer}: name -> {name, scheme, subnets, securityGroups}. Waits until active. */
final class LoadBalancerType implements ResourceType {
  @Override
  public String name() {
    return "elb.load-balancer";
  }

  @Override
  public int layer() {
    return 1;
  }

  private static Map<String, String> attrs(ElbPort.LoadBalancer lb) {
    return P.attrs("arn", lb.arn(), "name", lb.name(), "dnsName", lb.dnsName(),
        "canonicalHostedZoneId", lb.canonicalHostedZoneId(), "state", lb.state());
  }

  private Actual actual(ElbPort.LoadBalancer lb, String stack) {
    return P.actual(this, lb.name(), P.props("name", lb.name(), "scheme", lb.scheme(),
        "subnets", P.sorted(lb.subnets(), String::compareTo), "securityGroups", lb.securityGroups()), attrs(lb), P.owns(lb.tags(), stack));
  }

  @Override
  public Optional<Actual> read(Cloud cloud, Scope scope, ResourceId id, Map<String, Object> props) {
    return cloud.elb().findLoadBalancer(id.name()).map(lb -> actual(lb, scope.stack()));
  }

  @Override
  public List<Actual> owned(Cloud cloud, Scope scope) {
    return cloud.elb().listLoadBalancers().stream().filter(lb -> P.owns(lb.tags(), scope.stack()))
        .map(lb -> actual(lb, scope.stack())).toList();
  }

  @Override
  public Map<String, String> create(Cloud cloud, ResourceId id, Map<String, Object> p, Map<String, String> tags) {
    ElbPort.LoadBalancer lb = cloud.elb().createLoadBalancer(P.str(p, "name"),
        "internet-facing".equals(P.str(p, "scheme")), P.list(p, "subnets"), P.list(p, "securityGroups"), tags);
    return attrs(lb);
  }

  @Override
  public Map<String, String> update(Cloud cloud, Actual actual, Map<String, Object> p, Set<String> changed) {
    String arn = actual.attributes().get("arn");
    if (changed.contains("securityGroups")) {
      cloud.elb().setSecurityGroups(arn, P.list(p, "securityGroups"));
    }
    if (changed.contains("subnets")) {
      cloud.elb().setSubnets(arn, P.list(p, "subnets"));
    }
    return actual.attributes();
  }

  @Override
  public void delete(Cloud cloud, Actual actual, Desired desired) {
    cloud.elb().deleteLoadBalancer(actual.attributes().get("arn"));
  }

  @Override
  public Set<String> replaceOn() {
    return Set.of("scheme");
  }

  @Override
  public Optional<Waiter> waiter() {
    return Optional.of(Waiter.of("load balancer active", Duration.ofMinutes(10), Duration.ofSeconds(10),
        (cloud, attributes) -> {
      ElbPort.LoadBalancer lb = cloud.elb().findLoadBalancer(attributes.get("name"))
          .orElseThrow(() -> new CloudException.NotFound("load balancer " + attributes.get("name") + " is gone"));
      if (lb.state().equals("failed")) {
        throw new CloudException("load balancer " + lb.name() + " failed to provision");
      }
      return lb.state().equals("active") ? null : "state " + lb.state();
    }));
  }
}
