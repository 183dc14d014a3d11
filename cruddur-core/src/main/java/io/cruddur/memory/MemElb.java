package io.cruddur.memory;

import io.cruddur.memory.MemoryState.StoredLoadBalancer;
import io.cruddur.port.CloudException;
import io.cruddur.port.EcsPort;
import io.cruddur.port.ElbPort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

final class MemElb implements ElbPort {
  /** The published canonical hosted zone ids of application load balancers, by region. */
  private static final Map<String, String> CANONICAL_ZONES = Map.of(
      "us-east-1", "Z35SXDOTRQ7X7K", "us-east-2", "Z3AADJGX6KTTL2", "us-west-1", "Z368ELLRRE2KJ0",
      "us-west-2", "Z1H1FL5HABSF5", "eu-west-1", "Z32O12XQLNTSW2", "eu-central-1", "Z215JYRZR1TBD5");
  private static final Pattern TARGET_GROUP_NAME = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?");
  private static final int VALUES_PER_CONDITION = 3;
  private static final int VALUES_PER_RULE = 5;
  private final InMemoryCloud c;

  MemElb(InMemoryCloud c) {
    this.c = c;
  }

  private LoadBalancer view(StoredLoadBalancer s) {
    LoadBalancer lb = s.loadBalancer();
    String st = c.now() >= s.createdAt() + c.settings.loadBalancerProvisioning().toMillis() ? "active" : "provisioning";
    return new LoadBalancer(lb.arn(), lb.name(), lb.dnsName(), lb.canonicalHostedZoneId(), lb.scheme(), st,
        lb.subnets(), lb.securityGroups(), lb.tags());
  }

  @Override
  public LoadBalancer createLoadBalancer(String name, boolean internetFacing, List<String> subnets,
      List<String> securityGroups, Map<String, String> tags) {
    return c.op("elbv2", "CreateLoadBalancer", name, true, () -> {
      Optional<StoredLoadBalancer> existing = c.state.loadBalancers.values().stream()
          .filter(s -> s.loadBalancer().name().equals(name)).findFirst();
      if (existing.isPresent()) {
        // CreateLoadBalancer is idempotent (API reference: "If you attempt to create multiple load balancers with
        // the same settings, each call succeeds"): the same settings return the existing one; others conflict.
        LoadBalancer lb = existing.get().loadBalancer();
        if (lb.scheme().equals(internetFacing ? "internet-facing" : "internal")
            && Set.copyOf(lb.subnets()).equals(Set.copyOf(subnets))
            && Set.copyOf(lb.securityGroups()).equals(Set.copyOf(securityGroups))) {
          return view(existing.get());
        }
        throw new CloudException.Conflict("DuplicateLoadBalancerName: " + name);
      }
      checkSubnets(subnets);
      securityGroups.forEach(g -> ((MemEc2) c.ec2()).require(g));
      String hex = c.nextId("alb", name, 16);
      String arn = c.arn("elasticloadbalancing", "loadbalancer/app/" + name + "/" + hex);
      String dns = (internetFacing ? "" : "internal-") + name + "-" + Long.parseLong(hex.substring(0, 8), 16) % 10_000_000_000L
          + "." + c.state.region + ".elb.amazonaws.com";
      String zone = CANONICAL_ZONES.getOrDefault(c.state.region, "Z" + InMemoryCloud.digest(c.state.region, 12).toUpperCase());
      LoadBalancer lb = new LoadBalancer(arn, name, dns, zone, internetFacing ? "internet-facing" : "internal",
          "provisioning", List.copyOf(subnets), List.copyOf(securityGroups), InMemoryCloud.copy(tags));
      StoredLoadBalancer s = new StoredLoadBalancer(lb, c.now());
      c.state.loadBalancers.put(arn, s);
      return view(s);
    });
  }

  private void checkSubnets(List<String> subnets) {
    Set<String> zones = new HashSet<>();
    for (String id : subnets) {
      var s = c.state.subnets.get(id);
      if (s == null) {
        throw new CloudException.NotFound("SubnetNotFound: " + id);
      }
      zones.add(s.availabilityZone());
    }
    if (zones.size() < 2) {
      throw new CloudException.Invalid("InvalidConfigurationRequest: at least two subnets in two different "
          + "Availability Zones must be specified");
    }
  }

  @Override
  public Optional<LoadBalancer> findLoadBalancer(String name) {
    return c.op("elbv2", "DescribeLoadBalancers", name, false, () -> c.state.loadBalancers.values().stream()
        .filter(s -> s.loadBalancer().name().equals(name)).findFirst().map(this::view));
  }

  @Override
  public List<LoadBalancer> listLoadBalancers() {
    return c.op("elbv2", "DescribeLoadBalancers", null, false,
        () -> c.state.loadBalancers.values().stream().map(this::view).toList());
  }

  @Override
  public void setSecurityGroups(String arn, List<String> securityGroups) {
    c.opv("elbv2", "SetSecurityGroups", arn, () -> {
      StoredLoadBalancer s = requireLb(arn);
      securityGroups.forEach(g -> ((MemEc2) c.ec2()).require(g));
      LoadBalancer lb = s.loadBalancer();
      c.state.loadBalancers.put(arn, new StoredLoadBalancer(new LoadBalancer(lb.arn(), lb.name(), lb.dnsName(),
          lb.canonicalHostedZoneId(), lb.scheme(), lb.state(), lb.subnets(), List.copyOf(securityGroups),
          lb.tags()), s.createdAt()));
    });
  }

  @Override
  public void setSubnets(String arn, List<String> subnets) {
    c.opv("elbv2", "SetSubnets", arn, () -> {
      StoredLoadBalancer s = requireLb(arn);
      checkSubnets(subnets);
      LoadBalancer lb = s.loadBalancer();
      c.state.loadBalancers.put(arn, new StoredLoadBalancer(new LoadBalancer(lb.arn(), lb.name(), lb.dnsName(),
          lb.canonicalHostedZoneId(), lb.scheme(), lb.state(), List.copyOf(subnets), lb.securityGroups(),
          lb.tags()), s.createdAt()));
    });
  }

  @Override
  public void deleteLoadBalancer(String arn) {
    c.opv("elbv2", "DeleteLoadBalancer", arn, () -> {
      // API reference: "If the load balancer does not exist or has already been deleted, the call succeeds."
      if (!c.state.loadBalancers.containsKey(arn)) {
        return;
      }
      // AWS deletes the listeners and their rules with the load balancer.
      List<String> listenerArns = c.state.listeners.values().stream()
          .filter(l -> l.loadBalancerArn().equals(arn)).map(Listener::arn).toList();
      c.state.rules.values().removeIf(r -> listenerArns.contains(r.listenerArn()));
      listenerArns.forEach(this::releaseCertificates);
      listenerArns.forEach(c.state.listeners::remove);
      // Its network interfaces go a few minutes later; until then they hold its security groups.
      ((MemEc2) c.ec2()).hold(c.state.loadBalancers.get(arn).loadBalancer().securityGroups());
      c.state.loadBalancers.remove(arn);
    });
  }

  private StoredLoadBalancer requireLb(String arn) {
    StoredLoadBalancer s = c.state.loadBalancers.get(arn);
    if (s == null) {
      throw new CloudException.NotFound("LoadBalancerNotFound: " + arn);
    }
    return s;
  }

  // ---- target groups

  private TargetGroup viewTg(TargetGroup tg) {
    Set<String> lbs = new java.util.TreeSet<>();
    c.state.listeners.values().stream().filter(l -> forwardsTo(l.defaultAction(), tg.arn()))
        .forEach(l -> lbs.add(l.loadBalancerArn()));
    c.state.rules.values().stream().filter(r -> forwardsTo(r.action(), tg.arn())).forEach(r -> {
      Listener l = c.state.listeners.get(r.listenerArn());
      if (l != null) {
        lbs.add(l.loadBalancerArn());
      }
    });
    return new TargetGroup(tg.arn(), tg.name(), tg.protocol(), tg.port(), tg.vpcId(), tg.targetType(),
        tg.healthCheck(), tg.deregistrationDelaySeconds(), List.copyOf(lbs), tg.tags());
  }

  private static boolean forwardsTo(Action a, String tgArn) {
    return a != null && "forward".equals(a.type()) && tgArn.equals(a.targetGroupArn());
  }

  @Override
  public TargetGroup createTargetGroup(String name, String protocol, int port, String vpcId, String targetType,
      HealthCheck healthCheck, int deregistrationDelaySeconds, Map<String, String> tags) {
    return c.op("elbv2", "CreateTargetGroup", name, true, () -> {
      // API reference (CreateTargetGroup, Name): "can have a maximum of 32 characters, must contain only
      // alphanumeric characters or hyphens, and must not begin or end with a hyphen".
      if (!TARGET_GROUP_NAME.matcher(name).matches()) {
        throw new CloudException.Invalid("ValidationError: target group name '" + name + "' must be 1-32 letters, "
            + "digits or hyphens, not beginning or ending with a hyphen");
      }
      Optional<TargetGroup> existing = c.state.targetGroups.values().stream().filter(t -> t.name().equals(name))
          .findFirst();
      if (existing.isPresent()) {
        TargetGroup t = existing.get();
        // AWS returns the existing group when the settings are identical.
        if (t.protocol().equals(protocol) && t.port() == port && t.vpcId().equals(vpcId)
            && t.targetType().equals(targetType) && t.healthCheck().equals(healthCheck)) {
          return viewTg(t);
        }
        throw new CloudException.Conflict("DuplicateTargetGroupName: " + name);
      }
      String arn = c.arn("elasticloadbalancing", "targetgroup/" + name + "/" + c.nextId("tg", name, 16));
      TargetGroup tg = new TargetGroup(arn, name, protocol, port, vpcId, targetType, healthCheck,
          deregistrationDelaySeconds, List.of(), InMemoryCloud.copy(tags));
      c.state.targetGroups.put(arn, tg);
      return tg;
    });
  }

  @Override
  public Optional<TargetGroup> findTargetGroup(String name) {
    return c.op("elbv2", "DescribeTargetGroups", name, false, () -> c.state.targetGroups.values().stream()
        .filter(t -> t.name().equals(name)).findFirst().map(this::viewTg));
  }

  @Override
  public List<TargetGroup> listTargetGroups() {
    return c.op("elbv2", "DescribeTargetGroups", null, false,
        () -> c.state.targetGroups.values().stream().map(this::viewTg).toList());
  }

  TargetGroup targetGroup(String arn) {
    TargetGroup t = c.state.targetGroups.get(arn);
    if (t == null) {
      throw new CloudException.NotFound("TargetGroupNotFound: " + arn);
    }
    return viewTg(t);
  }



  @Override
  public void modifyTargetGroup(String arn, HealthCheck healthCheck, int deregistrationDelaySeconds) {
    c.opv("elbv2", "ModifyTargetGroup", arn, () -> {
      TargetGroup t = targetGroup(arn);
      c.state.targetGroups.put(arn, new TargetGroup(arn, t.name(), t.protocol(), t.port(), t.vpcId(),
          t.targetType(), healthCheck, deregistrationDelaySeconds, List.of(), t.tags()));
    });
  }

  @Override
  public void deleteTargetGroup(String arn) {
    c.opv("elbv2", "DeleteTargetGroup", arn, () -> {
      TargetGroup t = targetGroup(arn);
      if (!t.loadBalancerArns().isEmpty()) {
        throw new CloudException.InUse("ResourceInUse: target group " + t.name()
            + " is currently in use by a listener or a rule");
      }
      c.state.targetGroups.remove(arn);
    });
  }

  // ---- listeners and rules

  private void checkAction(Action a, String lbArn) {
    if ("forward".equals(a.type())) {
      TargetGroup tg = targetGroup(a.targetGroupArn());
      if (tg.loadBalancerArns().stream().anyMatch(other -> !other.equals(lbArn))) {
        throw new CloudException.Invalid("TargetGroupAssociationLimit: target group " + tg.name()
            + " is already used by another load balancer");
      }
    }
  }

  private void checkCertificate(String protocol, String certificateArn) {
    if (!"HTTPS".equals(protocol)) {
      return;
    }
    if (certificateArn == null) {
      throw new CloudException.Invalid("CertificateNotFound: an HTTPS listener needs a certificate");
    }
    String status = ((MemAcm) c.acm()).status(certificateArn);
    if (!"ISSUED".equals(status)) {
      throw new CloudException.Invalid("UnsupportedCertificate: certificate " + certificateArn + " is " + status);
    }
  }

  @Override
  public Listener createListener(String lbArn, String protocol, int port, String certificateArn, String sslPolicy,
      Action defaultAction, Map<String, String> tags) {
    return c.op("elbv2", "CreateListener", lbArn + " " + port, true, () -> {
      StoredLoadBalancer lb = requireLb(lbArn);
      Optional<Listener> taken = c.state.listeners.values().stream()
          .filter(l -> l.loadBalancerArn().equals(lbArn) && l.port() == port).findFirst();
      if (taken.isPresent()) {
        // CreateListener is idempotent (API reference: "If you attempt to create multiple listeners with the same
        // settings, each call succeeds"): the same settings return the existing one; others are DuplicateListener.
        Listener l = taken.get();
        if (l.protocol().equals(protocol) && Objects.equals(l.certificateArn(), certificateArn)
            && Objects.equals(l.sslPolicy(), "HTTPS".equals(protocol) ? sslPolicy : null)
            && l.defaultAction().equals(defaultAction)) {
          return l;
        }
        throw new CloudException.Conflict("DuplicateListener: port " + port + " on " + lb.loadBalancer().name());
      }
      checkCertificate(protocol, certificateArn);
      checkAction(defaultAction, lbArn);
      String arn = lbArn.replace(":loadbalancer/", ":listener/") + "/" + c.nextId("listener", lbArn + ":" + port, 16);
      Listener l = new Listener(arn, lbArn, protocol, port, certificateArn,
          "HTTPS".equals(protocol) ? sslPolicy : null, defaultAction);
      c.state.listeners.put(arn, l);
      return l;
    });
  }

  @Override
  public List<Listener> listeners(String lbArn) {
    return c.op("elbv2", "DescribeListeners", lbArn, false, () -> c.state.listeners.values().stream()
        .filter(l -> l.loadBalancerArn().equals(lbArn)).toList());
  }

  @Override
  public void modifyListener(String arn, String protocol, int port, String certificateArn, String sslPolicy,
      Action defaultAction) {
    c.opv("elbv2", "ModifyListener", arn, () -> {
      Listener l = requireListener(arn);
      checkCertificate(protocol, certificateArn);
      checkAction(defaultAction, l.loadBalancerArn());
      if (!Objects.equals(l.certificateArn(), certificateArn)) {
        // The listener lets go of its old certificate, which ACM counts as in use for a while yet.
        releaseCertificate(arn);
      }
      c.state.listeners.put(arn, new Listener(arn, l.loadBalancerArn(), protocol, port, certificateArn,
          "HTTPS".equals(protocol) ? sslPolicy : null, defaultAction));
    });
  }

  @Override
  public void deleteListener(String arn) {
    c.opv("elbv2", "DeleteListener", arn, () -> {
      requireListener(arn);
      c.state.rules.values().removeIf(r -> r.listenerArn().equals(arn));
      releaseCertificates(arn);
      c.state.listeners.remove(arn);
    });
  }

  /** ACM still counts a deleted listener's use of its certificate for a while. */
  private void releaseCertificate(String listenerArn) {
    Listener l = c.state.listeners.get(listenerArn);
    if (l != null && l.certificateArn() != null) {
      hold(l.certificateArn());
    }
  }

  /** ACM still counts a deleted listener's use of its default and its added certificates for a while. */
  private void releaseCertificates(String listenerArn) {
    releaseCertificate(listenerArn);
    java.util.Set<String> added = c.state.listenerCertificates.remove(listenerArn);
    if (added != null) {
      added.forEach(this::hold);
    }
  }

  private void hold(String certificateArn) {
    c.state.heldCertificates.merge(certificateArn, c.now() + c.settings.certificateRelease().toMillis(), Math::max);
  }

  @Override
  public List<String> listenerCertificates(String listenerArn) {
    return c.op("elbv2", "DescribeListenerCertificates", listenerArn, false, () -> {
      requireListener(listenerArn);
      return List.copyOf(c.state.listenerCertificates.getOrDefault(listenerArn, new java.util.TreeSet<>()));
    });
  }

  @Override
  public void addListenerCertificate(String listenerArn, String certificateArn) {
    c.opv("elbv2", "AddListenerCertificates", listenerArn + " " + certificateArn, () -> {
      Listener l = requireListener(listenerArn);
      if (!"HTTPS".equals(l.protocol())) {
        throw new CloudException.Invalid("ValidationError: listener " + listenerArn + " is not HTTPS, so it "
            + "takes no certificates");
      }
      checkCertificate("HTTPS", certificateArn);
      java.util.Set<String> added = c.state.listenerCertificates.computeIfAbsent(listenerArn,
          k -> new java.util.TreeSet<>());
      // AWS: 25 certificates per load balancer by default, the default one included.
      if (!added.contains(certificateArn) && !certificateArn.equals(l.certificateArn()) && added.size() + 1 >= 25) {
        throw new CloudException.Invalid("TooManyCertificates: listener " + listenerArn + " has 25 certificates");
      }
      if (!certificateArn.equals(l.certificateArn())) {
        added.add(certificateArn);
      }
    });
  }

  @Override
  public void removeListenerCertificate(String listenerArn, String certificateArn) {
    c.opv("elbv2", "RemoveListenerCertificates", listenerArn + " " + certificateArn, () -> {
      Listener l = requireListener(listenerArn);
      if (certificateArn.equals(l.certificateArn())) {
        throw new CloudException.Invalid("OperationNotPermitted: the default certificate of a listener cannot be "
            + "removed");
      }
      java.util.Set<String> added = c.state.listenerCertificates.get(listenerArn);
      if (added != null && added.remove(certificateArn)) {
        hold(certificateArn);
      }
    });
  }

  private Listener requireListener(String arn) {
    Listener l = c.state.listeners.get(arn);
    if (l == null) {
      throw new CloudException.NotFound("ListenerNotFound: " + arn);
    }
    return l;
  }

  private void checkPriority(String listenerArn, int priority, String except) {
    if (priority < 1 || priority > 50000) {
      throw new CloudException.Invalid("ValidationError: priority must be 1-50000");
    }
    if (c.state.rules.values().stream().anyMatch(r -> r.listenerArn().equals(listenerArn)
        && r.priority() == priority && !r.arn().equals(except))) {
      throw new CloudException.Conflict("PriorityInUse: priority '" + priority + "' is currently in use");
    }
  }

  /**
   * A rule needs a condition value; ALB allows at most 3 per condition and 5 per rule (the user guide, "Listener
   * rules": "You can specify up to three comparison strings per condition and up to five per rule"; the quota
   * "Condition values per rule" is 5).
   */
  private static void checkConditions(List<String> hosts, List<String> paths) {
    if (hosts.isEmpty() && paths.isEmpty()) {
      throw new CloudException.Invalid("ValidationError: a rule needs at least one condition value");
    }
    if (hosts.size() > VALUES_PER_CONDITION || paths.size() > VALUES_PER_CONDITION) {
      throw new CloudException.Invalid("ValidationError: a rule condition can have at most " + VALUES_PER_CONDITION
          + " values");
    }
    if (hosts.size() + paths.size() > VALUES_PER_RULE) {
      // AWS's words, as CloudFormation and the CDK users quote them (a 400 ValidationError).
      throw new CloudException.Invalid("ValidationError: A rule can only have '" + VALUES_PER_RULE
          + "' condition values");
    }
  }

  @Override
  public Rule createRule(String listenerArn, int priority, List<String> hosts, List<String> paths, Action action,
      Map<String, String> tags) {
    return c.op("elbv2", "CreateRule", listenerArn + " " + priority, true, () -> {
      Listener l = requireListener(listenerArn);
      checkPriority(listenerArn, priority, null);
      checkConditions(hosts, paths);
      checkAction(action, l.loadBalancerArn());
      String arn = listenerArn.replace(":listener/", ":listener-rule/") + "/" + c.nextId("rule", listenerArn + ":" + priority, 16);
      Rule r = new Rule(arn, listenerArn, priority, List.copyOf(hosts), List.copyOf(paths), action,
          InMemoryCloud.copy(tags));
      c.state.rules.put(arn, r);
      return r;
    });
  }

  @Override
  public List<Rule> rules(String listenerArn) {
    return c.op("elbv2", "DescribeRules", listenerArn, false, () -> c.state.rules.values().stream()
        .filter(r -> r.listenerArn().equals(listenerArn)).toList());
  }

  @Override
  public List<TargetHealth> targetHealth(String targetGroupArn) {
    return c.op("elbv2", "DescribeTargetHealth", targetGroupArn, false, () -> {
      targetGroup(targetGroupArn);
      MemEcs ecs = (MemEcs) c.ecs();
      ecs.refreshServices();
      List<TargetHealth> out = new java.util.ArrayList<>();
      for (MemoryState.StoredService s : c.state.services.values()) {
        for (var lb : s.spec().loadBalancers()) {
          if (!lb.targetGroupArn().equals(targetGroupArn)) {
            continue;
          }
          for (io.cruddur.port.EcsPort.Task t : ecs.tasksOf(s)) {
            if (t.lastStatus().equals("RUNNING") || !ecs.failsToStart(t.taskDefinitionArn())) {
              out.add(health(s, t, lb.containerPort()));
            }
          }
        }
      }
      return out;
    });
  }

  /**
   * A task's target as ELB reports it: one per task ECS registered for a service behind the group (tasks that never
   * started, as with an image that cannot be pulled, register none); draining while its service drains, in initial
   * health checking while it starts, unhealthy when its image fails the group's checks
   * ({@link InMemoryCloud#failTargetHealthChecks}), healthy once running.
   */
  private TargetHealth health(MemoryState.StoredService s, io.cruddur.port.EcsPort.Task t, int port) {
    String h = InMemoryCloud.digest("ip#" + t.arn(), 4);
    String ip = "10.0." + Integer.parseInt(h.substring(0, 2), 16) + "." + Integer.parseInt(h.substring(2), 16);
    if (s.status().equals("DRAINING")) {
      return new TargetHealth(ip, port, "draining", "Target.DeregistrationInProgress",
          "Target deregistration is in progress");
    }
    if (t.lastStatus().equals("RUNNING")) {
      return new TargetHealth(ip, port, "healthy", null, null);
    }
    var td = c.state.taskDefinitions.get(t.taskDefinitionArn());
    boolean failing = td != null && c.state.failingTargetHealth.stream().anyMatch(image -> td.spec().containers()
        .stream().anyMatch(cd -> cd.essential() && cd.image().contains(image)));
    return failing
        ? new TargetHealth(ip, port, "unhealthy", "Target.FailedHealthChecks", "Health checks failed")
        : new TargetHealth(ip, port, "initial", "Elb.InitialHealthChecking", "Initial health checks in progress");
  }

  @Override
  public void modifyRule(String arn, List<String> hosts, List<String> paths, Action action) {
    c.opv("elbv2", "ModifyRule", arn, () -> {
      Rule r = requireRule(arn);
      checkConditions(hosts, paths);
      checkAction(action, requireListener(r.listenerArn()).loadBalancerArn());
      c.state.rules.put(arn, new Rule(arn, r.listenerArn(), r.priority(), List.copyOf(hosts), List.copyOf(paths),
          action, r.tags()));
    });
  }

  @Override
  public void setRulePriority(String arn, int priority) {
    c.opv("elbv2", "SetRulePriorities", arn + " " + priority, () -> {
      Rule r = requireRule(arn);
      checkPriority(r.listenerArn(), priority, arn);
      c.state.rules.put(arn, new Rule(arn, r.listenerArn(), priority, r.hosts(), r.paths(), r.action(), r.tags()));
    });
  }

  @Override
  public void deleteRule(String arn) {
    c.opv("elbv2", "DeleteRule", arn, () -> {
      requireRule(arn);
      c.state.rules.remove(arn);
    });
  }

  private Rule requireRule(String arn) {
    Rule r = c.state.rules.get(arn);
    if (r == null) {
      throw new CloudException.NotFound("RuleNotFound: " + arn);
    }
    return r;
  }
}
