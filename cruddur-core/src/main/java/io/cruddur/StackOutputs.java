package io.cruddur;

import io.cruddur.base.Json;
import io.cruddur.plan.Action;
import io.cruddur.plan.Plan;
import io.cruddur.plan.Step;
import io.cruddur.resource.HostedZoneState;
import io.cruddur.resource.LoadBalancerState;
import io.cruddur.resource.RepositoryState;
import io.cruddur.resource.ResourceId;
import io.cruddur.spec.Route;
import io.cruddur.spec.Service;
import io.cruddur.spec.Stack;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a deployed stack offers, read from the cloud: its URLs, the load balancer's DNS name, the hosted zone's name
 * servers (to set at the registrar), the repositories' URIs, and the ARN of every resource it has, by resource.
 * {@code notDeployed} counts the declared resources that do not exist yet.
 */
public record StackOutputs(String stack, List<String> urls, Optional<String> loadBalancerDnsName,
    List<String> nameServers, Map<String, String> repositoryUris, Map<String, String> arns, int notDeployed) {
  public StackOutputs {
    urls = List.copyOf(urls);
    nameServers = List.copyOf(nameServers);
    repositoryUris = java.util.Collections.unmodifiableMap(new TreeMap<>(repositoryUris));
    arns = java.util.Collections.unmodifiableMap(new TreeMap<>(arns));
  }

  /** The outputs as {@code plan} read them (a plan of the stack, which reads every resource it declares). */
  public static StackOutputs of(Plan plan) {
    Stack s = plan.stack();
    Optional<String> dns = Optional.empty();
    List<String> nameServers = new ArrayList<>();
    Map<String, String> repositories = new TreeMap<>();
    Map<String, String> arns = new TreeMap<>();
    for (Map.Entry<ResourceId, Record> e : plan.knownOutputs().entrySet()) {
      Record out = e.getValue();
      if (out instanceof LoadBalancerState.Outputs lb) {
        dns = Optional.of(lb.dnsName());
      } else if (out instanceof HostedZoneState.Outputs zone) {
        nameServers.addAll(zone.nameServers());
      } else if (out instanceof RepositoryState.Outputs repo) {
        repositories.put(e.getKey().name(), repo.uri());
      }
      arn(out).ifPresent(a -> arns.put(e.getKey().toString(), a));
    }
    int notDeployed = (int) plan.steps().stream().filter(st -> st.action() == Action.CREATE).count();
    return new StackOutputs(s.name(), urls(s, dns), dns, nameServers, repositories, arns, notDeployed);
  }

  /** A record's {@code arn} component, if it has one. */
  private static Optional<String> arn(Record out) {
    for (RecordComponent c : out.getClass().getRecordComponents()) {
      if (c.getName().equals("arn")) {
        try {
          return Optional.ofNullable((String) c.getAccessor().invoke(out));
        } catch (ReflectiveOperationException ex) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Where the routed services answer: {@code https://host/path} with a domain (the apex and each route), else
   * {@code http://<load balancer>/path}; a path pattern's trailing {@code *} is left out.
   */
  private static List<String> urls(Stack s, Optional<String> dns) {
    Set<String> urls = new LinkedHashSet<>();
    if (s.loadBalancer().isEmpty()) {
      return List.of();
    }
    boolean https = s.domain().isPresent();
    String scheme = https ? "https://" : "http://";
    s.domain().ifPresent(d -> urls.add(scheme + d.name() + "/"));
    for (Service svc : s.services()) {
      for (Route r : svc.routes()) {
        String host = r.host().orElse(https ? s.domain().orElseThrow().name() : dns.orElse(null));
        if (host == null) {
          continue;
        }
        if (r.pathPatterns().isEmpty()) {
          urls.add(scheme + host + "/");
        }
        r.pathPatterns().forEach(p -> urls.add(scheme + host + p.replaceAll("\\*+$", "")));
      }
    }
    if (!https) {
      dns.ifPresent(d -> urls.add(scheme + d + "/"));
    }
    return new ArrayList<>(urls);
  }

  /** One labelled line per output, for a terminal. */
  public String toText() {
    StringBuilder b = new StringBuilder("Outputs of stack " + stack + "\n");
    urls.forEach(u -> b.append("url            ").append(u).append('\n'));
    loadBalancerDnsName.ifPresent(d -> b.append("load balancer  ").append(d).append('\n'));
    if (!nameServers.isEmpty()) {
      b.append("name servers   ").append(String.join(" ", nameServers))
          .append("   (set them at the domain's registrar)\n");
    }
    repositoryUris.forEach((name, uri) -> b.append("repository     ").append(uri).append('\n'));
    arns.forEach((resource, arn) -> b.append("arn            ").append(resource).append(" = ").append(arn)
        .append('\n'));
    if (notDeployed > 0) {
      b.append(notDeployed).append(" declared resource(s) do not exist yet: apply the stack for all its outputs\n");
    }
    return b.toString();
  }

  /** A JSON document with the same content. */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stack", stack);
    m.put("urls", urls);
    m.put("loadBalancerDnsName", loadBalancerDnsName.orElse(null));
    m.put("nameServers", nameServers);
    m.put("repositoryUris", repositoryUris);
    m.put("arns", arns);
    m.put("notDeployed", notDeployed);
    return Json.write(m);
  }
}
