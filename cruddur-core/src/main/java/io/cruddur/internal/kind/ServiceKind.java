package io.cruddur.internal.kind;

import io.cruddur.base.Tags;
import io.cruddur.port.CloudException;
import io.cruddur.port.EcsPort;
import io.cruddur.port.ElbPort;
import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.resource.Actual;
import io.cruddur.resource.Backoff;
import io.cruddur.resource.Scope;
import io.cruddur.resource.ServiceState;
import io.cruddur.resource.Value;
import io.cruddur.resource.Waiter;
import io.cruddur.resource.WriteContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ecs.service}, named {@code cluster/name}. It is ready when its newest deployment is the only one,
 * COMPLETED, with all tasks running (a circuit-breaker rollback fails the wait); after a delete it is gone once
 * drained.
 */
final class ServiceKind extends BaseKind<ServiceState, ServiceState.Outputs> {
  // Both polled to a cap of 5 s: a deployment takes 1-3 min and ends the apply; draining (stop timeout plus the
  // deregistration delay, about 1 min by default) holds back a replacement or the rest of a destroy.
  private static final Waiter<ServiceState.Outputs> STABLE = Waiter.of("service stable", Duration.ofMinutes(20),
      Backoff.upTo(Duration.ofSeconds(5)), true, ServiceKind::stable);
  private static final Waiter<ServiceState.Outputs> DRAINED = Waiter.of("service drained", Duration.ofMinutes(15),
      Backoff.upTo(Duration.ofSeconds(5)), false, (cloud, out) -> cloud.ecs().findService(out.cluster(), out.name())
          .map(s -> s.status() + ", " + s.runningCount() + " task(s) running").orElse(null));

  ServiceKind() {
    super("ecs.service", 5, ServiceState.class, ServiceState.Outputs.class);
  }

  /** The stack-level name of service {@code name} of {@code cluster}. */
  static String id(String cluster, String name) {
    return cluster + "/" + name;
  }

  private static ServiceState state(EcsPort.ServiceSpec s) {
    List<ServiceState.LoadBalancer> lbs = s.loadBalancers().stream().map(lb -> new ServiceState.LoadBalancer(
        Value.of(lb.targetGroupArn()), lb.containerName(), lb.containerPort())).toList();
    EcsPort.ServiceConnect sc = s.serviceConnect();
    return new ServiceState(Value.of(s.cluster()), s.name(), Value.of(s.taskDefinitionArn()), s.desiredCount(),
        s.subnets().stream().sorted().toList(), Value.ofAll(s.securityGroups()), s.assignPublicIp(), lbs,
        sc == null ? null : new ServiceState.ServiceConnect(Value.of(sc.namespaceArn()), sc.portName(),
            sc.discoveryName(), sc.port()),
        s.enableExecuteCommand(), s.circuitBreaker(), s.rollback(), s.minHealthyPercent(), s.maxPercent(),
        s.propagateTags(), false, null);
  }

  private static EcsPort.ServiceSpec spec(ServiceState s, Map<String, String> tags) {
    List<EcsPort.LoadBalancerAttachment> lbs = s.loadBalancers().stream().map(lb ->
        new EcsPort.LoadBalancerAttachment(lb.targetGroupArn().get(), lb.containerName(), lb.containerPort()))
        .toList();
    ServiceState.ServiceConnect sc = s.serviceConnect();
    return new EcsPort.ServiceSpec(s.cluster().get(), s.name(), s.taskDefinitionArn().get(), s.desiredCount(),
        s.subnets(), Value.getAll(s.securityGroups()), s.assignPublicIp(), lbs,
        sc == null ? null : new EcsPort.ServiceConnect(sc.namespaceArn().get(), sc.portName(), sc.discoveryName(),
            sc.port()),
        s.enableExecuteCommand(), s.circuitBreaker(), s.rollback(), s.minHealthyPercent(), s.maxPercent(),
        s.propagateTags(), tags);
  }

  private static ServiceState.Outputs outputs(EcsPort.Service s) {
    return new ServiceState.Outputs(s.arn(), s.spec().cluster(), s.name(), s.spec().taskDefinitionArn(),
        s.spec().tags().get(Tags.OVERRIDE));
  }

  private Actual<ServiceState, ServiceState.Outputs> actual(EcsPort.Service s, Scope scope) {
    return new Actual<>(handle(id(s.spec().cluster(), s.name())).id(), state(s.spec()), outputs(s),
        scope.owns(s.spec().tags()));
  }

  @Override
  public Optional<Actual<ServiceState, ServiceState.Outputs>> read(ReadPorts cloud, Scope scope, String name,
      ServiceState desired) {
    return cloud.ecs().findService(desired.cluster().get(), desired.name())
        .filter(s -> s.status().equals("ACTIVE")).map(s -> actual(s, scope));
  }

  @Override
  public List<Actual<ServiceState, ServiceState.Outputs>> owned(ReadPorts cloud, Scope scope) {
    Set<String> clusters = new LinkedHashSet<>(scope.clusters());
    cloud.ecs().listClusters().stream().filter(c -> scope.owns(c.tags())).forEach(c -> clusters.add(c.name()));
    List<Actual<ServiceState, ServiceState.Outputs>> out = new ArrayList<>();
    for (String cluster : clusters) {
      cloud.ecs().listServices(cluster).stream()
          .filter(s -> s.status().equals("ACTIVE") && scope.owns(s.spec().tags()))
          .forEach(s -> out.add(actual(s, scope)));
    }
    return out;
  }

  @Override
  public List<Actual<ServiceState, ServiceState.Outputs>> going(ReadPorts cloud, Scope scope, String name) {
    String service = name.substring(name.indexOf('/') + 1);
    Set<String> clusters = new LinkedHashSet<>(scope.clusters());
    if (name.contains("/")) {
      clusters.add(name.substring(0, name.indexOf('/')));
    }
    List<Actual<ServiceState, ServiceState.Outputs>> out = new ArrayList<>();
    for (String cluster : clusters) {
      cloud.ecs().findService(cluster, service)
          .filter(s -> s.status().equals("DRAINING") && scope.owns(s.spec().tags()))
          .ifPresent(s -> out.add(actual(s, scope)));
    }
    return out;
  }

  @Override
  public ServiceState.Outputs create(Ports cloud, String name, ServiceState s, WriteContext context) {
    String token = context.requestKey(id(s.cluster().get(), s.name()), 32);
    return outputs(cloud.ecs().createService(spec(s, context.tags()), token));
  }

  private static EcsPort.Service current(Ports cloud, Actual<ServiceState, ServiceState.Outputs> actual) {
    return cloud.ecs().findService(actual.outputs().cluster(), actual.outputs().name())
        .orElseThrow(() -> new CloudException.NotFound("service " + actual.id().name() + " is gone"));
  }

  @Override
  public ServiceState.Outputs update(Ports cloud, Actual<ServiceState, ServiceState.Outputs> actual,
      ServiceState s) {
    EcsPort.Service current = current(cloud, actual);
    // Auto scaling may have changed the count since the plan was made: send the count it has now.
    ServiceState desired = s.autoScaled() && s.override() == null
        ? s.withDesiredCount(current.spec().desiredCount()) : s;
    EcsPort.Service updated = cloud.ecs().updateService(spec(desired, current.spec().tags()), false);
    // A day-2 command says what it did on the service; the spec's own update takes that back.
    if (s.override() != null) {
      // A tag value holds at most 256 characters, of letters, digits, spaces and _.:/=+-@ (ECS API reference, Tag).
      String value = s.override().length() <= 256 ? s.override() : s.override().substring(0, 253) + "...";
      cloud.ecs().tagResource(updated.arn(), Map.of(Tags.OVERRIDE, value));
    } else if (current.spec().tags().containsKey(Tags.OVERRIDE)) {
      cloud.ecs().untagResource(updated.arn(), List.of(Tags.OVERRIDE));
    }
    // On every update, not only one that changes the revision: a retry of this step finds the revision changed.
    pruneRevisions(cloud, updated, actual.outputs().taskDefinitionArn());
    return new ServiceState.Outputs(updated.arn(), updated.spec().cluster(), updated.name(),
        updated.spec().taskDefinitionArn(), s.override());
  }

  /**
   * Deregisters the revisions of the service's family it no longer needs: all ACTIVE ones but the one it moves to,
   * the one it ran when the plan was made (for rollback) and any a deployment of the service still runs (a circuit
   * breaker goes back to it, and ECS would refuse to run it again once deregistered). Done here rather than where
   * the revision is registered, because only the service knows what it runs, and because a retry of this step only
   * repeats an update with the same settings, where a retry of the registering step would register a second
   * revision (one this prune then takes away).
   */
  private static void pruneRevisions(Ports cloud, EcsPort.Service service, String before) {
    String arn = service.spec().taskDefinitionArn();
    String family = arn.substring(arn.lastIndexOf('/') + 1, arn.lastIndexOf(':'));
    Set<String> keep = new LinkedHashSet<>(List.of(arn, before));
    service.deployments().forEach(d -> keep.add(d.taskDefinitionArn()));
    for (EcsPort.TaskDefinition td : cloud.ecs().taskDefinitions(family)) {
      if (!keep.contains(td.arn())) {
        cloud.ecs().deregisterTaskDefinition(td.arn());
      }
    }
  }

  @Override
  public Optional<Redeploy<ServiceState, ServiceState.Outputs>> redeployment() {
    // The service as it runs now, with a forced new deployment: tasks restart and pull their tags again.
    return Optional.of((cloud, actual) -> outputs(cloud.ecs().updateService(current(cloud, actual).spec(), true)));
  }

  @Override
  public Optional<String> failedForGood(ReadPorts cloud, ServiceState.Outputs out) {
    return cloud.ecs().findService(out.cluster(), out.name()).stream().flatMap(s -> s.deployments().stream())
        .filter(d -> d.status().equals("PRIMARY") && "FAILED".equals(d.rolloutState())
            && d.taskDefinitionArn().equals(out.taskDefinitionArn()))
        .findFirst().map(d -> "its last deployment FAILED (" + d.rolloutStateReason() + ")"
            + lastStopped(cloud, out, d.taskDefinitionArn()).map(t -> "; last stopped task: " + t.stoppedReason())
                .orElse("") + "; ECS starts no new deployment by itself");
  }

  @Override
  public void delete(Ports cloud, Actual<ServiceState, ServiceState.Outputs> actual,
      Optional<ServiceState> desired) {
    cloud.ecs().deleteService(actual.outputs().cluster(), actual.outputs().name());
  }

  @Override
  public ServiceState modifyPlan(ServiceState desired, ServiceState actual) {
    // Auto scaling owns the count once the service runs: keep what it set.
    return desired.autoScaled() ? desired.withDesiredCount(actual.desiredCount()) : desired;
  }

  @Override
  public Optional<Waiter<ServiceState.Outputs>> readiness() {
    return Optional.of(STABLE);
  }

  @Override
  public Optional<Waiter<ServiceState.Outputs>> deletion() {
    return Optional.of(DRAINED);
  }

  private static String stable(ReadPorts cloud, ServiceState.Outputs out) {
    EcsPort.Service s = cloud.ecs().findService(out.cluster(), out.name())
        .orElseThrow(() -> new CloudException.NotFound("service " + out.name() + " is gone"));
    EcsPort.Deployment primary = s.deployments().stream().filter(d -> d.status().equals("PRIMARY"))
        .findFirst().orElseThrow(() -> new CloudException("service " + s.name() + " has no primary deployment"));
    String expected = out.taskDefinitionArn();
    boolean ours = expected == null || expected.equals(primary.taskDefinitionArn());
    EcsPort.Deployment failed = s.deployments().stream()
        .filter(d -> "FAILED".equals(d.rolloutState()) && (expected == null
            || expected.equals(d.taskDefinitionArn()))).findFirst().orElse(null);
    if (failed != null) {
      Optional<EcsPort.StoppedTask> stopped = lastStopped(cloud, out, failed.taskDefinitionArn());
      throw new CloudException.DeploymentFailed(s.name(), failed.taskDefinitionArn(), failed.rolloutStateReason(),
          stopped.map(EcsPort.StoppedTask::stoppedReason).orElse(null),
          stopped.map(EcsPort.StoppedTask::stopCode).orElse(null), primary.taskDefinitionArn(),
          unhealthyTargets(cloud, s).orElse(null));
    }
    if (!ours) {
      Optional<EcsPort.StoppedTask> stopped = lastStopped(cloud, out, expected);
      throw new CloudException.DeploymentFailed(s.name(), expected, null,
          stopped.map(EcsPort.StoppedTask::stoppedReason).orElse(null),
          stopped.map(EcsPort.StoppedTask::stopCode).orElse(null), primary.taskDefinitionArn(),
          unhealthyTargets(cloud, s).orElse(null));
    }
    if ("COMPLETED".equals(primary.rolloutState()) && s.deployments().size() == 1
        && primary.runningCount() == primary.desiredCount()) {
      return null;
    }
    return "running " + primary.runningCount() + "/" + primary.desiredCount() + ", "
        + s.deployments().size() + " deployment(s), rollout " + primary.rolloutState()
        + lastStopped(cloud, out, primary.taskDefinitionArn()).map(t -> "; a task stopped: " + t.stoppedReason()
            + (t.stopCode() == null ? "" : " (" + t.stopCode() + ")")).orElse("")
        + unhealthyTargets(cloud, s).map(t -> "; targets: " + t).orElse("");
  }

  /**
   * The service's targets that its target groups' health checks do not see as healthy (in initial checks,
   * unhealthy, draining...), described: why the load balancer holds the deployment back. Targets in the same
   * condition are counted together ({@code 3 targets unhealthy (...), e.g. 10.0.1.7:4567}). Empty when all are
   * healthy or the service has no load balancer.
   */
  private static Optional<String> unhealthyTargets(ReadPorts cloud, EcsPort.Service s) {
    Map<String, List<ElbPort.TargetHealth>> byCondition = new LinkedHashMap<>();
    for (EcsPort.LoadBalancerAttachment lb : s.spec().loadBalancers()) {
      try {
        cloud.elb().targetHealth(lb.targetGroupArn()).stream().filter(t -> !t.healthy())
            .forEach(t -> byCondition.computeIfAbsent(t.condition(), c -> new ArrayList<>()).add(t));
      } catch (CloudException.NotFound e) {
        // the group went meanwhile: nothing to tell about it
      }
    }
    List<String> out = new ArrayList<>();
    byCondition.forEach((condition, targets) -> out.add(targets.size() == 1 ? targets.get(0).describe()
        : targets.size() + " targets " + condition + ", e.g. " + targets.get(0).targetId() + ":"
            + targets.get(0).port()));
    return out.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", out));
  }

  /** The newest stopped task of {@code taskDefinitionArn}, if one stopped: its reason is what a user must fix. */
  private static Optional<EcsPort.StoppedTask> lastStopped(ReadPorts cloud, ServiceState.Outputs out,
      String taskDefinitionArn) {
    return cloud.ecs().stoppedTasks(out.cluster(), out.name()).stream()
        .filter(t -> taskDefinitionArn.equals(t.taskDefinitionArn())).findFirst();
  }
}
