package io.cruddur.aws;

import io.cruddur.port.CloudException;
import io.cruddur.port.EcsPort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.ClusterSettingName;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * ECS on Fargate. Every value read comes from what ECS returns; a setting ECS leaves out of a response reads as
 * its ECS default, never from anything Cruddur stored aside.
 */
final class AwsEcs implements EcsPort {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AwsEcs.class);
  /** "ACTIVE" as a word, not inside "INACTIVE". */
  private static final Pattern ACTIVE = Pattern.compile("\\bACTIVE\\b", Pattern.CASE_INSENSITIVE);
  private final Supplier<EcsClient> ecs;
  private final Calls calls;
  private final java.util.function.Function<String, Optional<String>> namespaceArnByName;

  /**
   * {@code namespaceArnByName} turns a Cloud Map namespace name into its ARN: ECS may report a namespace by name
   * or by ARN, and plans compare ARNs.
   */
  AwsEcs(Supplier<EcsClient> ecs, Calls calls,
      java.util.function.Function<String, Optional<String>> namespaceArnByName) {
    this.ecs = ecs;
    this.calls = calls;
    this.namespaceArnByName = namespaceArnByName;
  }

  private String namespaceArn(String nameOrArn) {
    if (nameOrArn == null || nameOrArn.startsWith("arn:")) {
      return nameOrArn;
    }
    return namespaceArnByName.apply(nameOrArn).orElse(nameOrArn);
  }

  private static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  private static Map<String, String> tagMap(List<Tag> tags) {
    Map<String, String> m = new LinkedHashMap<>();
    tags.forEach(t -> m.put(t.key(), t.value()));
    return m;
  }

  // ---- clusters

  private Cluster view(software.amazon.awssdk.services.ecs.model.Cluster c) {
    boolean insights = c.settings().stream().anyMatch(s -> s.nameAsString().equals("containerInsights")
        && !"disabled".equals(s.value()));
    String ns = c.serviceConnectDefaults() == null ? null : c.serviceConnectDefaults().namespace();
    return new Cluster(c.clusterName(), c.clusterArn(), c.status(), insights, namespaceArn(ns), tagMap(c.tags()));
  }

  @Override
  public Cluster createCluster(String name, boolean containerInsights, String namespaceArn, Map<String, String> tags) {
    // CreateCluster returns the existing active cluster of that name: repeating it is safe.
    var c = calls.write("ecs:CreateCluster", () -> ecs.get().createCluster(b -> {
      b.clusterName(name).settings(ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS)
          .value(containerInsights ? "enabled" : "disabled").build()).tags(tags(tags));
      if (namespaceArn != null) {
        b.serviceConnectDefaults(d -> d.namespace(namespaceArn));
      }
    }).cluster());
    return new Cluster(c.clusterName(), c.clusterArn(), "ACTIVE", containerInsights, namespaceArn, Map.copyOf(tags));
  }

  private List<Cluster> describeClusters(List<String> names) {
    List<Cluster> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i += 100) {
      List<String> batch = names.subList(i, Math.min(names.size(), i + 100));
      calls.read("ecs:DescribeClusters", () -> ecs.get().describeClusters(b -> b.clusters(batch)
          .include(ClusterField.SETTINGS, ClusterField.TAGS)).clusters()).stream()
          .filter(c -> "ACTIVE".equals(c.status())).forEach(c -> out.add(view(c)));
    }
    return out;
  }

  @Override
  public Optional<Cluster> findCluster(String name) {
    return describeClusters(List.of(name)).stream().findFirst();
  }

  @Override
  public List<Cluster> listClusters() {
    return describeClusters(calls.read("ecs:ListClusters", () -> ecs.get().listClustersPaginator(b -> {}).clusterArns()
        .stream().toList()));
  }

  @Override
  public void updateCluster(String name, boolean containerInsights, String namespaceArn) {
    calls.write("ecs:UpdateCluster", () -> ecs.get().updateCluster(b -> {
      b.cluster(name).settings(ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS)
          .value(containerInsights ? "enabled" : "disabled").build());
      if (namespaceArn != null) {
        b.serviceConnectDefaults(d -> d.namespace(namespaceArn));
      }
    }));
  }

  @Override
  public void deleteCluster(String name) {
    var before = describeRaw(name);
    calls.write("ecs:DeleteCluster", () -> ecs.get().deleteCluster(b -> b.cluster(name)));
    before.ifPresent(c -> forgetTags(c.clusterArn(), c.tags()));
  }

  private Optional<software.amazon.awssdk.services.ecs.model.Cluster> describeRaw(String name) {
    return calls.read("ecs:DescribeClusters", () -> ecs.get().describeClusters(b -> b.clusters(name)
        .include(ClusterField.TAGS)).clusters()).stream().filter(c -> "ACTIVE".equals(c.status())).findFirst();
  }

  /**
   * Once ECS has accepted a deletion it cannot be undone, but the INACTIVE record keeps its tags for a while: drop
   * them so that nothing deleted still claims to belong to the stack. Best effort.
   */
  private void forgetTags(String arn, List<Tag> tags) {
    if (tags.isEmpty()) {
      return;
    }
    try {
      calls.write("ecs:UntagResource", () -> ecs.get().untagResource(b -> b.resourceArn(arn)
          .tagKeys(tags.stream().map(Tag::key).toList())));
    } catch (CloudException e) {
      LOG.debug("could not untag deleted {}: {}", arn, e.getMessage());
    }
  }

  // ---- task definitions

  private static software.amazon.awssdk.services.ecs.model.ContainerDefinition toSdk(ContainerDefinition c) {
    var b = software.amazon.awssdk.services.ecs.model.ContainerDefinition.builder().name(c.name()).image(c.image())
        .cpu(c.cpu()).memoryReservation(c.memoryReservation()).essential(c.essential()).user(c.user())
        .portMappings(c.portMappings().stream().map(p -> software.amazon.awssdk.services.ecs.model.PortMapping
            .builder().containerPort(p.containerPort()).protocol(p.protocol()).name(p.name())
            .appProtocol(p.appProtocol()).build()).toList())
        .environment(c.environment().entrySet().stream().map(e -> KeyValuePair.builder().name(e.getKey())
            .value(e.getValue()).build()).toList())
        .secrets(c.secrets().entrySet().stream().map(e -> software.amazon.awssdk.services.ecs.model.Secret.builder()
            .name(e.getKey()).valueFrom(e.getValue()).build()).toList());
    if (c.logConfiguration() != null) {
      b.logConfiguration(l -> l.logDriver(c.logConfiguration().driver()).options(c.logConfiguration().options()));
    }
    if (c.healthCheck() != null) {
      var h = c.healthCheck();
      b.healthCheck(x -> x.command(h.command()).interval(h.interval()).timeout(h.timeout()).retries(h.retries())
          .startPeriod(h.startPeriod()));
    }
    return b.build();
  }

  private static ContainerDefinition fromSdk(software.amazon.awssdk.services.ecs.model.ContainerDefinition c) {
    Map<String, String> env = new LinkedHashMap<>();
    c.environment().forEach(e -> env.put(e.name(), e.value()));
    Map<String, String> secrets = new LinkedHashMap<>();
    c.secrets().forEach(s -> secrets.put(s.name(), s.valueFrom()));
    LogConfiguration log = c.logConfiguration() == null ? null
        : new LogConfiguration(c.logConfiguration().logDriverAsString(), c.logConfiguration().options());
    var h = c.healthCheck();
    HealthCheck hc = h == null ? null : new HealthCheck(h.command(), orZero(h.interval()), orZero(h.timeout()),
        orZero(h.retries()), orZero(h.startPeriod()));
    return new ContainerDefinition(c.name(), c.image(), orZero(c.cpu()), c.memoryReservation(),
        Boolean.TRUE.equals(c.essential()), c.portMappings().stream().map(p -> new PortMapping(p.containerPort(),
            p.protocolAsString(), p.name(), p.appProtocolAsString())).toList(), env, secrets, log, hc, c.user());
  }

  private static int orZero(Integer i) {
    return i == null ? 0 : i;
  }

  private TaskDefinition describeTaskDefinition(String arnOrFamily) {
    var r = calls.read("ecs:DescribeTaskDefinition", () -> ecs.get().describeTaskDefinition(b -> b
        .taskDefinition(arnOrFamily).include(TaskDefinitionField.TAGS)));
    var td = r.taskDefinition();
    var spec = new TaskDefinitionSpec(td.family(), td.cpu(), td.memory(), td.executionRoleArn(), td.taskRoleArn(),
        td.containerDefinitions().stream().map(AwsEcs::fromSdk).toList(), tagMap(r.tags()));
    return new TaskDefinition(td.taskDefinitionArn(), td.family(), td.revision(), td.statusAsString(), spec);
  }

  @Override
  public TaskDefinition registerTaskDefinition(TaskDefinitionSpec s) {
    // Registering twice only makes another revision, which the next one supersedes: safe to repeat.
    var td = calls.write("ecs:RegisterTaskDefinition", () -> ecs.get().registerTaskDefinition(b -> b.family(s.family())
        .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC).cpu(s.cpu())
        .memory(s.memory()).executionRoleArn(s.executionRoleArn()).taskRoleArn(s.taskRoleArn())
        .containerDefinitions(s.containers().stream().map(AwsEcs::toSdk).toList()).tags(tags(s.tags())))
        .taskDefinition());
    return new TaskDefinition(td.taskDefinitionArn(), td.family(), td.revision(), td.statusAsString(), s);
  }

  private List<String> arns(String family, TaskDefinitionStatus status) {
    return calls.read("ecs:ListTaskDefinitions", () -> ecs.get().listTaskDefinitionsPaginator(b -> b
        .familyPrefix(family).status(status).sort(SortOrder.ASC)).taskDefinitionArns().stream()
        .filter(a -> a.substring(a.lastIndexOf('/') + 1, a.lastIndexOf(':')).equals(family)).toList());
  }

  /**
   * DescribeTaskDefinition of a family describes its newest ACTIVE revision: one call. An emulator may describe the
   * newest revision whatever its status (moto 5.2.5 does), and a family without an ACTIVE revision is an error: then
   * the ACTIVE revisions are listed.
   */
  @Override
  public Optional<TaskDefinition> latestTaskDefinition(String family) {
    try {
      TaskDefinition newest = describeTaskDefinition(family);
      if (newest.status().equals("ACTIVE") && newest.family().equals(family)) {
        return Optional.of(newest);
      }
    } catch (CloudException.NotFound | CloudException.Invalid e) {
      // no ACTIVE revision (ClientException: Unable to describe task definition): listed below
    }
    List<String> active = arns(family, TaskDefinitionStatus.ACTIVE);
    return active.isEmpty() ? Optional.empty() : Optional.of(describeTaskDefinition(active.get(active.size() - 1)));
  }

  @Override
  public List<String> taskDefinitionFamilies() {
    return calls.read("ecs:ListTaskDefinitionFamilies", () -> ecs.get().listTaskDefinitionFamiliesPaginator(b -> b
        .status(software.amazon.awssdk.services.ecs.model.TaskDefinitionFamilyStatus.ACTIVE)).families().stream()
        .toList());
  }

  @Override
  public List<TaskDefinition> taskDefinitions(String family) {
    return arns(family, TaskDefinitionStatus.ACTIVE).stream().map(this::describeTaskDefinition).toList();
  }

  @Override
  public List<TaskDefinition> allTaskDefinitions(String family) {
    List<TaskDefinition> all = new ArrayList<>();
    arns(family, TaskDefinitionStatus.ACTIVE).forEach(a -> all.add(describeTaskDefinition(a)));
    arns(family, TaskDefinitionStatus.INACTIVE).forEach(a -> all.add(describeTaskDefinition(a)));
    all.sort(Comparator.comparingInt(TaskDefinition::revision));
    return all;
  }

  @Override
  public void deregisterTaskDefinition(String arn) {
    calls.write("ecs:DeregisterTaskDefinition", () -> ecs.get().deregisterTaskDefinition(b -> b.taskDefinition(arn)));
  }

  @Override
  public void deleteTaskDefinition(String arn) {
    var failures = calls.write("ecs:DeleteTaskDefinitions", () -> ecs.get().deleteTaskDefinitions(b -> b
        .taskDefinitions(arn)).failures());
    // DeleteTaskDefinitions answers 200 and lists what it could not delete: an ACTIVE revision, a missing one.
    for (var f : failures) {
      throw deleteFailure(f.reason(), f.detail());
    }
  }

  /**
   * The port error for one failure of DeleteTaskDefinitions, by its reason: a revision still ACTIVE ("The specified
   * task definition is still in ACTIVE status...") is in use; a missing one ("The specified task definition does
   * not exist...") is not found; anything else (an invalid identifier) is invalid.
   */
  static CloudException deleteFailure(String reason, String detail) {
    String message = "ecs:DeleteTaskDefinitions: " + reason + (detail == null ? "" : ": " + detail);
    String r = String.valueOf(reason).toLowerCase();
    if (ACTIVE.matcher(r).find()) {
      return new CloudException.InUse(message);
    }
    if (r.contains("does not exist") || r.contains("not found") || r.contains("missing")) {
      return new CloudException.NotFound(message);
    }
    return new CloudException.Invalid(message);
  }

  // ---- services

  private static ServiceConnectConfiguration serviceConnect(ServiceConnect sc) {
    if (sc == null) {
      return ServiceConnectConfiguration.builder().enabled(false).build();
    }
    return ServiceConnectConfiguration.builder().enabled(true).namespace(sc.namespaceArn())
        .services(s -> s.portName(sc.portName()).discoveryName(sc.discoveryName())
            .clientAliases(a -> a.port(sc.port()))).build();
  }

  private Service view(software.amazon.awssdk.services.ecs.model.Service s) {
    String cluster = s.clusterArn().substring(s.clusterArn().lastIndexOf('/') + 1);
    var vpc = s.networkConfiguration() == null ? null : s.networkConfiguration().awsvpcConfiguration();
    var dc = s.deploymentConfiguration();
    var breaker = dc == null ? null : dc.deploymentCircuitBreaker();
    // A field ECS leaves out reads as its ECS default: off, no circuit breaker, 100 % to 200 %, no propagation.
    boolean exec = Boolean.TRUE.equals(s.enableExecuteCommand());
    boolean cb = breaker != null && Boolean.TRUE.equals(breaker.enable());
    boolean rb = breaker != null && Boolean.TRUE.equals(breaker.rollback());
    int min = dc != null && dc.minimumHealthyPercent() != null ? dc.minimumHealthyPercent() : 100;
    int max = dc != null && dc.maximumPercent() != null ? dc.maximumPercent() : 200;
    ServiceConnect sc = s.deployments().stream().filter(d -> "PRIMARY".equals(d.status()))
        .map(d -> d.serviceConnectConfiguration()).filter(c -> c != null && Boolean.TRUE.equals(c.enabled()))
        .findFirst().map(c -> new ServiceConnect(namespaceArn(c.namespace()), c.services().get(0).portName(),
            c.services().get(0).discoveryName(), c.services().get(0).clientAliases().get(0).port())).orElse(null);
    var spec = new ServiceSpec(cluster, s.serviceName(), s.taskDefinition(), s.desiredCount(),
        vpc == null ? List.of() : vpc.subnets(), vpc == null ? List.of() : vpc.securityGroups(),
        vpc != null && vpc.assignPublicIp() == AssignPublicIp.ENABLED,
        s.loadBalancers().stream().map(l -> new LoadBalancerAttachment(l.targetGroupArn(), l.containerName(),
            l.containerPort())).toList(), sc, exec, cb, rb, min, max,
        s.propagateTags() == null ? "NONE" : s.propagateTagsAsString(), tagMap(s.tags()));
    var deployments = s.deployments().stream().map(d -> new Deployment(d.id(), d.status(), d.taskDefinition(),
        orZero(d.desiredCount()), orZero(d.runningCount()), d.rolloutStateAsString(), d.rolloutStateReason(),
        orZero(d.pendingCount()))).toList();
    return new Service(s.serviceArn(), s.serviceName(), s.status(), orZero(s.desiredCount()),
        orZero(s.runningCount()), spec, deployments);
  }

  @Override
  public Service createService(ServiceSpec s, String clientToken) {
    var created = calls.create("ecs:CreateService", () -> ecs.get().createService(b -> {
      b.cluster(s.cluster()).serviceName(s.name()).taskDefinition(s.taskDefinitionArn()).desiredCount(s.desiredCount())
          .launchType(LaunchType.FARGATE)
          .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets(s.subnets()).securityGroups(s.securityGroups())
              .assignPublicIp(s.assignPublicIp() ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED)))
          .loadBalancers(s.loadBalancers().stream().map(l -> software.amazon.awssdk.services.ecs.model.LoadBalancer
              .builder().targetGroupArn(l.targetGroupArn()).containerName(l.containerName())
              .containerPort(l.containerPort()).build()).toList())
          .enableExecuteCommand(s.enableExecuteCommand())
          .deploymentConfiguration(d -> d.deploymentCircuitBreaker(c -> c.enable(s.circuitBreaker())
              .rollback(s.rollback())).minimumHealthyPercent(s.minHealthyPercent()).maximumPercent(s.maxPercent()))
          .propagateTags(s.propagateTags()).enableECSManagedTags(true).tags(tags(s.tags())).clientToken(clientToken);
      if (s.serviceConnect() != null) {
        b.serviceConnectConfiguration(serviceConnect(s.serviceConnect()));
      }
    }).service());
    return view(created);
  }

  private List<Service> describe(String cluster, List<String> names) {
    List<Service> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i += 10) {
      List<String> batch = names.subList(i, Math.min(names.size(), i + 10));
      calls.read("ecs:DescribeServices", () -> ecs.get().describeServices(b -> b.cluster(cluster).services(batch)
          .include(ServiceField.TAGS)).services()).forEach(s -> out.add(view(s)));
    }
    return out;
  }

  @Override
  public Optional<Service> findService(String cluster, String name) {
    try {
      return describe(cluster, List.of(name)).stream().filter(s -> !"INACTIVE".equals(s.status())).findFirst();
    } catch (CloudException.NotFound e) {
      return Optional.empty();
    }
  }

  @Override
  public List<Service> listServices(String cluster) {
    try {
      List<String> arns = calls.read("ecs:ListServices", () -> ecs.get().listServicesPaginator(b -> b.cluster(cluster))
          .serviceArns().stream().toList());
      return describe(cluster, arns).stream().filter(s -> !"INACTIVE".equals(s.status())).toList();
    } catch (CloudException.NotFound e) {
      return List.of();
    }
  }

  @Override
  public List<StoppedTask> stoppedTasks(String cluster, String service) {
    List<String> arns;
    try {
      arns = calls.read("ecs:ListTasks", () -> ecs.get().listTasks(b -> b.cluster(cluster).serviceName(service)
          .desiredStatus(software.amazon.awssdk.services.ecs.model.DesiredStatus.STOPPED).maxResults(10))
          .taskArns());
    } catch (CloudException.NotFound e) {
      return List.of();
    }
    if (arns.isEmpty()) {
      return List.of();
    }
    return calls.read("ecs:DescribeTasks", () -> ecs.get().describeTasks(b -> b.cluster(cluster).tasks(arns)).tasks())
        .stream().sorted(Comparator.comparing((software.amazon.awssdk.services.ecs.model.Task t) ->
            t.stoppedAt() == null ? java.time.Instant.EPOCH : t.stoppedAt()).reversed())
        .map(t -> new StoppedTask(t.taskArn(), t.taskDefinitionArn(), t.stopCodeAsString(), reason(t))).toList();
  }

  @Override
  public List<Task> tasks(String cluster, String service) {
    List<String> arns;
    try {
      arns = calls.read("ecs:ListTasks", () -> ecs.get().listTasks(b -> b.cluster(cluster).serviceName(service)
          .desiredStatus(software.amazon.awssdk.services.ecs.model.DesiredStatus.RUNNING).maxResults(100))
          .taskArns());
    } catch (CloudException.NotFound e) {
      return List.of();
    }
    if (arns.isEmpty()) {
      return List.of();
    }
    List<Task> out = new java.util.ArrayList<>();
    // DescribeTasks takes at most 100 tasks (API reference, DescribeTasks, tasks).
    for (int i = 0; i < arns.size(); i += 100) {
      List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
      calls.read("ecs:DescribeTasks", () -> ecs.get().describeTasks(b -> b.cluster(cluster).tasks(batch)).tasks())
          .stream().sorted(Comparator.comparing((software.amazon.awssdk.services.ecs.model.Task t) ->
              t.createdAt() == null ? java.time.Instant.EPOCH : t.createdAt()))
          .forEach(t -> out.add(new Task(t.taskArn(), t.taskDefinitionArn(), t.lastStatus(),
              Boolean.TRUE.equals(t.enableExecuteCommand()), t.containers().stream()
                  .map(software.amazon.awssdk.services.ecs.model.Container::name).toList())));
    }
    return out;
  }

  @Override
  public void tagResource(String arn, Map<String, String> tags) {
    calls.write("ecs:TagResource", () -> ecs.get().tagResource(b -> b.resourceArn(arn).tags(tags(tags))));
  }

  @Override
  public void untagResource(String arn, List<String> keys) {
    calls.write("ecs:UntagResource", () -> ecs.get().untagResource(b -> b.resourceArn(arn).tagKeys(keys)));
  }

  /** The task's stopped reason, with its containers' reasons where they say more (the image that failed). */
  private static String reason(software.amazon.awssdk.services.ecs.model.Task t) {
    StringBuilder b = new StringBuilder(String.valueOf(t.stoppedReason()));
    t.containers().stream().map(software.amazon.awssdk.services.ecs.model.Container::reason)
        .filter(r -> r != null && !b.toString().contains(r)).forEach(r -> b.append("; ").append(r));
    return b.toString();
  }

  @Override
  public Service updateService(ServiceSpec s, boolean forceNewDeployment) {
    calls.write("ecs:UpdateService", () -> ecs.get().updateService(b -> b.cluster(s.cluster())
        .service(s.name()).taskDefinition(s.taskDefinitionArn()).desiredCount(s.desiredCount())
        .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets(s.subnets()).securityGroups(s.securityGroups())
            .assignPublicIp(s.assignPublicIp() ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED)))
        .loadBalancers(s.loadBalancers().stream().map(l -> software.amazon.awssdk.services.ecs.model.LoadBalancer
            .builder().targetGroupArn(l.targetGroupArn()).containerName(l.containerName())
            .containerPort(l.containerPort()).build()).toList())
        .serviceConnectConfiguration(serviceConnect(s.serviceConnect()))
        .enableExecuteCommand(s.enableExecuteCommand())
        .deploymentConfiguration(d -> d.deploymentCircuitBreaker(c -> c.enable(s.circuitBreaker())
            .rollback(s.rollback())).minimumHealthyPercent(s.minHealthyPercent()).maximumPercent(s.maxPercent()))
        .propagateTags(s.propagateTags()).forceNewDeployment(forceNewDeployment)));
    return findService(s.cluster(), s.name()).orElseThrow(() -> new CloudException.NotFound(s.name()));
  }

  @Override
  public void deleteService(String cluster, String name) {
    var deleted = calls.write("ecs:DeleteService", () -> ecs.get().deleteService(b -> b.cluster(cluster).service(name)
        .force(true)).service());
    List<Tag> tags = calls.read("ecs:ListTagsForResource", () -> ecs.get().listTagsForResource(b -> b
        .resourceArn(deleted.serviceArn())).tags());
    forgetTags(deleted.serviceArn(), tags);
  }
}
