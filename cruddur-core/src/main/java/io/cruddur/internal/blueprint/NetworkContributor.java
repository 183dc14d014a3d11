package io.cruddur.internal.blueprint;

import io.cruddur.resource.Handle;
import io.cruddur.resource.IngressState;
import io.cruddur.resource.SecurityGroupState;
import io.cruddur.resource.Value;
import io.cruddur.internal.kind.Kinds;
import io.cruddur.spec.Ingress;
import io.cruddur.spec.SecurityGroup;
import io.cruddur.spec.Service;
import io.cruddur.spec.Stack;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Security groups and their ingress rules: the load balancer's (open on 80, and 443 with a domain), the services'
 * (open on each routed port to the load balancer's group only), and those the stack declares, which win over a
 * derived group of the same name.
 */
final class NetworkContributor {
  /** The security groups of the stack, by name. */
  record Groups(Map<String, Handle<SecurityGroupState, SecurityGroupState.Outputs>> byName) {
    Value<String> id(String name) {
      return byName.get(name).output("id", SecurityGroupState.Outputs::id);
    }
  }

  private NetworkContributor() {}

  static Groups contribute(Stack s, Environment env, Graph graph) {
    Map<String, SecurityGroup> groups = new LinkedHashMap<>();
    s.loadBalancer().filter(lb -> !lb.existing()).ifPresent(lb -> {
      SecurityGroup.Builder b = SecurityGroup.builder().name(lb.securityGroup())
          .description("Cruddur " + s.name() + ": load balancer " + lb.name());
      b.ingress(i -> i.port(80).cidr("0.0.0.0/0").description("HTTP from anywhere"));
      if (s.domain().isPresent()) {
        b.ingress(i -> i.port(443).cidr("0.0.0.0/0").description("HTTPS from anywhere"));
      }
      groups.put(lb.securityGroup(), b.build());
    });
    SecurityGroup.Builder services = SecurityGroup.builder().name(s.serviceSecurityGroupName())
        .description("Cruddur " + s.name() + ": services");
    // A shared load balancer's groups are not the stack's: EdgeContributor admits them by id.
    s.loadBalancer().filter(lb -> !lb.existing()).ifPresent(lb -> s.services().stream().filter(Service::isRouted)
        .map(svc -> svc.port().orElseThrow()).distinct().sorted()
        .forEach(port -> services.ingress(i -> i.port(port).fromGroup(lb.securityGroup())
            .description("from the load balancer"))));
    groups.put(s.serviceSecurityGroupName(), services.build());
    s.securityGroups().forEach(g -> groups.put(g.name(), g));

    Map<String, Handle<SecurityGroupState, SecurityGroupState.Outputs>> handles = new LinkedHashMap<>();
    for (SecurityGroup g : groups.values()) {
      handles.put(g.name(), graph.add(Kinds.SECURITY_GROUP, g.name(),
          new SecurityGroupState(g.name(), g.description(), env.vpcId())));
    }
    Groups out = new Groups(Map.copyOf(handles));
    for (SecurityGroup g : groups.values()) {
      for (Ingress in : g.ingress()) {
        String source = in.cidr().orElseGet(() -> in.fromGroup().orElseThrow());
        Value<String> sourceGroup = in.fromGroup().map(out::id).orElse(Value.none());
        graph.add(Kinds.INGRESS, Kinds.Names.ingress(g.name(), in.protocol(), in.port(), in.toPort(), source),
            new IngressState(out.id(g.name()), in.protocol(), in.port(), in.toPort(), in.cidr().orElse(null),
                sourceGroup, in.description().orElse(null), g.name()));
      }
    }
    return out;
  }
}
