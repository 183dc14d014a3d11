package io.cruddur.spec;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks what faces the internet: the load balancer, the domain and its certificate, and the services' routes. */
final class EdgeRules {
  /**
   * ELB's predefined security policies are all named {@code ELBSecurityPolicy-...} (new ones keep coming, such as
   * the post-quantum ones of 2025): a name of that form is accepted, and ELB itself says if it does not exist.
   */
  private static final java.util.regex.Pattern SSL_POLICY =
      java.util.regex.Pattern.compile("ELBSecurityPolicy-[A-Za-z0-9-]{1,100}");

  private static final Pattern LB_NAME = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?");
  private static final Pattern DNS_NAME = Pattern.compile(
      "(\\*\\.)?([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]{2,63}");

  /**
   * An ALB rule condition holds at most 3 values and a rule at most 5 (user guide, "Listener rules": "up to three
   * comparison strings per condition and up to five per rule"; the quota "Condition values per rule" is 5).
   */
  static final int VALUES_PER_CONDITION = 3;
  static final int VALUES_PER_RULE = 5;

  private final Problems problems;
  // Kept across services: two services must not claim the same host and paths, nor the same rule priority, nor
  // the same target group name.
  private final Map<String, String> hostPaths = new HashMap<>();
  private final Map<Integer, String> priorities = new HashMap<>();
  private final Map<String, String> targetGroups = new HashMap<>();

  EdgeRules(Problems problems) {
    this.problems = problems;
  }

  void loadBalancer(Stack s) {
    s.loadBalancer().ifPresent(lb -> {
      if (!LB_NAME.matcher(lb.name()).matches() || lb.name().startsWith("internal-")) {
        problems.add("loadBalancer.name", "'" + lb.name()
            + "' must be 1-32 letters, digits or hyphens, not starting or ending with a hyphen or 'internal-'");
      }
      if (lb.existing()) {
        existing(lb);
        return;
      }
      lb.defaultService().ifPresent(d -> {
        var svc = s.service(d);
        if (svc.isEmpty()) {
          problems.add("loadBalancer.defaultService", "routes to unknown service '" + d + "'");
        } else if (svc.get().port().isEmpty()) {
          problems.add("loadBalancer.defaultService", "service '" + d + "' has no port");
        } else if (!svc.get().isRouted()) {
          problems.add("loadBalancer.defaultService", "service '" + d + "' has no route, so it has no target "
              + "group to forward to; give it a route (its host, for example)");
        }
      });
      if (lb.redirectHttpToHttps() && s.domain().isEmpty()) {
        problems.add("loadBalancer.redirectHttpToHttps", "needs a domain for the HTTPS listener's certificate");
      }
      if (lb.subnets().size() == 1) {
        problems.add("loadBalancer.subnets", "an application load balancer needs subnets in at least two zones");
      }
      lb.subnets().forEach(id -> {
        if (!NetworkRules.SUBNET_ID.matcher(id).matches()) {
          problems.add("loadBalancer.subnets", "'" + id + "' is not a subnet id (subnet- and 8 or 17 hex digits)");
        }
      });
      if (!SSL_POLICY.matcher(lb.sslPolicy()).matches()) {
        problems.add("loadBalancer.sslPolicy", "'" + lb.sslPolicy() + "' is not an ELB security policy, e.g. "
            + "ELBSecurityPolicy-TLS13-1-2-2021-06");
      }
    });
  }

  /** A shared load balancer is only read: what would shape it has no place in the spec. */
  private void existing(LoadBalancer lb) {
    String why = " shapes a load balancer the stack creates; a shared (existing) one is left as it is";
    if (!lb.subnets().isEmpty()) {
      problems.add("loadBalancer.subnets", "subnets" + why);
    }
    if (!lb.securityGroup().equals(lb.name() + "-sg")) {
      problems.add("loadBalancer.securityGroup", "securityGroup" + why + " (the services admit its first group)");
    }
    if (!lb.internetFacing()) {
      problems.add("loadBalancer.internetFacing", "internetFacing" + why);
    }
    if (lb.defaultService().isPresent()) {
      problems.add("loadBalancer.defaultService", "defaultService sets the listeners' default action, which" + why);
    }
    if (!lb.sslPolicy().equals(LoadBalancer.DEFAULT_SSL_POLICY)) {
      problems.add("loadBalancer.sslPolicy", "sslPolicy" + why);
    }
  }

  void domain(Stack s) {
    s.domain().ifPresent(d -> {
      if (!d.name().equals(d.name().toLowerCase(java.util.Locale.ROOT))) {
        problems.add("domain.name", "'" + d.name() + "' must be lowercase (DNS names are case-insensitive; write "
            + d.name().toLowerCase(java.util.Locale.ROOT) + ")");
      } else if (!DNS_NAME.matcher(d.name()).matches() || d.name().startsWith("*")) {
        problems.add("domain.name", "'" + d.name() + "' is not a domain name");
      }
      for (String san : d.subjectAlternativeNames()) {
        if (!DNS_NAME.matcher(san).matches()) {
          problems.add("domain.subjectAlternativeNames", "'" + san + "' is not a domain name");
        } else if (!inZone(san.startsWith("*.") ? san.substring(2) : san, d.name())) {
          problems.add("domain.subjectAlternativeNames", "'" + san + "' is outside the zone " + d.name());
        }
      }
      if (d.certificateNames().size() > 10) {
        problems.add("domain.subjectAlternativeNames", "ACM allows at most 10 names per certificate by default");
      }
      for (String a : d.aliases()) {
        if (!DNS_NAME.matcher(a).matches() || !inZone(a, d.name())) {
          problems.add("domain.aliases", "'" + a + "' is not a name in the zone " + d.name());
        }
      }
    });
  }

  /** One service's routes; called for each service in turn, so a clash is reported on the later route. */
  void routes(Stack s, Service svc, String path) {
    if (!svc.routes().isEmpty() && svc.port().isEmpty()) {
      problems.add(path + ".routes", "a routed service needs a port");
    }
    if (svc.isRouted()) {
      String group = svc.targetGroupName(s.name());
      String other = targetGroups.putIfAbsent(group, svc.name());
      if (other != null) {
        problems.add(path + ".name", "its target group would be named '" + group + "' like that of service '"
            + other + "' (the name keeps 27 characters, '_' becomes '-'); rename one of them");
      }
    }
    for (int i = 0; i < svc.routes().size(); i++) {
      Route r = svc.routes().get(i);
      String p = path + ".routes[" + i + "]";
      if (r.host().isEmpty() && r.pathPatterns().isEmpty()) {
        problems.add(p, "needs a host or a path pattern");
      }
      r.host().ifPresent(h -> host(s, p + ".host", h));
      for (String pattern : r.pathPatterns()) {
        if (!pattern.startsWith("/") || pattern.length() > 128) {
          problems.add(p + ".pathPatterns", "'" + pattern + "' must start with / and be at most 128 characters");
        }
      }
      // The route becomes one rule: a host-header condition with the host, a path-pattern one with the patterns.
      int values = (r.host().isPresent() ? 1 : 0) + r.pathPatterns().size();
      if (r.pathPatterns().size() > VALUES_PER_CONDITION || values > VALUES_PER_RULE) {
        problems.add(p + ".pathPatterns", r.pathPatterns().size() + " path patterns are too many: an ALB rule "
            + "holds at most " + VALUES_PER_CONDITION + " per condition and " + VALUES_PER_RULE + " condition values "
            + "in all (host included); split the route");
      }
      String key = r.host().orElse("*") + " " + String.join(",", r.pathPatterns());
      String previous = hostPaths.putIfAbsent(key, svc.name());
      if (previous != null) {
        problems.add(p, "host and paths '" + key.strip() + "' are already routed to " + previous);
      }
      r.priority().ifPresent(pr -> {
        if (pr < 1 || pr > 50000) {
          problems.add(p + ".priority", pr + " must be 1-50000");
        }
        String other = priorities.putIfAbsent(pr, svc.name());
        if (other != null) {
          problems.add(p + ".priority", "priority " + pr + " is already used by a route of " + other);
        }
      });
    }
  }

  private void host(Stack s, String path, String h) {
    if (!DNS_NAME.matcher(h).matches()) {
      problems.add(path, "'" + h + "' is not a host name");
    } else if (s.domain().isPresent()) {
      Domain d = s.domain().get();
      if (!inZone(h, d.name())) {
        problems.add(path, "'" + h + "' is outside the domain " + d.name());
      } else if (!d.certificateCovers(h)) {
        problems.add(path, "'" + h + "' is not covered by the certificate (" + String.join(", ",
            d.certificateNames()) + ")");
      }
    }
  }

  /**
   * Scaling on requests per target reads the load balancer's count for the service's target group, which only a
   * service routed through the stack's load balancer has.
   */
  void requestScaling(Stack s, Service svc, String path) {
    svc.autoScaling().flatMap(AutoScaling::requestsPerTarget).ifPresent(n -> {
      if (!svc.isRouted() || s.loadBalancer().isEmpty()) {
        problems.add(path + ".autoScaling.requestsPerTarget", "needs the service routed through the stack's load "
            + "balancer (a port and a route), whose target group the requests are counted for");
      }
    });
  }

  void routesNeedALoadBalancer(Stack s) {
    long routed = s.services().stream().filter(x -> !x.routes().isEmpty()).count();
    if (routed > 0 && s.loadBalancer().isEmpty()) {
      problems.add("loadBalancer", "services declare routes but the stack has no load balancer");
    }
  }

  /** DNS names compare case-insensitively. */
  private static boolean inZone(String host, String zone) {
    return host.equalsIgnoreCase(zone) || host.toLowerCase().endsWith("." + zone.toLowerCase());
  }
}
