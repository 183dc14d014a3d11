package io.cruddur.plan.types;

import io.cruddur.plan.Actual;
import io.cruddur.plan.Desired;
import io.cruddur.plan.ResourceId;
import io.cruddur.plan.ResourceType;
import io.cruddur.plan.Waiter;
import io.cruddur.port.Cloud;
import io.cruddur.port.CloudException;
import io.cruddur.port.EcsPort;
import io.cruddur.spec.Stack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ecs.service}: {@code cluster/name} -> the service's settings. After a create or update it waits until
 * the new deployment is the only one, COMPLETED, with all tasks running; a circuit-breaker rollback fails the
 * step. Delete drains the service and waits until it is gone.
 */
final class ServiceType implements ResourceType {
  @Override
  public String name() {
    return "ecs.service";
  }

  @Override
  public int layer() {
    return 5;
  }

  static Map<String, Object> props(EcsPort.ServiceSpec s) {
    List<Object> lbs = new ArrayList<>();
    s.loadBalancers().forEach(lb -> lbs.add(P.props("targetGroupArn", lb.targetGroupArn(),
        "containerName", lb.containerName(), "containerPort", lb.containerPort())));
    EcsPort.ServiceConnect sc = s.serviceConnect();
    return P.props("cluster", s.cluster(), "name", s.name(), "taskDefinitionArn", s.taskDefinitionArn(),
        "desiredCount", s.desiredCount(), "subnets", P.sorted(s.subnets(), String::compareTo),
        "securityGroups", s.securityGroups(), "assignPublicIp", s.assignPublicIp(),
        "loadBalancers", lbs, "serviceConnect", sc == null ? null : P.props("namespaceArn", sc.namespaceArn(),
            "portName", sc.portName(), "discoveryName", sc.discoveryName(), "port", sc.port()),
        "enableExecuteCommand", s.enableExecuteCommand(), "circuitBreaker", s.circuitBreaker(),
        "rollback", s.rollback(), "minHealthyPercent", s.minHealthyPercent(), "maxPercent", s.maxPercent(),
        "propagateTags", s.propagateTags());
  }

  @SuppressWarnings("unchecked")
  static EcsPort.ServiceSpec spec(Map<String, Object> p, Map<String, String> tags) {
    List<EcsPort.LoadBalancerAttachment> lbs = new ArrayList<>();
    for (Object o : P.list(p, "loadBalancers")) {
      Map<String, Object> m = (Map<String, Object>) o;
      lbs.add(new EcsPort.LoadBalancerAttachment(P.str(m, "targetGroupArn"), P.str(m, "containerName"),
          P.integer(m, "containerPort")));
    }
    Map<String, Object> sc = P.map(p, "serviceConnect");
    return new EcsPort.ServiceSpec(P.str(p, "cluster"), P.str(p, "name"), P.str(p, "taskDefinitionArn"),
        P.integer(p, "desiredCount"), P.list(p, "subnets"), P.list(p, "securityGroups"), P.bool(p, "assignPublicIp"),
        lbs, sc == null ? null : new EcsPort.ServiceConnect(P.str(sc, "namespaceArn"), P.str(sc, "portName"),
            P.str(sc, "discoveryName"), P.integer(sc, "port")),
        P.bool(p, "enableExecuteCommand"), P.bool(p, "circuitBreaker"), P.bool(p, "rollback"),
        P.integer(p, "minHealthyPercent"), P.integer(p, "maxPercent"), P.str(p, "propagateTags"), tags);
  }

  private static Map<String, String> attrs(EcsPort.Service s) {
    return P.attrs("arn", s.arn(), "name", s.name(), "cluster", s.spec().cluster(),
        "taskDefinitionArn", s.spec().taskDefinitionArn());
  }

  private Actual actual(EcsPort.Service s, String stack) {
    return P.actual(this, s.spec().cluster() + "/" + s.name(), props(s.spec()), attrs(s),
        P.owns(s.spec().tags(), stack));
  }

  @Override
  public Optional<Actual> read(Cloud cloud, Scope scope, ResourceId id, Map<String, Object> props) {
    return cloud.ecs().findService(P.str(props, "cluster"), P.str(props, "name"))
        .filter(s -> s.status().equals("ACTIVE")).map(s -> actual(s, scope.stack()));
  }

  @Override
  public List<Actual> owned(Cloud cloud, Scope scope) {
    Set<String> clusters = new LinkedHashSet<>(scope.clusters());
    cloud.ecs().listClusters().stream().filter(c -> P.owns(c.tags(), scope.stack())).forEach(c -> clusters.add(c.name()));
    List<Actual> out = new ArrayList<>();
    for (String cluster : clusters) {
      cloud.ecs().listServices(cluster).stream()
          .filter(s -> s.status().equals("ACTIVE") && P.owns(s.spec().tags(), scope.stack()))
          .forEach(s -> out.add(actual(s, scope.stack())));
    }
    return out;
  }

  @Override
  public Map<String, String> create(Cloud cloud, ResourceId id, Map<String, Object> p, Map<String, String> tags) {
    EcsPort.ServiceSpec spec = spec(p, tags);
    String token = P.requestKey(tags, spec.cluster() + "/" + spec.name(), p, 32);
    return attrs(cloud.ecs().createService(spec, token));
  }

  @Override
  public Map<String, String> update(Cloud cloud, Actual actual, Map<String, Object> p, Set<String> changed) {
    EcsPort.Service current = cloud.ecs().findService(P.str(p, "cluster"), P.str(p, "name"))
        .orElseThrow(() -> new CloudException.NotFound("service " + actual.id().name() + " is gone"));
    return attrs(cloud.ecs().updateService(spec(p, current.spec().tags()), false));
  }

  @Override
  public void delete(Cloud cloud, Actual actual, Desired desired) {
    String cluster = actual.attributes().get("cluster");
    String name = actual.attributes().get("name");
    cloud.ecs().deleteService(cluster, name);
    Duration waited = Duration.ZERO;
    while (cloud.ecs().findService(cluster, name).isPresent()) {
      if (waited.compareTo(Duration.ofMinutes(15)) > 0) {
        throw new CloudException("service " + name + " is still draining after 15 minutes");
      }
      P.sleep(cloud, Duration.ofSeconds(5), "draining service " + name);
      waited = waited.plusSeconds(5);
    }
  }

  @Override
  public Set<String> replaceOn() {
    return Set.of("cluster", "name");
  }

  @Override
  public Optional<Waiter> waiter() {
    return Optional.of(Waiter.of("service stable", Duration.ofMinutes(20), Duration.ofSeconds(5),
        (cloud, a) -> {
      EcsPort.Service s = cloud.ecs().findService(a.get("cluster"), a.get("name"))
          .orElseThrow(() -> new CloudException.NotFound("service " + a.get("name") + " is gone"));
      EcsPort.Deployment primary = s.deployments().stream().filter(d -> d.status().equals("PRIMARY"))
          .findFirst().orElseThrow(() -> new CloudException("service " + s.name() + " has no primary deployment"));
      String expected = a.get("taskDefinitionArn");
      boolean ours = expected == null || expected.equals(primary.taskDefinitionArn());
      EcsPort.Deployment failed = s.deployments().stream()
          .filter(d -> "FAILED".equals(d.rolloutState()) && (expected == null
              || expected.equals(d.taskDefinitionArn()))).findFirst().orElse(null);
      if (failed != null) {
        throw new CloudException("deployment of " + s.name() + " failed" + (ours ? "" : " and was rolled back to "
            + primary.taskDefinitionArn()) + ": " + failed.rolloutStateReason());
      }
      if (!ours) {
        throw new CloudException("service " + s.name() + " now runs " + primary.taskDefinitionArn()
            + " instead of " + expected + " (rolled back or changed by someone else)");
      }
      if ("COMPLETED".equals(primary.rolloutState()) && s.deployments().size() == 1
          && primary.runningCount() == primary.desiredCount()) {
        return null;
      }
      return "running " + primary.runningCount() + "/" + primary.desiredCount() + ", "
          + s.deployments().size() + " deployment(s), rollout " + primary.rolloutState();
    }));
  }
}
