package io.cruddur.memory;

import io.cruddur.port.AutoScalingPort;
import io.cruddur.port.Cloud;
import io.cruddur.port.Ec2Port;
import io.cruddur.port.ElbPort;
import io.cruddur.port.EcsPort;
import io.cruddur.port.Route53Port;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a cloud holds, by kind, as names read through the ports' list calls: a resource made twice shows twice. Ids
 * and ARNs are left out (they differ between runs on an emulator), so two clouds that hold the same resources
 * compare equal. Test helper, shared with cruddur-aws's tests.
 */
public final class CloudInventory {
  private CloudInventory() {}

  /** Kind to the sorted names of its resources (duplicates kept). */
  public static SortedMap<String, List<String>> of(Cloud cloud) {
    Map<String, List<String>> m = new HashMap<>();
    cloud.ecr().listRepositories().forEach(r -> add(m, "ecr.repository", r.name()));
    cloud.logs().listLogGroups().forEach(g -> add(m, "logs.log-group", g.name()));
    cloud.serviceDiscovery().listNamespaces().forEach(n -> add(m, "servicediscovery.namespace", n.name()));
    for (EcsPort.Cluster c : cloud.ecs().listClusters()) {
      add(m, "ecs.cluster", c.name());
      for (EcsPort.Service s : cloud.ecs().listServices(c.name())) {
        add(m, "ecs.service", c.name() + "/" + s.name());
      }
    }
    for (String family : cloud.ecs().taskDefinitionFamilies()) {
      // One entry per ACTIVE revision: a registration made twice shows as two.
      cloud.ecs().taskDefinitions(family).forEach(td -> add(m, "ecs.task-definition", family));
    }
    cloud.iam().listRoles().forEach(r -> {
      add(m, "iam.role", r.name());
      cloud.iam().rolePolicies(r.name()).keySet().forEach(p -> add(m, "iam.role-policy", r.name() + "/" + p));
      cloud.iam().attachedPolicies(r.name()).forEach(p -> add(m, "iam.policy-attachment", r.name() + " " + p));
    });
    cloud.ec2().defaultVpc().ifPresent(vpc -> {
      List<Ec2Port.SecurityGroup> groups = cloud.ec2().listSecurityGroups(vpc.id());
      Map<String, String> names = new HashMap<>();
      groups.forEach(g -> names.put(g.id(), g.name()));
      for (Ec2Port.SecurityGroup g : groups) {
        add(m, "ec2.security-group", g.name());
        for (Ec2Port.Rule r : g.ingress()) {
          Ec2Port.Permission p = r.permission();
          String from = p.cidr() != null ? p.cidr() : names.getOrDefault(p.sourceGroupId(), p.sourceGroupId());
          add(m, "ec2.ingress", g.name() + " " + p.protocol() + " " + p.fromPort() + "-" + p.toPort() + " " + from);
        }
      }
    });
    Map<String, String> targetGroups = new HashMap<>();
    cloud.elb().listTargetGroups().forEach(tg -> {
      add(m, "elb.target-group", tg.name());
      targetGroups.put(tg.arn(), tg.name());
    });
    for (ElbPort.LoadBalancer lb : cloud.elb().listLoadBalancers()) {
      add(m, "elb.load-balancer", lb.name());
      for (ElbPort.Listener l : cloud.elb().listeners(lb.arn())) {
        add(m, "elb.listener", lb.name() + ":" + l.port() + " " + l.protocol());
        if ("HTTPS".equals(l.protocol())) {
          for (String cert : cloud.elb().listenerCertificates(l.arn())) {
            add(m, "elb.listener-certificate", lb.name() + ":" + l.port() + " " + cloud.acm().listCertificates()
                .stream().filter(c -> c.arn().equals(cert)).map(c -> c.domainName()).findFirst().orElse(cert));
          }
        }
        for (ElbPort.Rule r : cloud.elb().rules(l.arn())) {
          if (r.priority() > 0) {
            add(m, "elb.listener-rule", lb.name() + ":" + l.port() + " #" + r.priority() + " " + r.hosts() + " "
                + r.paths() + " -> " + targetGroups.getOrDefault(r.action().targetGroupArn(), r.action().type()));
          }
        }
      }
    }
    for (Route53Port.HostedZone z : cloud.route53().listHostedZones()) {
      add(m, "route53.hosted-zone", z.name());
      cloud.route53().listRecords(z.id()).forEach(r -> add(m, "route53.record", r.name() + " " + r.type()));
    }
    cloud.acm().listCertificates().forEach(c -> add(m, "acm.certificate", c.domainName() + " "
        + c.subjectAlternativeNames()));
    for (AutoScalingPort.ScalableTarget t : cloud.autoScaling().listScalableTargets(AutoScalingPort.ECS)) {
      add(m, "applicationautoscaling.scalable-target", t.resourceId());
      cloud.autoScaling().listScalingPolicies(t.namespace(), t.resourceId(), t.dimension())
          .forEach(p -> add(m, "applicationautoscaling.scaling-policy", p.name()));
    }
    SortedMap<String, List<String>> sorted = new TreeMap<>();
    m.forEach((kind, names) -> sorted.put(kind, names.stream().sorted().toList()));
    return sorted;
  }

  /** The entries that occur more than once, by kind (empty: no duplicates). */
  public static SortedMap<String, List<String>> duplicates(SortedMap<String, List<String>> inventory) {
    SortedMap<String, List<String>> d = new TreeMap<>();
    inventory.forEach((kind, names) -> {
      List<String> twice = names.stream().filter(n -> names.indexOf(n) != names.lastIndexOf(n)).distinct().toList();
      if (!twice.isEmpty()) {
        d.put(kind, twice);
      }
    });
    return d;
  }

  /**
   * What {@code inventory} holds more often than {@code clean} does (at least once is never too often): a resource
   * made twice. Task-definition revisions count too: a clean update leaves the old revision ACTIVE beside the new
   * one, so two are expected then, and a third would be one too many.
   */
  public static SortedMap<String, List<String>> duplicates(SortedMap<String, List<String>> inventory,
      SortedMap<String, List<String>> clean) {
    SortedMap<String, List<String>> d = new TreeMap<>();
    inventory.forEach((kind, names) -> {
      List<String> expected = clean.getOrDefault(kind, List.of());
      List<String> tooMany = names.stream().distinct().filter(n -> java.util.Collections.frequency(names, n)
          > Math.max(1, java.util.Collections.frequency(expected, n))).toList();
      if (!tooMany.isEmpty()) {
        d.put(kind, tooMany);
      }
    });
    return d;
  }

  private static void add(Map<String, List<String>> m, String kind, String name) {
    m.computeIfAbsent(kind, k -> new ArrayList<>()).add(name);
  }
}
