package io.cruddur.plan.types;

import io.cruddur.plan.Desired;
import io.cruddur.plan.Ref;
import io.cruddur.plan.ResourceId;
import io.cruddur.spec.Domain;
import io.cruddur.spec.Image;
import io.cruddur.spec.Ingress;
import io.cruddur.spec.LoadBalancer;
import io.cruddur.spec.Role;
import io.cruddur.spec.Route;
import io.cruddur.spec.SecurityGroup;
import io.cruddur.spec.Service;
import io.cruddur.spec.Sidecar;
import io.cruddur.spec.Stack;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns a stack into the resources it needs: the desired graph. Pure: the same stack and environment give the
 * same graph. Waits are nodes of type {@code wait:<type>} on the resource they wait for.
 */
public final class Blueprint {
  /** The account, region and default network the stack lands in. */
  public record Environment(String accountId, String region, String partition, String vpcId,
      List<String> defaultSubnets) {}

  public static final String WAIT = "wait:";
  private static final String ECS_TASKS = "ecs-tasks.amazonaws.com";

  private final Stack s;
  private final Environment env;
  private final Map<ResourceId, Desired> out = new LinkedHashMap<>();

  private Blueprint(Stack s, Environment env) {
    this.s = s;
    this.env = env;
  }

  /** The desired resources of {@code stack}, each after the ones it depends on. */
  public static List<Desired> of(Stack stack, Environment env) {
    Blueprint b = new Blueprint(stack, env);
    b.build();
    return List.copyOf(b.out.values());
  }

  /** Zone names (fully qualified) the stack writes records into. */
  public static List<String> zones(Stack stack) {
    return stack.domain().map(d -> List.of(HostedZoneType.fqdn(d.name()))).orElse(List.of());
  }

  private static ResourceId id(String type, String name) {
    return new ResourceId(type, name);
  }

  private static Ref ref(String type, String name, String attribute) {
    return new Ref(id(type, name), attribute);
  }

  private ResourceId add(String type, String name, Map<String, Object> props, ResourceId... extraDeps) {
    return add(type, name, props, false, extraDeps);
  }

  private ResourceId add(String type, String name, Map<String, Object> props, boolean lookup,
      ResourceId... extraDeps) {
    ResourceId id = id(type, name);
    Set<ResourceId> deps = new LinkedHashSet<>();
    collectRefs(props, deps);
    deps.addAll(List.of(extraDeps));
    out.put(id, new Desired(id, props, Set.copyOf(deps), lookup));
    return id;
  }

  private void waitFor(ResourceId target, ResourceId... extraDeps) {
    Set<ResourceId> deps = new LinkedHashSet<>();
    deps.add(target);
    deps.addAll(List.of(extraDeps));
    ResourceId id = id(WAIT + target.type(), target.name());
    out.put(id, new Desired(id, Map.of(), Set.copyOf(deps), false));
  }

  private static void collectRefs(Object value, Set<ResourceId> deps) {
    if (value instanceof Ref r) {
      deps.add(r.target());
    } else if (value instanceof Map<?, ?> m) {
      m.values().forEach(v -> collectRefs(v, deps));
    } else if (value instanceof Collection<?> c) {
      c.forEach(v -> collectRefs(v, deps));
    }
  }

  private String arn(String service, String resource) {
    return "arn:" + env.partition() + ":" + service + ":" + env.region() + ":" + env.accountId() + ":" + resource;
  }

  private void build() {
    for (var r : s.repositories()) {
      add("ecr.repository", r.name(), P.props("name", r.name(), "immutableTags", r.immutableTags(),
          "scanOnPush", r.scanOnPush(), "_forceDelete", r.forceDelete()));
    }
    add("logs.log-group", s.logGroup().name(), P.props("name", s.logGroup().name(),
        "retentionDays", s.logGroup().retentionDays()));
    s.cluster().serviceConnectNamespace().ifPresent(ns ->
        add("servicediscovery.namespace", ns, P.props("name", ns)));
    add("ecs.cluster", s.cluster().name(), P.props("name", s.cluster().name(),
        "containerInsights", s.cluster().containerInsights(), "defaultNamespaceArn",
        s.cluster().serviceConnectNamespace().map(ns -> ref("servicediscovery.namespace", ns, "arn")).orElse(null)));
    role(s.executionRole().orElseGet(this::executionRole));
    role(s.taskRole().orElseGet(this::taskRole));
    securityGroups();
    s.domain().ifPresent(this::domain);
    s.loadBalancer().ifPresent(this::loadBalancer);
    for (Service svc : s.services()) {
      taskDefinition(svc);
    }
    for (Service svc : s.services()) {
      service(svc);
    }
  }

  // ---- IAM

  private void role(Role r) {
    add("iam.role", r.name(), P.props("name", r.name(), "assumeRolePolicy", trust(r.trustedService())));
    r.inlinePolicies().forEach((name, doc) -> add("iam.role-policy", r.name() + "/" + name,
        P.props("role", ref("iam.role", r.name(), "name"), "name", name, "document", Json.canonical(doc))));
    for (String arn : r.managedPolicyArns()) {
      add("iam.policy-attachment", PolicyAttachmentType.id(r.name(), arn),
          P.props("role", ref("iam.role", r.name(), "name"), "policyArn", arn));
    }
  }

  private String trust(String service) {
    Map<String, Object> statement = new TreeMap<>();
    statement.put("Effect", "Allow");
    statement.put("Principal", Map.of("Service", service));
    statement.put("Action", "sts:AssumeRole");
    if (service.equals(ECS_TASKS)) {
      // Confused-deputy protection: only tasks of this account may assume the role.
      statement.put("Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", env.accountId())));
    }
    return policy(List.of(statement));
  }

  private static String policy(List<Map<String, Object>> statements) {
    return Json.canonical(Json.write(Map.of("Version", "2012-10-17", "Statement", statements)));
  }

  private static Map<String, Object> allow(String sid, Object actions, Object resources) {
    Map<String, Object> st = new TreeMap<>();
    st.put("Sid", sid);
    st.put("Effect", "Allow");
    st.put("Action", actions);
    st.put("Resource", resources);
    return st;
  }

  /** Least privilege: pull from the stack's repositories, write to its log group, read its secrets. */
  private Role executionRole() {
    List<Map<String, Object>> st = new ArrayList<>();
    Set<String> repos = new TreeSet<>();
    Set<String> params = new TreeSet<>();
    for (Service svc : s.services()) {
      svc.image().repository().ifPresent(r -> repos.add(arn("ecr", "repository/" + r)));
      svc.sidecars().forEach(sc -> sc.image().repository().ifPresent(r -> repos.add(arn("ecr", "repository/" + r))));
      svc.secrets().values().forEach(sec -> params.add(sec.arn(env.partition(), env.region(), env.accountId())));
    }
    if (!repos.isEmpty()) {
      st.add(allow("EcrLogin", "ecr:GetAuthorizationToken", "*"));
      st.add(allow("PullStackImages", List.of("ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage",
          "ecr:GetDownloadUrlForLayer"), List.copyOf(repos)));
    }
    st.add(allow("WriteLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
        arn("logs", "log-group:" + s.logGroup().name() + ":*")));
    if (!params.isEmpty()) {
      st.add(allow("ReadSecrets", "ssm:GetParameters", List.copyOf(params)));
    }
    return Role.builder().name(s.executionRoleName()).trustedService(ECS_TASKS)
        .inlinePolicy("cruddur-execution", policy(st)).build();
  }

  /** Least privilege for the running app: X-Ray if a service has the daemon, SSM messages for ECS Exec. */
  private Role taskRole() {
    List<Map<String, Object>> st = new ArrayList<>();
    if (s.services().stream().anyMatch(svc -> svc.sidecars().stream().anyMatch(Sidecar::xrayDaemon))) {
      st.add(allow("XRayDaemon", List.of("xray:GetSamplingRules", "xray:GetSamplingStatisticSummaries",
          "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments"), "*"));
    }
    if (s.services().stream().anyMatch(Service::executeCommand)) {
      st.add(allow("EcsExec", List.of("ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
          "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"), "*"));
    }
    Role.Builder b = Role.builder().name(s.taskRoleName()).trustedService(ECS_TASKS);
    if (!st.isEmpty()) {
      b.inlinePolicy("cruddur-task", policy(st));
    }
    return b.build();
  }

  // ---- security groups

  private void securityGroups() {
    Map<String, SecurityGroup> groups = new LinkedHashMap<>();
    s.loadBalancer().ifPresent(lb -> {
      SecurityGroup.Builder b = SecurityGroup.builder().name(lb.securityGroup())
          .description("Cruddur " + s.name() + ": load balancer " + lb.name());
      b.ingress(i -> i.port(80).cidr("0.0.0.0/0").description("HTTP from anywhere"));
      if (s.domain().isPresent()) {
        b.ingress(i -> i.port(443).cidr("0.0.0.0/0").description("HTTPS from anywhere"));
      }
      groups.put(lb.securityGroup(), b.build());
    });
    SecurityGroup.Builder svcGroup = SecurityGroup.builder().name(s.serviceSecurityGroupName())
        .description("Cruddur " + s.name() + ": services");
    s.loadBalancer().ifPresent(lb -> s.services().stream().filter(Service::isRouted)
        .map(svc -> svc.port().orElseThrow()).distinct().sorted()
        .forEach(port -> svcGroup.ingress(i -> i.port(port).fromGroup(lb.securityGroup())
            .description("from the load balancer"))));
    groups.put(s.serviceSecurityGroupName(), svcGroup.build());
    // Declared groups win over derived ones of the same name.
    s.securityGroups().forEach(g -> groups.put(g.name(), g));
    for (SecurityGroup g : groups.values()) {
      add("ec2.security-group", g.name(), P.props("name", g.name(), "_description", g.description(),
          "vpcId", env.vpcId()));
    }
    for (SecurityGroup g : groups.values()) {
      for (Ingress in : g.ingress()) {
        String source = in.cidr().orElseGet(() -> in.fromGroup().orElseThrow());
        add("ec2.ingress", IngressType.id(g.name(), in.protocol(), in.port(), in.toPort(), source),
            P.props("groupId", ref("ec2.security-group", g.name(), "id"), "protocol", in.protocol(),
                "fromPort", in.port(), "toPort", in.toPort(), "cidr", in.cidr().orElse(null),
                "sourceGroupId", in.fromGroup().map(f -> ref("ec2.security-group", f, "id")).orElse(null),
                "_description", in.description().orElse(null), "_group", g.name()));
      }
    }
  }

  // ---- domain

  private ResourceId zoneId(Domain d) {
    return id("route53.hosted-zone", d.name());
  }

  private String certificateName(Domain d) {
    return CertificateType.id(d.certificateNames());
  }

  private void domain(Domain d) {
    add("route53.hosted-zone", d.name(), P.props("name", HostedZoneType.fqdn(d.name())), !d.createZone());
    String cert = certificateName(d);
    ResourceId certId = add("acm.certificate", cert, P.props("domainName", d.name(),
        "subjectAlternativeNames", d.certificateNames()));
    List<ResourceId> validations = new ArrayList<>();
    Set<String> bases = new LinkedHashSet<>();
    d.certificateNames().forEach(n -> bases.add(n.startsWith("*.") ? n.substring(2) : n));
    for (String base : bases) {
      validations.add(add("route53.record", RecordType.VALIDATION + HostedZoneType.fqdn(base) + " CNAME",
          P.props("zoneId", ref("route53.hosted-zone", d.name(), "id"),
              "name", ref("acm.certificate", cert, "validation:" + base + ":name"), "type", "CNAME", "ttl", 300L,
              "values", List.of(ref("acm.certificate", cert, "validation:" + base + ":value")))));
    }
    waitFor(certId, validations.toArray(ResourceId[]::new));
  }

  // ---- load balancer

  static String targetGroupName(String stack, Service svc) {
    String base = stack + "-" + svc.name();
    if (base.length() > 27) {
      base = base.substring(0, 27);
    }
    base = base.replaceAll("-+$", "");
    String hash = P.token("HTTP|" + svc.port().orElse(0) + "|ip", 4);
    return base + "-" + hash;
  }

  private Map<String, Object> forward(Service svc) {
    return P.props("type", "forward", "targetGroupArn",
        ref("elb.target-group", targetGroupName(s.name(), svc), "arn"));
  }

  private void loadBalancer(LoadBalancer lb) {
    List<String> subnets = new ArrayList<>(lb.subnets().isEmpty() ? env.defaultSubnets() : lb.subnets());
    subnets.sort(String::compareTo);
    ResourceId lbId = add("elb.load-balancer", lb.name(), P.props("name", lb.name(),
        "scheme", lb.internetFacing() ? "internet-facing" : "internal", "subnets", subnets,
        "securityGroups", List.of(ref("ec2.security-group", lb.securityGroup(), "id"))));
    waitFor(lbId);
    for (Service svc : s.services()) {
      if (svc.isRouted()) {
        var h = svc.healthCheck();
        String tg = targetGroupName(s.name(), svc);
        add("elb.target-group", tg, P.props("name", tg, "protocol", "HTTP", "port", svc.port().orElseThrow(),
            "vpcId", env.vpcId(), "targetType", "ip", "healthCheck", P.props("path", h.path(),
                "intervalSeconds", h.intervalSeconds(), "timeoutSeconds", h.timeoutSeconds(),
                "healthyThreshold", h.healthyThreshold(), "unhealthyThreshold", h.unhealthyThreshold(),
                "matcher", h.matcher()),
            "deregistrationDelaySeconds", svc.deregistrationDelaySeconds()));
      }
    }
    Map<String, Object> fallback = lb.defaultService().flatMap(s::service).map(this::forward)
        .orElse(P.props("type", "fixed-response", "statusCode", "404", "contentType", "text/plain",
            "body", "Not found"));
    Ref lbArn = ref("elb.load-balancer", lb.name(), "arn");
    boolean https = s.domain().isPresent();
    List<String> ruleListeners = new ArrayList<>();
    String http = lb.name() + ":80";
    add("elb.listener", http, P.props("loadBalancerArn", lbArn, "protocol", "HTTP", "port", 80,
        "defaultAction", https && lb.redirectHttpToHttps() ? P.props("type", "redirect", "redirectProtocol", "HTTPS",
            "redirectPort", "443", "statusCode", "HTTP_301") : fallback));
    if (!(https && lb.redirectHttpToHttps())) {
      ruleListeners.add(http);
    }
    if (https) {
      Domain d = s.domain().orElseThrow();
      String cert = certificateName(d);
      String tls = lb.name() + ":443";
      add("elb.listener", tls, P.props("loadBalancerArn", lbArn, "protocol", "HTTPS", "port", 443,
          "certificateArn", ref("acm.certificate", cert, "arn"), "sslPolicy", lb.sslPolicy(),
          "defaultAction", fallback), id(WAIT + "acm.certificate", cert));
      ruleListeners.add(tls);
      aliases(d, lb);
    }
    rules(ruleListeners);
  }

  private void aliases(Domain d, LoadBalancer lb) {
    Set<String> hosts = new LinkedHashSet<>();
    hosts.add(d.name());
    s.services().stream().flatMap(svc -> svc.routes().stream()).forEach(r -> r.host().ifPresent(hosts::add));
    hosts.addAll(d.aliases());
    for (String host : hosts) {
      String fqdn = HostedZoneType.fqdn(host);
      add("route53.record", fqdn + " A", P.props("zoneId", ref("route53.hosted-zone", d.name(), "id"),
          "name", fqdn, "type", "A", "alias", P.props(
              "dnsName", ref("elb.load-balancer", lb.name(), "dnsName"),
              "hostedZoneId", ref("elb.load-balancer", lb.name(), "canonicalHostedZoneId"),
              "evaluateTargetHealth", true)));
    }
  }

  /**
   * Listener rules. Explicit priorities are kept; the others are derived from the route itself so that adding or
   * removing a route never renumbers the rest: host-and-path rules first (1000-10999), then path-only (11000-20999),
   * then host-only (21000-30999), a hash of host and paths within the band, the next free number on a clash.
   */
  private void rules(List<String> listeners) {
    Set<Integer> taken = new HashSet<>();
    s.services().forEach(svc -> svc.routes().forEach(r -> r.priority().ifPresent(taken::add)));
    record Routed(Service svc, Route route, String key) {}
    List<Routed> routed = new ArrayList<>();
    s.services().forEach(svc -> svc.routes().forEach(r -> routed.add(new Routed(svc, r,
        r.host().orElse("") + "|" + String.join(",", r.pathPatterns())))));
    Map<Routed, Integer> priorities = new LinkedHashMap<>();
    routed.stream().filter(r -> r.route().priority().isPresent())
        .forEach(r -> priorities.put(r, r.route().priority().get()));
    routed.stream().filter(r -> r.route().priority().isEmpty()).sorted(java.util.Comparator.comparing(Routed::key))
        .forEach(r -> {
          int band = r.route().host().isPresent() && !r.route().pathPatterns().isEmpty() ? 0
              : r.route().pathPatterns().isEmpty() ? 2 : 1;
          var crc = new java.util.zip.CRC32();
          crc.update(r.key().getBytes(java.nio.charset.StandardCharsets.UTF_8));
          int p = 1000 + band * 10000 + (int) (crc.getValue() % 10000);
          while (taken.contains(p)) {
            p++;
          }
          taken.add(p);
          priorities.put(r, p);
        });
    for (Routed r : routed) {
      int priority = priorities.get(r);
      for (String listener : listeners) {
        add("elb.listener-rule", ListenerRuleType.id(listener, priority), P.props(
            "listenerArn", ref("elb.listener", listener, "arn"), "priority", priority,
            "hosts", r.route().host().map(List::of).orElse(List.of()), "paths", r.route().pathPatterns(),
            "action", forward(r.svc())));
      }
    }
  }

  // ---- ECS

  private String image(Image image) {
    return image.resolve(env.accountId() + ".dkr.ecr." + env.region() + ".amazonaws.com");
  }

  private Map<String, Object> logs(String prefix) {
    return P.props("driver", "awslogs", "options", new TreeMap<>(Map.of("awslogs-group", s.logGroup().name(),
        "awslogs-region", env.region(), "awslogs-stream-prefix", prefix)));
  }

  private void taskDefinition(Service svc) {
    List<Object> containers = new ArrayList<>();
    Map<String, Object> secrets = new TreeMap<>();
    svc.secrets().forEach((k, v) -> secrets.put(k, v.arn(env.partition(), env.region(), env.accountId())));
    List<Object> ports = new ArrayList<>();
    svc.port().ifPresent(p -> ports.add(P.props("containerPort", p, "protocol", "tcp", "name", svc.portName(),
        "appProtocol", svc.appProtocol())));
    Map<String, Object> hc = svc.containerHealthCheck().map(h -> P.props("command", h.command(),
        "interval", h.intervalSeconds(), "timeout", h.timeoutSeconds(), "retries", h.retries(),
        "startPeriod", h.startPeriodSeconds())).orElse(null);
    containers.add(P.props("name", svc.name(), "image", image(svc.image()), "cpu", 0, "essential", true,
        "portMappings", ports, "environment", new TreeMap<>(svc.environment()), "secrets", secrets,
        "logConfiguration", logs(svc.name()), "healthCheck", hc));
    for (Sidecar sc : svc.sidecars()) {
      List<Object> scPorts = new ArrayList<>();
      sc.port().ifPresent(p -> scPorts.add(P.props("containerPort", p, "protocol", sc.protocol(),
          "name", sc.name())));
      containers.add(P.props("name", sc.name(), "image", image(sc.image()), "cpu", sc.cpu(),
          "memoryReservation", sc.memoryReservationMib(), "essential", sc.essential(), "portMappings", scPorts,
          "environment", new TreeMap<>(sc.environment()), "secrets", new TreeMap<>(),
          "logConfiguration", logs(svc.name() + "-" + sc.name())));
    }
    add("ecs.task-definition", svc.name(), P.props("family", svc.name(), "cpu", String.valueOf(svc.cpu()),
        "memory", String.valueOf(svc.memoryMib()),
        "executionRoleArn", ref("iam.role", s.executionRoleName(), "arn"),
        "taskRoleArn", ref("iam.role", s.taskRoleName(), "arn"), "containers", containers),
        // Before a task starts, the execution role must be able to read the secrets and write to the log group.
        java.util.stream.Stream.concat(out.keySet().stream().filter(i -> i.type().equals("iam.role-policy")),
            java.util.stream.Stream.of(id("logs.log-group", s.logGroup().name()))).toArray(ResourceId[]::new));
  }

  private void service(Service svc) {
    List<String> subnets = new ArrayList<>(svc.subnets().isEmpty() ? env.defaultSubnets() : svc.subnets());
    subnets.sort(String::compareTo);
    List<String> groupNames = svc.securityGroups().isEmpty() ? List.of(s.serviceSecurityGroupName())
        : svc.securityGroups();
    List<Object> groups = new ArrayList<>();
    groupNames.forEach(g -> groups.add(ref("ec2.security-group", g, "id")));
    List<Object> lbs = new ArrayList<>();
    List<ResourceId> attachments = new ArrayList<>();
    if (svc.isRouted() && s.loadBalancer().isPresent()) {
      lbs.add(P.props("targetGroupArn", ref("elb.target-group", targetGroupName(s.name(), svc), "arn"),
          "containerName", svc.name(), "containerPort", svc.port().orElseThrow()));
      // ECS accepts a target group only once a listener or rule forwards to it.
      String tgName = targetGroupName(s.name(), svc);
      out.values().stream().filter(d -> d.id().type().startsWith("elb.listener"))
          .filter(d -> d.dependsOn().contains(id("elb.target-group", tgName))).forEach(d -> attachments.add(d.id()));
    }
    Map<String, Object> sc = s.cluster().serviceConnectNamespace()
        .filter(ns -> svc.serviceConnect() && svc.port().isPresent())
        .map(ns -> P.props("namespaceArn", ref("servicediscovery.namespace", ns, "arn"),
            "portName", svc.portName(), "discoveryName", svc.name(), "port", svc.port().orElseThrow()))
        .orElse(null);
    String name = s.cluster().name() + "/" + svc.name();
    ResourceId id = add("ecs.service", name, P.props("cluster", s.cluster().name(), "name", svc.name(),
        "taskDefinitionArn", ref("ecs.task-definition", svc.name(), "arn"), "desiredCount", svc.desiredCount(),
        "subnets", subnets, "securityGroups", groups, "assignPublicIp", svc.assignPublicIp(),
        "loadBalancers", lbs, "serviceConnect", sc, "enableExecuteCommand", svc.executeCommand(),
        "circuitBreaker", svc.circuitBreaker(), "rollback", svc.rollback(),
        "minHealthyPercent", svc.minHealthyPercent(), "maxPercent", svc.maxPercent(),
        "propagateTags", svc.propagateTags()),
        attachments.toArray(ResourceId[]::new));
    waitFor(id);
  }
}
