package io.cruddur.spec;

import io.cruddur.base.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a stack against AWS's rules and Cruddur's own, and returns every problem found. */
final class Validator {
  private static final Pattern STACK_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]{0,31}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");
  private static final Pattern ECS_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");
  private static final Pattern REPOSITORY = Pattern.compile(
      "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
  private static final Pattern LOG_GROUP = Pattern.compile("[.\\-_/#A-Za-z0-9]{1,512}");
  private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
  private static final Pattern LB_NAME = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?");
  private static final Pattern SG_NAME = Pattern.compile("[a-zA-Z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*]{1,255}");
  private static final Pattern DNS_NAME = Pattern.compile(
      "(\\*\\.)?([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]{2,63}");
  private static final Pattern NAMESPACE = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9._-]{0,1022}[a-zA-Z0-9])?");
  private static final Pattern ENV_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern SSM_NAME = Pattern.compile("/?[a-zA-Z0-9_.\\-]+(/[a-zA-Z0-9_.\\-]+)*");
  private static final Pattern SSM_ARN = Pattern.compile(
      "arn:aws[a-z-]*:ssm:[a-z0-9-]+:\\d{12}:parameter/[a-zA-Z0-9_.\\-/]+");
  private static final Pattern CIDR = Pattern.compile(
      "(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
  private static final Set<Integer> RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
      545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
  private static final Map<Integer, int[]> FARGATE = Map.of(
      256, new int[] {512, 1024, 2048},
      512, range(1024, 4096, 1024),
      1024, range(2048, 8192, 1024),
      2048, range(4096, 16384, 1024),
      4096, range(8192, 30720, 1024),
      8192, range(16384, 61440, 4096),
      16384, range(32768, 122880, 8192));

  /** Tasks one ECS service may run (its desired count's upper bound). */
  private static final int MAX_TASKS = 5000;

  private final List<Problem> problems = new ArrayList<>();

  private Validator() {}

  static List<Problem> validate(Stack stack) {
    Validator v = new Validator();
    v.stack(stack);
    return List.copyOf(v.problems);
  }

  private void add(String path, String message) {
    problems.add(new Problem(path, message));
  }

  private void stack(Stack s) {
    if (!STACK_NAME.matcher(s.name()).matches()) {
      add("name", "'" + s.name() + "' must be 1-32 letters, digits or hyphens, starting with a letter");
    }
    if (!REGION.matcher(s.region()).matches()) {
      add("region", "'" + s.region() + "' is not an AWS region name (like us-east-1)");
    }
    tags(s);
    if (!ECS_NAME.matcher(s.cluster().name()).matches()) {
      add("cluster.name", "'" + s.cluster().name() + "' must be 1-255 letters, digits, hyphens or underscores");
    }
    s.cluster().serviceConnectNamespace().ifPresent(ns -> {
      if (!NAMESPACE.matcher(ns).matches()) {
        add("cluster.serviceConnectNamespace", "'" + ns + "' must be 1-1024 letters, digits, dots, hyphens or underscores");
      }
    });
    Set<String> repos = new HashSet<>();
    for (Repository r : s.repositories()) {
      String path = "repositories[" + r.name() + "]";
      if (r.name().length() < 2 || r.name().length() > 256 || !REPOSITORY.matcher(r.name()).matches()) {
        add(path + ".name", "must be 2-256 lowercase letters, digits and . _ - / separators");
      }
      if (!repos.add(r.name())) {
        add(path, "duplicate repository name");
      }
    }
    if (!LOG_GROUP.matcher(s.logGroup().name()).matches()) {
      add("logGroup.name", "'" + s.logGroup().name() + "' must be 1-512 of letters, digits and . - _ / #");
    }
    if (!RETENTION_DAYS.contains(s.logGroup().retentionDays())) {
      add("logGroup.retentionDays", s.logGroup().retentionDays()
          + " is not a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)");
    }
    Set<String> groups = securityGroups(s);
    s.executionRole().ifPresent(r -> role("executionRole", r));
    s.taskRole().ifPresent(r -> role("taskRole", r));
    loadBalancer(s);
    domain(s);
    services(s, repos, groups);
  }

  private void tags(Stack s) {
    // Count what Cruddur itself puts on every resource against the AWS limit, not only the stack's own tags.
    int added = s.resourceTags().size() - s.tags().size();
    if (s.resourceTags().size() > Tags.MAX_PER_RESOURCE) {
      add("tags", s.tags().size() + " tags, at most " + (Tags.MAX_PER_RESOURCE - added) + ": AWS allows "
          + Tags.MAX_PER_RESOURCE + " per resource and Cruddur adds " + added + " (" + Tags.OWNER + ")");
    }
    s.tags().forEach((k, v) -> {
      if (k.isEmpty() || k.length() > 128) {
        add("tags[" + k + "]", "keys are 1-128 characters");
      }
      if (v.length() > 256) {
        add("tags[" + k + "]", "values are at most 256 characters");
      }
      if (k.toLowerCase().startsWith("aws:")) {
        add("tags[" + k + "]", "the aws: prefix is reserved by AWS");
      }
      if (k.equals(Stack.OWNER_TAG)) {
        add("tags[" + k + "]", "is set by Cruddur to the stack name");
      }
    });
  }

  private Set<String> securityGroups(Stack s) {
    Set<String> names = new HashSet<>();
    names.add(s.serviceSecurityGroupName());
    s.loadBalancer().ifPresent(lb -> names.add(lb.securityGroup()));
    Set<String> declared = new HashSet<>();
    for (SecurityGroup g : s.securityGroups()) {
      if (!declared.add(g.name())) {
        add("securityGroups[" + g.name() + "]", "duplicate security group name");
      }
      names.add(g.name());
    }
    for (SecurityGroup g : s.securityGroups()) {
      String path = "securityGroups[" + g.name() + "]";
      if (!SG_NAME.matcher(g.name()).matches() || g.name().toLowerCase().startsWith("sg-")) {
        add(path + ".name", "must be 1-255 characters and must not start with sg-");
      }
      for (int i = 0; i < g.ingress().size(); i++) {
        Ingress in = g.ingress().get(i);
        String p = path + ".ingress[" + i + "]";
        ports(p, in.port(), in.toPort());
        if (!Set.of("tcp", "udp", "icmp").contains(in.protocol())) {
          add(p + ".protocol", "'" + in.protocol() + "' must be tcp, udp or icmp");
        }
        if (in.cidr().isPresent() == in.fromGroup().isPresent()) {
          add(p, "needs exactly one of cidr or fromGroup");
        }
        in.cidr().ifPresent(c -> cidr(p + ".cidr", c));
        in.fromGroup().ifPresent(f -> {
          if (!names.contains(f)) {
            add(p + ".fromGroup", "unknown security group '" + f + "'");
          }
        });
      }
    }
    return names;
  }

  private void ports(String path, int from, int to) {
    if (from < 0 || from > 65535) {
      add(path + ".port", from + " is not a port (0-65535)");
    }
    if (to < from || to > 65535) {
      add(path + ".toPort", to + " must be between port and 65535");
    }
  }

  private void cidr(String path, String cidr) {
    var m = CIDR.matcher(cidr);
    boolean ok = m.matches();
    for (int i = 1; ok && i <= 4; i++) {
      ok = Integer.parseInt(m.group(i)) <= 255;
    }
    if (!ok || Integer.parseInt(m.group(5)) > 32) {
      add(path, "'" + cidr + "' is not an IPv4 CIDR block");
    }
  }

  private void role(String path, Role r) {
    if (!ROLE_NAME.matcher(r.name()).matches()) {
      add(path + ".name", "'" + r.name() + "' must be 1-64 of letters, digits and +=,.@_-");
    }
    r.managedPolicyArns().forEach(arn -> {
      if (!arn.startsWith("arn:aws") || !arn.contains(":policy/")) {
        add(path + ".managedPolicyArns", "'" + arn + "' is not an IAM policy ARN");
      }
    });
    r.inlinePolicies().forEach((name, doc) -> {
      if (!doc.strip().startsWith("{") || !doc.contains("Statement")) {
        add(path + ".inlinePolicies[" + name + "]", "is not a JSON policy document with a Statement");
      }
    });
  }

  private void loadBalancer(Stack s) {
    s.loadBalancer().ifPresent(lb -> {
      if (!LB_NAME.matcher(lb.name()).matches() || lb.name().startsWith("internal-")) {
        add("loadBalancer.name", "'" + lb.name()
            + "' must be 1-32 letters, digits or hyphens, not starting or ending with a hyphen or 'internal-'");
      }
      lb.defaultService().ifPresent(d -> {
        var svc = s.service(d);
        if (svc.isEmpty()) {
          add("loadBalancer.defaultService", "routes to unknown service '" + d + "'");
        } else if (svc.get().port().isEmpty()) {
          add("loadBalancer.defaultService", "service '" + d + "' has no port");
        } else if (!svc.get().isRouted()) {
          add("loadBalancer.defaultService", "service '" + d + "' has no route, so it has no target group to "
              + "forward to; give it a route (its host, for example)");
        }
      });
      if (lb.redirectHttpToHttps() && s.domain().isEmpty()) {
        add("loadBalancer.redirectHttpToHttps", "needs a domain for the HTTPS listener's certificate");
      }
      if (lb.subnets().size() == 1) {
        add("loadBalancer.subnets", "an application load balancer needs subnets in at least two zones");
      }
    });
  }

  private void domain(Stack s) {
    s.domain().ifPresent(d -> {
      if (!DNS_NAME.matcher(d.name()).matches() || d.name().startsWith("*")) {
        add("domain.name", "'" + d.name() + "' is not a domain name");
      }
      for (String san : d.subjectAlternativeNames()) {
        if (!DNS_NAME.matcher(san).matches()) {
          add("domain.subjectAlternativeNames", "'" + san + "' is not a domain name");
        } else if (!inZone(san.startsWith("*.") ? san.substring(2) : san, d.name())) {
          add("domain.subjectAlternativeNames", "'" + san + "' is outside the zone " + d.name());
        }
      }
      if (d.certificateNames().size() > 10) {
        add("domain.subjectAlternativeNames", "ACM allows at most 10 names per certificate by default");
      }
      for (String a : d.aliases()) {
        if (!DNS_NAME.matcher(a).matches() || !inZone(a, d.name())) {
          add("domain.aliases", "'" + a + "' is not a name in the zone " + d.name());
        }
      }
    });
  }

  private static boolean inZone(String host, String zone) {
    return host.equalsIgnoreCase(zone) || host.toLowerCase().endsWith("." + zone.toLowerCase());
  }

  private void services(Stack s, Set<String> repos, Set<String> groups) {
    Set<String> names = new HashSet<>();
    Map<String, String> hostPaths = new HashMap<>();
    Map<Integer, String> priorities = new HashMap<>();
    for (Service svc : s.services()) {
      String path = "services[" + svc.name() + "]";
      if (!names.add(svc.name())) {
        add(path, "duplicate service name");
      }
      if (!ECS_NAME.matcher(svc.name()).matches()) {
        add(path + ".name", "must be 1-255 letters, digits, hyphens or underscores");
      }
      int[] memories = FARGATE.get(svc.cpu());
      if (memories == null) {
        add(path + ".cpu", svc.cpu() + " is not a valid Fargate CPU size (256, 512, 1024, 2048, 4096, 8192, 16384)");
      } else if (java.util.Arrays.stream(memories).noneMatch(m -> m == svc.memoryMib())) {
        add(path + ".memoryMib", svc.memoryMib() + " MiB is not valid with " + svc.cpu() + " CPU units ("
            + memoryChoices(memories) + ")");
      }
      svc.port().ifPresent(p -> {
        if (p < 1 || p > 65535) {
          add(path + ".port", p + " is not a port (1-65535)");
        }
      });
      if (!Set.of("http", "http2", "grpc").contains(svc.appProtocol())) {
        add(path + ".appProtocol", "'" + svc.appProtocol() + "' must be http, http2 or grpc");
      }
      image(path + ".image", svc.image(), repos);
      svc.environment().keySet().forEach(k -> {
        if (!ENV_NAME.matcher(k).matches()) {
          add(path + ".environment[" + k + "]", "is not a valid environment variable name");
        }
        if (svc.secrets().containsKey(k)) {
          add(path + ".environment[" + k + "]", "is also declared as a secret");
        }
      });
      svc.secrets().forEach((k, secret) -> {
        if (!ENV_NAME.matcher(k).matches()) {
          add(path + ".secrets[" + k + "]", "is not a valid environment variable name");
        }
        String ref = secret.reference();
        boolean ok = secret.isArn() ? SSM_ARN.matcher(ref).matches()
            : ref.length() <= 2048 && SSM_NAME.matcher(ref).matches();
        if (!ok) {
          add(path + ".secrets[" + k + "]", "'" + ref + "' is not an SSM parameter name or ARN");
        }
      });
      healthCheck(path + ".healthCheck", svc.healthCheck());
      if (svc.desiredCount() < 0) {
        add(path + ".desiredCount", "must not be negative");
      }
      if (svc.minHealthyPercent() < 0 || svc.minHealthyPercent() > 100) {
        add(path + ".minHealthyPercent", "must be 0-100");
      }
      if (svc.maxPercent() < 100 || svc.maxPercent() > 200) {
        add(path + ".maxPercent", "must be 100-200 for rolling deployments");
      }
      if (!Set.of("SERVICE", "TASK_DEFINITION", "NONE").contains(svc.propagateTags())) {
        add(path + ".propagateTags", "'" + svc.propagateTags() + "' must be SERVICE, TASK_DEFINITION or NONE");
      }
      if (svc.deregistrationDelaySeconds() < 0 || svc.deregistrationDelaySeconds() > 3600) {
        add(path + ".deregistrationDelaySeconds", "must be 0-3600");
      }
      svc.autoScaling().ifPresent(a -> autoScaling(path + ".autoScaling", a, svc.desiredCount()));
      svc.securityGroups().forEach(g -> {
        if (!groups.contains(g)) {
          add(path + ".securityGroups", "unknown security group '" + g + "'");
        }
      });
      Set<String> containers = new HashSet<>(Set.of(svc.name()));
      for (Sidecar sc : svc.sidecars()) {
        if (!containers.add(sc.name())) {
          add(path + ".sidecars[" + sc.name() + "]", "duplicate container name");
        }
        image(path + ".sidecars[" + sc.name() + "].image", sc.image(), repos);
        if (sc.port().isPresent() && sc.port().equals(svc.port())) {
          add(path + ".sidecars[" + sc.name() + "].port", "clashes with the service port");
        }
      }
      routes(s, svc, path, hostPaths, priorities);
    }
    long routed = s.services().stream().filter(x -> !x.routes().isEmpty()).count();
    if (routed > 0 && s.loadBalancer().isEmpty()) {
      add("loadBalancer", "services declare routes but the stack has no load balancer");
    }
  }

  private void routes(Stack s, Service svc, String path, Map<String, String> hostPaths,
      Map<Integer, String> priorities) {
    if (!svc.routes().isEmpty() && svc.port().isEmpty()) {
      add(path + ".routes", "a routed service needs a port");
    }
    for (int i = 0; i < svc.routes().size(); i++) {
      Route r = svc.routes().get(i);
      String p = path + ".routes[" + i + "]";
      if (r.host().isEmpty() && r.pathPatterns().isEmpty()) {
        add(p, "needs a host or a path pattern");
      }
      r.host().ifPresent(h -> {
        if (!DNS_NAME.matcher(h).matches()) {
          add(p + ".host", "'" + h + "' is not a host name");
        } else if (s.domain().isPresent()) {
          Domain d = s.domain().get();
          if (!inZone(h, d.name())) {
            add(p + ".host", "'" + h + "' is outside the domain " + d.name());
          } else if (!d.certificateCovers(h)) {
            add(p + ".host", "'" + h + "' is not covered by the certificate (" + String.join(", ",
                d.certificateNames()) + ")");
          }
        }
      });
      for (String pattern : r.pathPatterns()) {
        if (!pattern.startsWith("/") || pattern.length() > 128) {
          add(p + ".pathPatterns", "'" + pattern + "' must start with / and be at most 128 characters");
        }
      }
      String key = r.host().orElse("*") + " " + String.join(",", r.pathPatterns());
      String previous = hostPaths.putIfAbsent(key, svc.name());
      if (previous != null) {
        add(p, "host and paths '" + key.strip() + "' are already routed to " + previous);
      }
      r.priority().ifPresent(pr -> {
        if (pr < 1 || pr > 50000) {
          add(p + ".priority", pr + " must be 1-50000");
        }
        String other = priorities.putIfAbsent(pr, svc.name());
        if (other != null) {
          add(p + ".priority", "priority " + pr + " is already used by a route of " + other);
        }
      });
    }
  }

  private void autoScaling(String path, AutoScaling a, int desiredCount) {
    if (a.min() < 0) {
      add(path + ".min", "must not be negative");
    }
    if (a.max() < 1 || a.max() < a.min()) {
      add(path + ".max", a.max() + " must be at least 1 and at least min (" + a.min() + ")");
    }
    if (a.max() > MAX_TASKS) {
      add(path + ".max", a.max() + " is more tasks than a service may run (" + MAX_TASKS + ")");
    }
    if (desiredCount < a.min() || desiredCount > a.max()) {
      add(path, "desiredCount " + desiredCount + " is outside min-max (" + a.min() + "-" + a.max()
          + "); it is the count the service starts with");
    }
    if (a.cpuPercent() < 1 || a.cpuPercent() > 100) {
      add(path + ".cpuPercent", a.cpuPercent() + " must be 1-100");
    }
    if (a.scaleOutCooldownSeconds() < 0 || a.scaleInCooldownSeconds() < 0) {
      add(path, "cooldowns must not be negative");
    }
  }

  private void healthCheck(String path, HealthCheck h) {
    if (!h.path().startsWith("/") || h.path().length() > 1024) {
      add(path + ".path", "'" + h.path() + "' must start with / and be at most 1024 characters");
    }
    if (h.intervalSeconds() < 5 || h.intervalSeconds() > 300) {
      add(path + ".intervalSeconds", "must be 5-300");
    }
    if (h.timeoutSeconds() < 2 || h.timeoutSeconds() > 120 || h.timeoutSeconds() >= h.intervalSeconds()) {
      add(path + ".timeoutSeconds", "must be 2-120 and less than the interval");
    }
    if (h.healthyThreshold() < 2 || h.healthyThreshold() > 10) {
      add(path + ".healthyThreshold", "must be 2-10");
    }
    if (h.unhealthyThreshold() < 2 || h.unhealthyThreshold() > 10) {
      add(path + ".unhealthyThreshold", "must be 2-10");
    }
  }

  private void image(String path, Image image, Set<String> repos) {
    if (image.repository().isPresent() == image.reference().isPresent()) {
      add(path, "needs exactly one of an ECR repository of the stack or a full image reference");
    }
    image.repository().ifPresent(r -> {
      if (!repos.contains(r)) {
        add(path, "repository '" + r + "' is not declared in repositories");
      }
    });
    if (!image.tag().matches("[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,127}")) {
      add(path + ".tag", "'" + image.tag() + "' is not a valid image tag");
    }
  }

  /** {@code 512, 1024 or 2048 MiB}, or {@code 1024-4096 MiB in steps of 1024} for an even range. */
  private static String memoryChoices(int[] memories) {
    int step = memories[1] - memories[0];
    boolean even = true;
    for (int i = 1; i < memories.length; i++) {
      even &= memories[i] - memories[i - 1] == step;
    }
    if (even && memories.length > 3) {
      return memories[0] + "-" + memories[memories.length - 1] + " MiB in steps of " + step;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < memories.length; i++) {
      b.append(i == 0 ? "" : i == memories.length - 1 ? " or " : ", ").append(memories[i]);
    }
    return b.append(" MiB").toString();
  }

  private static int[] range(int from, int to, int step) {
    int[] r = new int[(to - from) / step + 1];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i * step;
    }
    return r;
  }
}
