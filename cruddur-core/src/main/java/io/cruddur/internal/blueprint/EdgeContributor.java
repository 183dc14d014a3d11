package io.cruddur.internal.blueprint;

import io.cruddur.port.ElbPort;
import io.cruddur.resource.CertificateState;
import io.cruddur.resource.Handle;
import io.cruddur.resource.IngressState;
import io.cruddur.resource.ListenerCertificateState;
import io.cruddur.resource.ListenerRuleState;
import io.cruddur.resource.ListenerState;
import io.cruddur.resource.LoadBalancerState;
import io.cruddur.resource.NodeId;
import io.cruddur.resource.TargetGroupState;
import io.cruddur.resource.Value;
import io.cruddur.internal.kind.Kinds;
import io.cruddur.spec.LoadBalancer;
import io.cruddur.spec.Route;
import io.cruddur.spec.Service;
import io.cruddur.spec.Stack;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The load balancer and what hangs off it: a target group per routed service, HTTP:80 (a redirect to HTTPS when
 * the stack has a domain and asks for it, else forwarding), HTTPS:443 with the certificate once it is issued, and
 * a rule per route on each listener that serves requests.
 */
final class EdgeContributor {
  /** A routed service's target group, and the listeners and rules that forward to it. */
  record Target(Handle<TargetGroupState, TargetGroupState.Outputs> group, List<NodeId> forwarders) {}

  /** The load balancer and the target of every routed service, by service name. */
  record Edge(Handle<LoadBalancerState, LoadBalancerState.Outputs> loadBalancer, Map<String, Target> targets) {}

  private final Stack s;
  private final Environment env;
  private final Graph graph;
  private final Map<String, Handle<TargetGroupState, TargetGroupState.Outputs>> groups = new LinkedHashMap<>();
  private final Map<String, List<NodeId>> forwarders = new HashMap<>();

  private EdgeContributor(Stack s, Environment env, Graph graph) {
    this.s = s;
    this.env = env;
    this.graph = graph;
  }

  static Edge contribute(Stack s, LoadBalancer lb, Environment env, NetworkContributor.Groups network,
      Optional<DnsContributor.Dns> dns, Graph graph) {
    EdgeContributor c = new EdgeContributor(s, env, graph);
    Handle<LoadBalancerState, LoadBalancerState.Outputs> balancer;
    if (lb.existing()) {
      balancer = graph.lookup(Kinds.LOAD_BALANCER, lb.name(), new LoadBalancerState(lb.name(), "internet-facing",
          List.of(), List.of()));
      c.targetGroups(env);
      c.shared(lb, balancer, network, dns);
    } else {
      balancer = graph.add(Kinds.LOAD_BALANCER, lb.name(), new LoadBalancerState(lb.name(),
          lb.internetFacing() ? "internet-facing" : "internal", env.subnetsOr(lb.subnets()),
          List.of(network.id(lb.securityGroup()))));
      graph.waitFor(balancer, List.of());
      c.targetGroups(env);
      c.listeners(lb, balancer, dns);
    }
    Map<String, Target> targets = new LinkedHashMap<>();
    c.groups.forEach((svc, group) -> targets.put(svc, new Target(group,
        List.copyOf(c.forwarders.getOrDefault(svc, List.of())))));
    return new Edge(balancer, targets);
  }

  private void targetGroups(Environment env) {
    for (Service svc : s.services()) {
      if (svc.isRouted()) {
        var h = svc.healthCheck();
        String name = svc.targetGroupName(s.name());
        groups.put(svc.name(), graph.add(Kinds.TARGET_GROUP, name, new TargetGroupState(name, "HTTP",
            svc.port().orElseThrow(), env.vpcId(), "ip", new ElbPort.HealthCheck(h.path(), h.intervalSeconds(),
                h.timeoutSeconds(), h.healthyThreshold(), h.unhealthyThreshold(), h.matcher()),
            svc.deregistrationDelaySeconds())));
      }
    }
  }

  /**
   * On a load balancer the stack shares: its listener (HTTPS:443 with a domain, else HTTP:80) is looked up, never
   * changed; the stack's certificate is added to it, its rules go on it, and the services admit the load
   * balancer's first security group.
   */
  private void shared(LoadBalancer lb, Handle<LoadBalancerState, LoadBalancerState.Outputs> balancer,
      NetworkContributor.Groups network, Optional<DnsContributor.Dns> dns) {
    int port = dns.isPresent() ? 443 : 80;
    var listener = graph.lookup(Kinds.LISTENER, Kinds.Names.listener(lb.name(), port), new ListenerState(
        balancer.output("arn", LoadBalancerState.Outputs::arn), port == 443 ? "HTTPS" : "HTTP", port, Value.none(),
        null, ListenerState.Action.fixed("404", "text/plain", "Not found")));
    List<NodeId> after = new ArrayList<>();
    dns.ifPresent(d -> after.add(graph.add(Kinds.LISTENER_CERTIFICATE, Kinds.Names.listenerCertificate(
        listener.name(), s.domain().orElseThrow().certificateNames()), new ListenerCertificateState(
        listener.output("arn", ListenerState.Outputs::arn), d.certificate().output("arn",
        CertificateState.Outputs::arn)), List.of(d.issued())).id().node()));
    env.sharedGroups().stream().findFirst().ifPresent(from -> s.services().stream().filter(Service::isRouted)
        .map(svc -> svc.port().orElseThrow()).distinct().sorted().forEach(p -> graph.add(Kinds.INGRESS,
            Kinds.Names.ingress(s.serviceSecurityGroupName(), "tcp", p, p, from.name()), new IngressState(
                network.id(s.serviceSecurityGroupName()), "tcp", p, p, null, Value.of(from.id()),
                "from the load balancer " + lb.name(), s.serviceSecurityGroupName()))));
    rules(List.of(listener), after);
  }

  private ListenerState.Action forward(String service) {
    return ListenerState.Action.forward(groups.get(service).output("arn", TargetGroupState.Outputs::arn));
  }

  private void forwarded(String service, Handle<?, ?> by) {
    forwarders.computeIfAbsent(service, k -> new ArrayList<>()).add(by.id().node());
  }

  private void listeners(LoadBalancer lb, Handle<LoadBalancerState, LoadBalancerState.Outputs> balancer,
      Optional<DnsContributor.Dns> dns) {
    Optional<String> fallbackService = lb.defaultService().filter(groups::containsKey);
    ListenerState.Action fallback = fallbackService.map(this::forward)
        .orElse(ListenerState.Action.fixed("404", "text/plain", "Not found"));
    Value<String> lbArn = balancer.output("arn", LoadBalancerState.Outputs::arn);
    boolean redirect = dns.isPresent() && lb.redirectHttpToHttps();
    List<Handle<ListenerState, ListenerState.Outputs>> serving = new ArrayList<>();
    var http = graph.add(Kinds.LISTENER, Kinds.Names.listener(lb.name(), 80), new ListenerState(lbArn, "HTTP", 80,
        Value.none(), null, redirect ? ListenerState.Action.redirectToHttps() : fallback));
    if (!redirect) {
      serving.add(http);
      fallbackService.ifPresent(f -> forwarded(f, http));
    }
    dns.ifPresent(d -> {
      var https = graph.add(Kinds.LISTENER, Kinds.Names.listener(lb.name(), 443), new ListenerState(lbArn, "HTTPS",
          443, d.certificate().output("arn", CertificateState.Outputs::arn), lb.sslPolicy(), fallback),
          List.of(d.issued()));
      serving.add(https);
      fallbackService.ifPresent(f -> forwarded(f, https));
    });
    rules(serving, List.of());
  }

  /**
   * A rule per route and serving listener, after {@code after}. Explicit priorities are kept. A route that has its
   * rule already keeps its priority, so that no route's rule moves when others come and go; the others take the
   * priority derived from the route, or the next one up that no rule on the listeners holds, whoever owns it.
   */
  private void rules(List<Handle<ListenerState, ListenerState.Outputs>> listeners, List<NodeId> after) {
    record Routed(Service svc, Route route) {}
    List<Routed> routed = new ArrayList<>();
    s.services().forEach(svc -> svc.routes().forEach(r -> routed.add(new Routed(svc, r))));
    Set<Integer> ports = new HashSet<>(Blueprint.rulePorts(s));
    Set<Integer> taken = new HashSet<>();
    routed.forEach(r -> r.route().priority().ifPresent(taken::add));
    Map<String, Integer> existing = new HashMap<>();
    env.listenerRules().stream().filter(r -> ports.contains(r.port())).forEach(r -> {
      if (r.owned()) {
        existing.merge(r.key(), r.priority(), Math::min);
      } else {
        taken.add(r.priority());
      }
    });
    Map<Routed, Integer> priorities = new HashMap<>();
    routed.stream().filter(r -> r.route().priority().isPresent())
        .forEach(r -> priorities.put(r, r.route().priority().get()));
    List<Routed> derived = routed.stream().filter(r -> r.route().priority().isEmpty())
        .sorted(Comparator.comparing((Routed r) -> r.route().key())).toList();
    for (Routed r : derived) {
      Integer kept = existing.get(r.route().key());
      if (kept != null && taken.add(kept)) {
        priorities.put(r, kept);
      }
    }
    for (Routed r : derived) {
      if (!priorities.containsKey(r)) {
        int p = r.route().derivedPriority();
        while (taken.contains(p)) {
          p++;
        }
        taken.add(p);
        priorities.put(r, p);
      }
    }
    for (Routed r : routed) {
      int priority = priorities.get(r);
      for (var listener : listeners) {
        var rule = graph.add(Kinds.LISTENER_RULE, Kinds.Names.listenerRule(listener.name(), priority),
            new ListenerRuleState(listener.output("arn", ListenerState.Outputs::arn), priority,
                r.route().host().map(List::of).orElse(List.of()), r.route().pathPatterns(), forward(r.svc().name())),
            after);
        forwarded(r.svc().name(), rule);
      }
    }
  }
}
