package io.cruddur.internal.blueprint;

import io.cruddur.port.EcsPort;
import io.cruddur.resource.ClusterState;
import io.cruddur.resource.Handle;
import io.cruddur.resource.LogGroupState;
import io.cruddur.resource.NamespaceState;
import io.cruddur.resource.NodeId;
import io.cruddur.resource.RepositoryState;
import io.cruddur.resource.RoleState;
import io.cruddur.resource.ServiceState;
import io.cruddur.resource.TargetGroupState;
import io.cruddur.resource.TaskDefinitionState;
import io.cruddur.resource.Value;
import io.cruddur.internal.kind.Kinds;
import io.cruddur.spec.Image;
import io.cruddur.spec.Repository;
import io.cruddur.spec.Service;
import io.cruddur.spec.Sidecar;
import io.cruddur.spec.Stack;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the containers run on: the repositories, the log group, the Service Connect namespace and the cluster; then
 * a task definition and a service per declared service, each service with a wait until it is stable.
 */
final class EcsContributor {
  /** The shared parts every service uses. */
  record Base(Handle<ClusterState, ClusterState.Outputs> cluster, Handle<LogGroupState, LogGroupState.Outputs> logs,
      Optional<Handle<NamespaceState, NamespaceState.Outputs>> namespace) {}

  private final Stack s;
  private final Environment env;
  private final Graph graph;

  private EcsContributor(Stack s, Environment env, Graph graph) {
    this.s = s;
    this.env = env;
    this.graph = graph;
  }

  static Base base(Stack s, Graph graph) {
    for (Repository r : s.repositories()) {
      graph.add(Kinds.REPOSITORY, r.name(), new RepositoryState(r.name(), r.immutableTags(), r.scanOnPush(),
          r.forceDelete()));
    }
    var logs = graph.add(Kinds.LOG_GROUP, s.logGroup().name(), new LogGroupState(s.logGroup().name(),
        s.logGroup().retentionDays()));
    var namespace = s.cluster().serviceConnectNamespace().map(ns ->
        graph.add(Kinds.NAMESPACE, ns, new NamespaceState(ns)));
    var cluster = graph.add(Kinds.CLUSTER, s.cluster().name(), new ClusterState(s.cluster().name(),
        s.cluster().containerInsights(), namespace.<Value<String>>map(n -> n.output("arn",
            NamespaceState.Outputs::arn)).orElse(Value.none())));
    return new Base(cluster, logs, namespace);
  }

  /** Task definitions and services, each service after the listeners and rules that forward to its group. */
  static Map<String, Handle<ServiceState, ServiceState.Outputs>> services(Stack s, Environment env, Base base,
      IamContributor.Roles roles, NetworkContributor.Groups network, Optional<EdgeContributor.Edge> edge,
      Graph graph) {
    EcsContributor c = new EcsContributor(s, env, graph);
    Map<String, Handle<ServiceState, ServiceState.Outputs>> out = new LinkedHashMap<>();
    for (Service svc : s.services()) {
      var td = c.taskDefinition(svc, base, roles);
      out.put(svc.name(), c.service(svc, td, base, network, edge.map(e -> e.targets().get(svc.name()))));
    }
    return out;
  }

  private TaskDefinitionState.LogConfiguration logs(Base base, String prefix) {
    Map<String, Value<String>> options = new TreeMap<>();
    options.put("awslogs-group", base.logs().input("name", LogGroupState::name));
    options.put("awslogs-region", Value.of(env.region()));
    options.put("awslogs-stream-prefix", Value.of(prefix));
    return new TaskDefinitionState.LogConfiguration("awslogs", options);
  }

  private String image(Image image) {
    return image.resolve(env.registry());
  }

  private Handle<TaskDefinitionState, TaskDefinitionState.Outputs> taskDefinition(Service svc, Base base,
      IamContributor.Roles roles) {
    List<TaskDefinitionState.Container> containers = new ArrayList<>();
    Map<String, String> secrets = new TreeMap<>();
    svc.secrets().forEach((k, v) -> secrets.put(k, v.arn(env.partition(), env.region(), env.accountId())
        .toString()));
    List<EcsPort.PortMapping> ports = svc.port().map(p -> List.of(new EcsPort.PortMapping(p, "tcp", svc.portName(),
        svc.appProtocol()))).orElse(List.of());
    EcsPort.HealthCheck hc = svc.containerHealthCheck().map(h -> new EcsPort.HealthCheck(h.command(),
        h.intervalSeconds(), h.timeoutSeconds(), h.retries(), h.startPeriodSeconds())).orElse(null);
    containers.add(new TaskDefinitionState.Container(svc.name(), image(svc.image()), 0, null, true, ports,
        new TreeMap<>(svc.environment()), secrets, logs(base, svc.name()), hc, svc.user().orElse(null)));
    for (Sidecar sc : svc.sidecars()) {
      List<EcsPort.PortMapping> scPorts = sc.port().map(p -> List.of(new EcsPort.PortMapping(p, sc.protocol(),
          sc.name(), null))).orElse(List.of());
      containers.add(new TaskDefinitionState.Container(sc.name(), image(sc.image()), sc.cpu(),
          sc.memoryReservationMib(), sc.essential(), scPorts, new TreeMap<>(sc.environment()), new TreeMap<>(),
          logs(base, svc.name() + "-" + sc.name()), null, sc.user().orElse(null)));
    }
    // Before a task starts, the execution role must be able to read the secrets and write to the log group, and the
    // repositories the stack creates for its images must exist (a task cannot pull from one that does not).
    List<NodeId> after = new ArrayList<>(roles.policies());
    Set<String> declared = new HashSet<>();
    s.repositories().forEach(r -> declared.add(r.name()));
    Stream.concat(Stream.of(svc.image()), svc.sidecars().stream().map(Sidecar::image))
        .flatMap(i -> i.repository().stream()).filter(declared::contains).distinct()
        .forEach(r -> after.add(Kinds.REPOSITORY.handle(r).id().node()));
    return graph.add(Kinds.TASK_DEFINITION, svc.name(), new TaskDefinitionState(svc.name(),
        String.valueOf(svc.cpu()), String.valueOf(svc.memoryMib()),
        roles.execution().output("arn", RoleState.Outputs::arn), roles.task().output("arn", RoleState.Outputs::arn),
        containers), after);
  }

  private Handle<ServiceState, ServiceState.Outputs> service(Service svc,
      Handle<TaskDefinitionState, TaskDefinitionState.Outputs> td, Base base, NetworkContributor.Groups network,
      Optional<EdgeContributor.Target> target) {
    List<String> groupNames = svc.securityGroups().isEmpty() ? List.of(s.serviceSecurityGroupName())
        : svc.securityGroups();
    List<ServiceState.LoadBalancer> lbs = new ArrayList<>();
    List<NodeId> after = new ArrayList<>();
    target.ifPresent(t -> {
      lbs.add(new ServiceState.LoadBalancer(t.group().output("arn", TargetGroupState.Outputs::arn),
          svc.name(), svc.port().orElseThrow()));
      // ECS accepts a target group only once a listener or rule forwards to it.
      after.addAll(t.forwarders());
    });
    ServiceState.ServiceConnect sc = base.namespace().filter(ns -> svc.serviceConnect() && svc.port().isPresent())
        .map(ns -> new ServiceState.ServiceConnect(ns.output("arn", NamespaceState.Outputs::arn), svc.portName(),
            svc.name(), svc.port().orElseThrow())).orElse(null);
    var service = graph.add(Kinds.SERVICE, Kinds.Names.service(s.cluster().name(), svc.name()), new ServiceState(
        base.cluster().input("name", ClusterState::name), svc.name(),
        td.output("arn", TaskDefinitionState.Outputs::arn), svc.desiredCount(), env.subnetsOr(svc.subnets()),
        groupNames.stream().map(network::id).toList(), svc.assignPublicIp(), lbs, sc, svc.executeCommand(),
        svc.circuitBreaker(), svc.rollback(), svc.minHealthyPercent(), svc.maxPercent(), svc.propagateTags(),
        svc.autoScaling().isPresent(), null),
        after);
    graph.waitFor(service, List.of());
    return service;
  }
}
