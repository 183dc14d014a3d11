package io.cruddur.internal.blueprint;

import io.cruddur.resource.HostedZoneState;
import io.cruddur.resource.Kind;
import io.cruddur.resource.Node;
import io.cruddur.resource.ResourceId;
import io.cruddur.resource.Scope;
import io.cruddur.internal.kind.Kinds;
import io.cruddur.spec.Domain;
import io.cruddur.spec.LoadBalancer;
import io.cruddur.spec.Stack;
import java.util.List;
import java.util.Optional;

/**
 * Turns a stack into the resources it needs: the desired graph. Pure: the same stack and environment give the same
 * graph. One contributor per concern, each reading the spec and the handles of the ones before it: ECS foundation
 * (repositories, logs, cluster), IAM, network, DNS and certificate, edge (load balancer), DNS aliases, task
 * definitions and services, then auto scaling.
 */
public final class Blueprint {
  private Blueprint() {}

  /** The desired resources and waits of {@code stack}. */
  public static List<Node> of(Stack stack, Environment env) {
    Graph graph = new Graph();
    var base = EcsContributor.base(stack, graph);
    var roles = IamContributor.contribute(stack, env, graph);
    var network = NetworkContributor.contribute(stack, env, graph);
    var dns = stack.domain().map(d -> DnsContributor.contribute(d, graph));
    var edge = stack.loadBalancer().map(lb -> EdgeContributor.contribute(stack, lb, env, network, dns, graph));
    edge.ifPresent(e -> stack.domain().ifPresent(d ->
        DnsContributor.aliases(stack, d, dns.orElseThrow(), e.loadBalancer(), graph)));
    var services = EcsContributor.services(stack, env, base, roles, network, edge, graph);
    AutoScalingContributor.contribute(stack, services, edge, graph);
    return graph.nodes();
  }

  /** Every kind a stack may own, lower layers first: what the planner lists to find what to delete. */
  public static List<Kind<?, ?>> kinds() {
    return Kinds.ALL;
  }

  /** What the planner tells the kinds about the stack when they read the cloud. */
  public static Scope scope(Stack stack, String vpcId) {
    List<String> zones = stack.domain().map(d -> List.of(HostedZoneState.fqdn(d.name()))).orElse(List.of());
    List<String> shared = stack.loadBalancer().filter(LoadBalancer::existing).map(lb -> List.of(lb.name()))
        .orElse(List.of());
    List<String> named = stack.loadBalancer().map(lb -> List.of(lb.name())).orElse(List.of());
    return new Scope(stack.name(), vpcId, List.of(stack.cluster().name()), zones, shared, named);
  }

  /**
   * The ports of the listeners that carry the stack's route rules: HTTPS:443 when it has a domain, and HTTP:80 when
   * that is not a redirect (a shared load balancer's HTTP:80 only when the stack has no domain).
   */
  public static List<Integer> rulePorts(Stack stack) {
    return stack.loadBalancer().map(lb -> {
      boolean domain = stack.domain().isPresent();
      if (lb.existing() || !domain) {
        return List.of(domain ? 443 : 80);
      }
      return lb.redirectHttpToHttps() ? List.of(443) : List.of(80, 443);
    }).orElse(List.of());
  }

  /** The load balancer the stack creates, if it creates one (not one it shares). */
  public static Optional<ResourceId> createdLoadBalancer(Stack stack) {
    return stack.loadBalancer().filter(lb -> !lb.existing()).map(lb -> Kinds.LOAD_BALANCER.handle(lb.name()).id());
  }

  /** The hosted zone the stack creates, if it creates one. */
  public static Optional<ResourceId> createdZone(Stack stack) {
    return stack.domain().filter(Domain::createZone).map(d -> Kinds.HOSTED_ZONE.handle(d.name()).id());
  }

  /** The service {@code name} of {@code stack}. */
  public static ResourceId service(Stack stack, String name) {
    return Kinds.SERVICE.handle(Kinds.Names.service(stack.cluster().name(), name)).id();
  }
}
