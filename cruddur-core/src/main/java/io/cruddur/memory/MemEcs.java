package io.cruddur.memory;

import io.cruddur.memory.MemoryState.StoredCluster;
import io.cruddur.memory.MemoryState.StoredDeployment;
import io.cruddur.memory.MemoryState.StoredService;
import io.cruddur.port.CloudException;
import io.cruddur.port.EcsPort;
import io.cruddur.port.ElbPort.TargetGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

final class MemEcs implements EcsPort {
  private final InMemoryCloud c;

  MemEcs(InMemoryCloud c) {
    this.c = c;
  }

  // ---- clusters

  @Override
  public Cluster createCluster(String name, boolean containerInsights, String namespaceArn,
      Map<String, String> tags) {
    return c.op("ecs", "CreateCluster", name, true, () -> {
      StoredCluster existing = c.state.clusters.get(name);
      if (existing != null && existing.cluster().status().equals("ACTIVE")) {
        // ECS returns the existing active cluster.
        return existing.cluster();
      }
      checkNamespace(namespaceArn);
      Cluster cl = new Cluster(name, c.arn("ecs", "cluster/" + name), "ACTIVE", containerInsights, namespaceArn,
          InMemoryCloud.copy(tags));
      c.state.clusters.put(name, new StoredCluster(cl, c.now()));
      return cl;
    });
  }

  private void checkNamespace(String namespaceArn) {
    if (namespaceArn != null && c.state.namespaces.values().stream()
        .noneMatch(n -> n.namespace().arn().equals(namespaceArn))) {
      throw new CloudException.NotFound("NamespaceNotFoundException: " + namespaceArn);
    }
  }

  @Override
  public Optional<Cluster> findCluster(String name) {
    return c.op("ecs", "DescribeClusters", name, false, () -> Optional.ofNullable(c.state.clusters.get(name))
        .map(StoredCluster::cluster).filter(cl -> cl.status().equals("ACTIVE")));
  }

  @Override
  public List<Cluster> listClusters() {
    return c.op("ecs", "ListClusters", null, false, () -> c.state.clusters.values().stream()
        .map(StoredCluster::cluster).filter(cl -> cl.status().equals("ACTIVE")).toList());
  }

  @Override
  public void updateCluster(String name, boolean containerInsights, String namespaceArn) {
    c.opv("ecs", "UpdateCluster", name, () -> {
      Cluster cl = requireCluster(name);
      checkNamespace(namespaceArn);
      c.state.clusters.put(name, new StoredCluster(new Cluster(name, cl.arn(), "ACTIVE", containerInsights,
          namespaceArn, cl.tags()), c.now()));
    });
  }

  @Override
  public void deleteCluster(String name) {
    c.opv("ecs", "DeleteCluster", name, () -> {
      Cluster cl = requireCluster(name);
      refreshAll();
      boolean busy = c.state.services.values().stream()
          .anyMatch(s -> s.spec().cluster().equals(name) && !s.status().equals("INACTIVE"));
      if (busy) {
        throw new CloudException.InUse("ClusterContainsServicesException: cluster " + name + " has services");
      }
      // An INACTIVE cluster is invisible through the port and may be created again: forget it.
      c.state.clusters.remove(name);
    });
  }

  private Cluster requireCluster(String name) {
    StoredCluster s = c.state.clusters.get(name);
    if (s == null || !s.cluster().status().equals("ACTIVE")) {
      throw new CloudException.NotFound("ClusterNotFoundException: cluster " + name + " not found");
    }
    return s.cluster();
  }

  // ---- task definitions

  @Override
  public TaskDefinition registerTaskDefinition(TaskDefinitionSpec spec) {
    return c.op("ecs", "RegisterTaskDefinition", spec.family(), true, () -> {
      if (spec.containers().isEmpty() || spec.containers().stream().noneMatch(ContainerDefinition::essential)) {
        throw new CloudException.Invalid("ClientException: a task definition needs an essential container");
      }
      if (!fargateSize(spec.cpu(), spec.memory())) {
        throw new CloudException.Invalid("ClientException: invalid CPU or memory value specified");
      }
      requireExecutionRole(spec);
      // Revisions are never reused, not even after every revision of the family was deleted.
      int registered = family(spec.family()).stream().mapToInt(TaskDefinition::revision).max().orElse(0);
      int revision = Math.max(registered, c.state.revisions.getOrDefault(spec.family(), 0)) + 1;
      c.state.revisions.put(spec.family(), revision);
      String arn = c.arn("ecs", "task-definition/" + spec.family() + ":" + revision);
      TaskDefinition td = new TaskDefinition(arn, spec.family(), revision, "ACTIVE", spec);
      c.state.taskDefinitions.put(arn, td);
      return td;
    });
  }

  /** Fargate pulls from ECR, writes awslogs and reads secrets with the execution role: it must be there. */
  private void requireExecutionRole(TaskDefinitionSpec spec) {
    if (spec.executionRoleArn() != null) {
      return;
    }
    String registry = c.state.accountId + ".dkr.ecr.";
    for (ContainerDefinition cd : spec.containers()) {
      if (cd.logConfiguration() != null && "awslogs".equals(cd.logConfiguration().driver())) {
        throw new CloudException.Invalid("ClientException: Fargate requires task definition to have execution "
            + "role ARN to support log driver awslogs.");
      }
      if (!cd.secrets().isEmpty()) {
        throw new CloudException.Invalid("ClientException: Fargate requires task definition to have execution "
            + "role ARN to support secrets.");
      }
      if (cd.image().startsWith(registry)) {
        throw new CloudException.Invalid("ClientException: Fargate requires task definition to have execution "
            + "role ARN to support ECR images.");
      }
    }
  }

  /** The Fargate CPU and memory combinations ECS accepts. */
  static boolean fargateSize(String cpu, String memory) {
    int c;
    int m;
    try {
      c = Integer.parseInt(cpu);
      m = Integer.parseInt(memory);
    } catch (NumberFormatException e) {
      return false;
    }
    return switch (c) {
      case 256 -> m == 512 || m == 1024 || m == 2048;
      case 512 -> m >= 1024 && m <= 4096 && m % 1024 == 0;
      case 1024 -> m >= 2048 && m <= 8192 && m % 1024 == 0;
      case 2048 -> m >= 4096 && m <= 16384 && m % 1024 == 0;
      case 4096 -> m >= 8192 && m <= 30720 && m % 1024 == 0;
      case 8192 -> m >= 16384 && m <= 61440 && m % 4096 == 0;
      case 16384 -> m >= 32768 && m <= 122880 && m % 8192 == 0;
      default -> false;
    };
  }

  @Override
  public Optional<TaskDefinition> latestTaskDefinition(String family) {
    return c.op("ecs", "DescribeTaskDefinition", family, false, () -> active(family).stream()
        .max(Comparator.comparingInt(TaskDefinition::revision)));
  }

  /**
   * The revisions of {@code family}, registered or deregistered: a range of the map by their ARN's prefix when it
   * is sorted (as it is but after loading a state file), rather than a pass over every task definition of every
   * family on each register and describe.
   */
  private List<TaskDefinition> family(String family) {
    java.util.Collection<TaskDefinition> candidates = c.state.taskDefinitions.values();
    if (c.state.taskDefinitions instanceof java.util.NavigableMap<String, TaskDefinition> sorted) {
      String prefix = c.arn("ecs", "task-definition/" + family + ":");
      candidates = sorted.subMap(prefix, true, prefix + Character.MAX_VALUE, false).values();
    }
    return candidates.stream().filter(t -> t.family().equals(family)).toList();
  }

  private List<TaskDefinition> active(String family) {
    return family(family).stream()
        .filter(t -> t.status().equals("ACTIVE"))
        .sorted(Comparator.comparingInt(TaskDefinition::revision)).toList();
  }

  @Override
  public List<String> taskDefinitionFamilies() {
    return c.op("ecs", "ListTaskDefinitionFamilies", null, false, () -> c.state.taskDefinitions.values().stream()
        .filter(t -> t.status().equals("ACTIVE")).map(TaskDefinition::family).distinct().sorted().toList());
  }

  @Override
  public List<TaskDefinition> taskDefinitions(String family) {
    return c.op("ecs", "ListTaskDefinitions", family, false, () -> active(family));
  }

  @Override
  public void deregisterTaskDefinition(String arn) {
    c.opv("ecs", "DeregisterTaskDefinition", arn, () -> {
      TaskDefinition t = c.state.taskDefinitions.get(arn);
      if (t == null) {
        throw new CloudException.NotFound("ClientException: task definition " + arn + " does not exist");
      }
      c.state.taskDefinitions.put(arn, new TaskDefinition(arn, t.family(), t.revision(), "INACTIVE", t.spec()));
    });
  }

  @Override
  public void deleteTaskDefinition(String arn) {
    c.opv("ecs", "DeleteTaskDefinitions", arn, () -> {
      TaskDefinition t = c.state.taskDefinitions.get(arn);
      if (t == null) {
        throw new CloudException.NotFound("ClientException: task definition " + arn + " does not exist");
      }
      if (t.status().equals("ACTIVE")) {
        throw new CloudException.InUse("ClientException: deregister " + arn + " before deleting it");
      }
      c.state.taskDefinitions.remove(arn);
    });
  }

  @Override
  public List<TaskDefinition> allTaskDefinitions(String family) {
    return c.op("ecs", "ListTaskDefinitions", family, false, () -> family(family).stream()
        .sorted(Comparator.comparingInt(TaskDefinition::revision)).toList());
  }

  // ---- services

  @Override
  public Service createService(ServiceSpec spec, String clientToken) {
    return c.op("ecs", "CreateService", spec.name(), true, () -> {
      String key = spec.cluster() + "/" + spec.name();
      // Only a service of the same name matters here (a drained one frees it): refreshing every service on every
      // create made an apply of N services do N^2 refreshes.
      StoredService existing = c.state.services.get(key);
      if (existing != null) {
        existing = refresh(existing);
      }
      if (existing != null && !existing.status().equals("INACTIVE")) {
        if (clientToken != null && clientToken.equals(existing.clientToken()) && existing.spec().equals(spec)) {
          return view(existing);
        }
        throw new CloudException.Conflict("InvalidParameterException: Creation of service was not idempotent");
      }
      checkSpec(spec);
      StoredDeployment d = deployment(spec.taskDefinitionArn(), spec.desiredCount());
      StoredService s = new StoredService(spec, c.arn("ecs", "service/" + key), "ACTIVE", clientToken,
          List.of(d), c.now());
      c.state.services.put(key, s);
      return view(s);
    });
  }

  private void checkSpec(ServiceSpec spec) {
    requireCluster(spec.cluster());
    TaskDefinition td = c.state.taskDefinitions.get(spec.taskDefinitionArn());
    if (td == null || !td.status().equals("ACTIVE")) {
      throw new CloudException.Invalid("ClientException: TaskDefinition " + spec.taskDefinitionArn()
          + " is inactive or does not exist");
    }
    MemIam iam = (MemIam) c.iam();
    for (String role : new String[] {td.spec().executionRoleArn(), td.spec().taskRoleArn()}) {
      if (role != null && !iam.assumable(role)) {
        throw new CloudException.NotYetConsistent("InvalidParameterException: ECS was unable to assume the role '"
            + role + "' that was provided for this task");
      }
    }
    spec.subnets().forEach(id -> {
      if (!c.state.subnets.containsKey(id)) {
        throw new CloudException.Invalid("InvalidParameterException: subnet " + id + " does not exist");
      }
    });
    spec.securityGroups().forEach(g -> ((MemEc2) c.ec2()).require(g));
    for (LoadBalancerAttachment lb : spec.loadBalancers()) {
      var tg = ((MemElb) c.elb()).targetGroup(lb.targetGroupArn());
      if (tg.loadBalancerArns().isEmpty()) {
        throw new CloudException.Invalid("InvalidParameterException: The target group " + lb.targetGroupArn()
            + " does not have an associated load balancer.");
      }
      boolean port = td.spec().containers().stream().anyMatch(cd -> cd.name().equals(lb.containerName())
          && cd.portMappings().stream().anyMatch(p -> p.containerPort() == lb.containerPort()));
      if (!port) {
        throw new CloudException.Invalid("InvalidParameterException: container " + lb.containerName()
            + " has no port " + lb.containerPort());
      }
    }
    if (spec.serviceConnect() != null) {
      checkNamespace(spec.serviceConnect().namespaceArn());
    }
  }

  private StoredDeployment deployment(String taskDefinitionArn, int desired) {
    return new StoredDeployment("ecs-svc/" + c.nextId("deployment", taskDefinitionArn, 19).replaceAll("[a-f]", "1"), "PRIMARY",
        taskDefinitionArn, desired, 0, "IN_PROGRESS", "ECS deployment in progress.", c.now());
  }

  @Override
  public Optional<Service> findService(String cluster, String name) {
    return c.op("ecs", "DescribeServices", name, false, () -> {
      StoredService s = c.state.services.get(cluster + "/" + name);
      if (s == null) {
        return Optional.empty();
      }
      s = refresh(s);
      return s.status().equals("INACTIVE") ? Optional.empty() : Optional.of(view(s));
    });
  }

  @Override
  public List<Service> listServices(String cluster) {
    return c.op("ecs", "ListServices", cluster, false, () -> {
      refreshAll();
      return c.state.services.values().stream()
          .filter(s -> s.spec().cluster().equals(cluster) && s.status().equals("ACTIVE"))
          .map(this::view).toList();
    });
  }

  @Override
  public List<StoppedTask> stoppedTasks(String cluster, String name) {
    return c.op("ecs", "ListTasks", cluster + "/" + name, false, () -> {
      StoredService s = c.state.services.get(cluster + "/" + name);
      if (s != null) {
        refresh(s);
      }
      return c.state.stoppedTasks.getOrDefault(cluster + "/" + name, List.of()).stream()
          .map(MemoryState.StoredTask::task).limit(10).toList();
    });
  }

  @Override
  public List<Task> tasks(String cluster, String name) {
    return c.op("ecs", "DescribeTasks", cluster + "/" + name, false, () -> {
      StoredService s = c.state.services.get(cluster + "/" + name);
      return s == null ? List.<Task>of() : tasksOf(refresh(s));
    });
  }

  /**
   * The tasks a service has now, as its deployments count them: each running one RUNNING, and the ones a deployment
   * in progress still starts PENDING. Their ids are derived from the deployment, so each read names the same tasks.
   */
  List<Task> tasksOf(StoredService s) {
    if (s.status().equals("INACTIVE")) {
      return List.of();
    }
    List<Task> out = new ArrayList<>();
    for (StoredDeployment d : s.deployments()) {
      TaskDefinition td = c.state.taskDefinitions.get(d.taskDefinitionArn());
      List<String> containers = td == null ? List.of()
          : td.spec().containers().stream().map(ContainerDefinition::name).toList();
      int pending = pending(d);
      for (int i = 0; i < d.runningCount() + pending; i++) {
        out.add(new Task(taskArn(s.spec().cluster(), d.id(), i), d.taskDefinitionArn(),
            i < d.runningCount() ? "RUNNING" : "PENDING", s.spec().enableExecuteCommand(), containers));
      }
    }
    return out;
  }

  private String taskArn(String cluster, String deploymentId, int index) {
    return c.arn("ecs", "task/" + cluster + "/" + InMemoryCloud.digest("task#" + deploymentId + "#" + index, 32));
  }

  /** The tasks a deployment is starting: the rest of its count while it is in progress and not scaled to zero. */
  private static int pending(StoredDeployment d) {
    return d.status().equals("PRIMARY") && d.rolloutState().equals("IN_PROGRESS")
        ? Math.max(0, d.desiredCount() - d.runningCount()) : 0;
  }

  @Override
  public void tagResource(String arn, Map<String, String> tags) {
    c.opv("ecs", "TagResource", arn, () -> retag(arn, current -> {
      Map<String, String> next = new java.util.TreeMap<>(current);
      next.putAll(tags);
      return next;
    }));
  }

  @Override
  public void untagResource(String arn, List<String> keys) {
    c.opv("ecs", "UntagResource", arn, () -> retag(arn, current -> {
      Map<String, String> next = new java.util.TreeMap<>(current);
      keys.forEach(next::remove);
      return next;
    }));
  }

  private void retag(String arn, java.util.function.UnaryOperator<Map<String, String>> change) {
    for (var e : c.state.services.entrySet()) {
      StoredService s = e.getValue();
      if (s.arn().equals(arn) && !s.status().equals("INACTIVE")) {
        ServiceSpec o = s.spec();
        ServiceSpec spec = new ServiceSpec(o.cluster(), o.name(), o.taskDefinitionArn(), o.desiredCount(),
            o.subnets(), o.securityGroups(), o.assignPublicIp(), o.loadBalancers(), o.serviceConnect(),
            o.enableExecuteCommand(), o.circuitBreaker(), o.rollback(), o.minHealthyPercent(), o.maxPercent(),
            o.propagateTags(), InMemoryCloud.copy(change.apply(o.tags())));
        e.setValue(s.with(spec, s.status(), s.deployments(), s.statusChangedAt()));
        return;
      }
    }
    for (var e : c.state.clusters.entrySet()) {
      Cluster cl = e.getValue().cluster();
      if (cl.arn().equals(arn) && cl.status().equals("ACTIVE")) {
        e.setValue(new StoredCluster(new Cluster(cl.name(), cl.arn(), cl.status(), cl.containerInsights(),
            cl.defaultNamespaceArn(), InMemoryCloud.copy(change.apply(cl.tags()))), e.getValue().changedAt()));
        return;
      }
    }
    TaskDefinition td = c.state.taskDefinitions.get(arn);
    if (td != null) {
      TaskDefinitionSpec o = td.spec();
      c.state.taskDefinitions.put(arn, new TaskDefinition(td.arn(), td.family(), td.revision(), td.status(),
          new TaskDefinitionSpec(o.family(), o.cpu(), o.memory(), o.executionRoleArn(), o.taskRoleArn(),
              o.containers(), InMemoryCloud.copy(change.apply(o.tags())))));
      return;
    }
    throw new CloudException.NotFound("InvalidParameterException: The specified resource " + arn
        + " does not exist");
  }

  @Override
  public Service updateService(ServiceSpec spec, boolean forceNewDeployment) {
    return c.op("ecs", "UpdateService", spec.name(), true, () -> {
      String key = spec.cluster() + "/" + spec.name();
      StoredService s = c.state.services.get(key);
      if (s == null || !s.status().equals("ACTIVE")) {
        throw new CloudException.NotFound("ServiceNotFoundException: service " + spec.name() + " not found");
      }
      s = refresh(s);
      checkSpec(spec);
      ServiceSpec old = s.spec();
      boolean tasksChange = forceNewDeployment || !old.taskDefinitionArn().equals(spec.taskDefinitionArn())
          || !old.subnets().equals(spec.subnets()) || !old.securityGroups().equals(spec.securityGroups())
          || old.assignPublicIp() != spec.assignPublicIp() || !old.loadBalancers().equals(spec.loadBalancers())
          || !Objects.equals(old.serviceConnect(), spec.serviceConnect())
          || old.enableExecuteCommand() != spec.enableExecuteCommand();
      List<StoredDeployment> deployments = new ArrayList<>();
      if (tasksChange) {
        deployments.add(deployment(spec.taskDefinitionArn(), spec.desiredCount()));
        // A deployment the circuit breaker failed is over: the next one replaces it in the list.
        for (StoredDeployment d : s.deployments().stream().filter(d -> !"FAILED".equals(d.rolloutState()))
            .toList()) {
          deployments.add(new StoredDeployment(d.id(), "ACTIVE", d.taskDefinitionArn(), d.desiredCount(),
              d.runningCount(), d.rolloutState(), d.rolloutStateReason(), d.startedAt()));
        }
      } else {
        for (StoredDeployment d : s.deployments()) {
          boolean primary = d.status().equals("PRIMARY");
          boolean scaled = primary && d.desiredCount() != spec.desiredCount();
          deployments.add(scaled ? new StoredDeployment(d.id(), d.status(), d.taskDefinitionArn(),
              spec.desiredCount(), d.runningCount(), "IN_PROGRESS", "ECS deployment in progress.", c.now()) : d);
        }
      }
      StoredService next = s.with(spec, "ACTIVE", deployments, s.statusChangedAt());
      c.state.services.put(key, next);
      return view(refresh(next));
    });
  }

  @Override
  public void deleteService(String cluster, String name) {
    c.opv("ecs", "DeleteService", name, () -> {
      String key = cluster + "/" + name;
      StoredService s = c.state.services.get(key);
      if (s == null || !s.status().equals("ACTIVE")) {
        throw new CloudException.NotFound("ServiceNotFoundException: service " + name + " not found");
      }
      // Deleting with force: ECS scales to zero and drains.
      c.state.services.put(key, s.with(s.spec(), "DRAINING", s.deployments(), c.now()));
    });
  }

  /** Moves every service along the clock (a drained service goes). Called under the cloud's lock. */
  void refreshServices() {
    refreshAll();
  }

  private void refreshAll() {
    for (StoredService s : List.copyOf(c.state.services.values())) {
      refresh(s);
    }
  }

  /** Moves a service's deployments along the virtual clock: stabilize, fail and roll back, or drain. */
  private StoredService refresh(StoredService s) {
    long now = c.now();
    String key = s.spec().cluster() + "/" + s.spec().name();
    if (s.status().equals("DRAINING")) {
      long drainedAt = s.statusChangedAt() + c.settings.serviceDraining().toMillis() + deregistration(s.spec());
      if (now >= drainedAt) {
        // Drained: INACTIVE services are invisible through the port and the name is free again. The tasks'
        // network interfaces go a little later (counted from when it drained, not from when someone looked);
        // until then they hold the service's security groups.
        c.state.services.remove(key);
        ((MemEc2) c.ec2()).hold(s.spec().securityGroups(), drainedAt);
        return s.with(s.spec(), "INACTIVE", List.of(), now);
      }
      return s;
    }
    if (!s.status().equals("ACTIVE")) {
      return s;
    }
    StoredDeployment primary = s.deployments().stream().filter(d -> d.status().equals("PRIMARY")).findFirst()
        .orElse(null);
    if (primary == null || !primary.rolloutState().equals("IN_PROGRESS")) {
      return s;
    }
    StoppedTask failure = failure(primary.taskDefinitionArn(), s.spec());
    List<StoredDeployment> next = new ArrayList<>();
    ServiceSpec spec = s.spec();
    if (failure != null && primary.desiredCount() > 0) {
      int threshold = failureThreshold(primary.desiredCount());
      int failed = launchFailures(key, primary, failure, spec.circuitBreaker() ? threshold : Integer.MAX_VALUE);
      if (failed < threshold || !spec.circuitBreaker()) {
        return s;
      }
      // As on AWS, the deployment says only that tasks failed; why is in the stopped tasks.
      String reason = "ECS deployment circuit breaker: tasks failed to start.";
      // The rollback goes to the last deployment that completed (ECS docs, "Deployment circuit breaker").
      StoredDeployment previous = s.deployments().stream().filter(d -> d.status().equals("ACTIVE"))
          .filter(d -> "COMPLETED".equals(d.rolloutState())).findFirst().orElse(null);
      if (spec.rollback() && previous != null) {
        next.add(new StoredDeployment(previous.id(), "PRIMARY", previous.taskDefinitionArn(),
            previous.desiredCount(), previous.desiredCount(), "COMPLETED",
            "ECS deployment " + previous.id() + " completed.", previous.startedAt()));
        next.add(new StoredDeployment(primary.id(), "ACTIVE", primary.taskDefinitionArn(), primary.desiredCount(),
            0, "FAILED", reason + " Rolling back to " + previous.id() + ".", primary.startedAt()));
        spec = withTaskDefinition(spec, previous.taskDefinitionArn());
      } else {
        next.add(new StoredDeployment(primary.id(), "PRIMARY", primary.taskDefinitionArn(), primary.desiredCount(),
            0, "FAILED", reason, primary.startedAt()));
      }
    } else if (now >= primary.startedAt() + stabilization(s, primary) || primary.desiredCount() == 0) {
      next.add(new StoredDeployment(primary.id(), "PRIMARY", primary.taskDefinitionArn(), primary.desiredCount(),
          primary.desiredCount(), "COMPLETED", "ECS deployment " + primary.id() + " completed.",
          primary.startedAt()));
      logStarts(s.spec().cluster(), primary);
    } else {
      return s;
    }
    StoredService updated = s.with(spec, s.status(), next, s.statusChangedAt());
    c.state.services.put(key, updated);
    return updated;
  }

  /**
   * How long after its start a deployment is stable: its tasks start, pass the target groups' health checks, and
   * the tasks it replaces are deregistered (the groups' deregistration delay).
   */
  private long stabilization(StoredService s, StoredDeployment primary) {
    boolean replacing = s.deployments().stream().anyMatch(d -> d != primary && d.runningCount() > 0);
    long health = 0;
    for (TargetGroup tg : targetGroups(s.spec())) {
      health = Math.max(health, 1000L * tg.healthCheck().intervalSeconds() * tg.healthCheck().healthyThreshold());
    }
    return c.settings.taskStart().toMillis() + health + (replacing ? deregistration(s.spec()) : 0);
  }

  /** The longest deregistration delay of the service's target groups. */
  private long deregistration(ServiceSpec spec) {
    return targetGroups(spec).stream().mapToLong(tg -> 1000L * tg.deregistrationDelaySeconds()).max().orElse(0);
  }

  private List<TargetGroup> targetGroups(ServiceSpec spec) {
    return spec.loadBalancers().stream().map(lb -> c.state.targetGroups.values().stream()
        .filter(tg -> tg.arn().equals(lb.targetGroupArn())).findFirst().orElse(null))
        .filter(Objects::nonNull).toList();
  }

  private static ServiceSpec withTaskDefinition(ServiceSpec s, String arn) {
    return new ServiceSpec(s.cluster(), s.name(), arn, s.desiredCount(), s.subnets(), s.securityGroups(),
        s.assignPublicIp(), s.loadBalancers(), s.serviceConnect(), s.enableExecuteCommand(), s.circuitBreaker(),
        s.rollback(), s.minHealthyPercent(), s.maxPercent(), s.propagateTags(), s.tags());
  }

  /** Why tasks of this task definition stop: a launch failure, or a scripted one ({@code failDeploymentsOfImage}). */
  StoppedTask failure(String taskDefinitionArn, ServiceSpec service) {
    TaskDefinition td = c.state.taskDefinitions.get(taskDefinitionArn);
    if (td == null) {
      return null;
    }
    String launch = launch().failure(td);
    if (launch != null) {
      return new StoppedTask(null, taskDefinitionArn, "TaskFailedToStart", launch);
    }
    for (var e : c.state.failingImages.entrySet()) {
      if (td.spec().containers().stream().anyMatch(cd -> cd.image().contains(e.getKey()))) {
        return new StoppedTask(null, taskDefinitionArn, "EssentialContainerExited", e.getValue());
      }
    }
    for (String image : c.state.failingContainerHealth) {
      if (td.spec().containers().stream().anyMatch(cd -> cd.healthCheck() != null && cd.image().contains(image))) {
        // The task ran; the service scheduler replaced it when its container turned UNHEALTHY.
        return new StoppedTask(null, taskDefinitionArn, "ServiceSchedulerInitiated",
            "Task failed container health checks");
      }
    }
    if (!service.loadBalancers().isEmpty()) {
      for (String image : c.state.failingTargetHealth) {
        if (td.spec().containers().stream().anyMatch(cd -> cd.essential() && cd.image().contains(image))) {
          return new StoppedTask(null, taskDefinitionArn, "ServiceSchedulerInitiated",
              "Task failed ELB health checks in (target-group " + service.loadBalancers().get(0).targetGroupArn()
                  + ")");
        }
      }
    }
    return null;
  }

  /**
   * What the awslogs driver of each container of the tasks a deployment started writes first: a line saying it
   * started (the in-memory cloud runs no container, so this is its only output), in stream
   * {@code prefix/container/task-id} as on AWS.
   */
  private void logStarts(String cluster, StoredDeployment d) {
    TaskDefinition td = c.state.taskDefinitions.get(d.taskDefinitionArn());
    if (td == null) {
      return;
    }
    long at = d.startedAt() + c.settings.taskStart().toMillis();
    MemLogs logs = (MemLogs) c.logs();
    for (int i = d.runningCount(); i < d.desiredCount(); i++) {
      String arn = taskArn(cluster, d.id(), i);
      String task = arn.substring(arn.lastIndexOf('/') + 1);
      for (ContainerDefinition cd : td.spec().containers()) {
        LogConfiguration log = cd.logConfiguration();
        if (log != null && "awslogs".equals(log.driver()) && log.options().get("awslogs-group") != null) {
          String prefix = log.options().getOrDefault("awslogs-stream-prefix", "");
          logs.append(log.options().get("awslogs-group"), prefix + "/" + cd.name() + "/" + task, at,
              "[in-memory cloud] container " + cd.name() + " of task " + task + " started from image "
                  + cd.image());
        }
      }
    }
  }

  /** Whether tasks of this task definition fail before they start (they never reach a target group). */
  boolean failsToStart(String taskDefinitionArn) {
    TaskDefinition td = c.state.taskDefinitions.get(taskDefinitionArn);
    return td != null && launch().failure(td) != null;
  }

  private TaskLaunch launch() {
    return new TaskLaunch(c);
  }

  /**
   * The deployment circuit breaker's failure threshold: half the desired count, rounded up, at least 3 and at most
   * 200 (ECS API reference, DeploymentCircuitBreaker).
   */
  static int failureThreshold(int desiredCount) {
    return Math.min(200, Math.max(3, (desiredCount + 1) / 2));
  }

  /**
   * Counts the failed tasks of deployment {@code d} so far and records each as a stopped task (newest first, ten
   * kept). ECS launches the desired count, they fail after {@code failedTaskLaunch}, it launches again: so failures
   * come in waves of {@code desiredCount}, until {@code cap} is reached (the breaker's threshold when it is on).
   */
  private int launchFailures(String serviceKey, StoredDeployment d, StoppedTask why, int cap) {
    int desired = d.desiredCount();
    long period = c.settings.failedTaskLaunch().toMillis();
    int wavesToCap = cap == Integer.MAX_VALUE ? Integer.MAX_VALUE : (cap + desired - 1) / desired;
    long waves = period == 0 ? Math.min(wavesToCap, (failureThreshold(desired) + desired - 1) / desired)
        : Math.min(wavesToCap, (c.now() - d.startedAt()) / period);
    int failed = (int) Math.min(Integer.MAX_VALUE, waves * desired);
    int before = c.state.failedTasks.getOrDefault(d.id(), 0);
    if (failed <= before) {
      return before;
    }
    c.state.failedTasks.put(d.id(), failed);
    List<MemoryState.StoredTask> tasks = new ArrayList<>(c.state.stoppedTasks.getOrDefault(serviceKey, List.of()));
    String cluster = serviceKey.substring(0, serviceKey.indexOf('/'));
    for (int i = Math.max(before, failed - 10); i < failed; i++) {
      String arn = c.arn("ecs", "task/" + cluster + "/" + c.nextId("task", serviceKey, 32));
      long stoppedAt = d.startedAt() + (i / desired + 1) * period;
      tasks.add(0, new MemoryState.StoredTask(new StoppedTask(arn, why.taskDefinitionArn(), why.stopCode(),
          why.stoppedReason()), d.id(), stoppedAt));
    }
    c.state.stoppedTasks.put(serviceKey, new ArrayList<>(tasks.subList(0, Math.min(10, tasks.size()))));
    return failed;
  }

  private Service view(StoredService s) {
    List<Deployment> ds = s.deployments().stream().map(d -> new Deployment(d.id(), d.status(),
        d.taskDefinitionArn(), d.desiredCount(), d.runningCount(), d.rolloutState(), d.rolloutStateReason(),
        pending(d))).toList();
    int running = ds.stream().mapToInt(Deployment::runningCount).sum();
    int desired = s.status().equals("ACTIVE") ? s.spec().desiredCount() : 0;
    return new Service(s.arn(), s.spec().name(), s.status(), desired, running, s.spec(), ds);
  }
}
