package io.cruddur.plan.types;

import io.cruddur.plan.Actual;
import io.cruddur.plan.Desired;
import io.cruddur.plan.ResourceId;
import io.cruddur.plan.ResourceType;
import io.cruddur.port.Cloud;
import io.cruddur.port.EcsPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code ecs.task-definition}: family -> {family, cpu, memory, executionRoleArn, taskRoleArn, containers}. An
 * update registers a new revision and keeps the one before it (for rollback); older ones are deregistered.
 */
final class TaskDefinitionType implements ResourceType {
  @Override
  public String name() {
    return "ecs.task-definition";
  }

  @Override
  public int layer() {
    return 2;
  }

  @Override
  public Set<String> volatileAttributes() {
    return Set.of("arn");
  }

  static Map<String, Object> container(EcsPort.ContainerDefinition c) {
    List<Object> ports = new ArrayList<>();
    for (EcsPort.PortMapping p : c.portMappings()) {
      ports.add(P.props("containerPort", p.containerPort(), "protocol", p.protocol(), "name", p.name(),
          "appProtocol", p.appProtocol()));
    }
    Map<String, Object> log = c.logConfiguration() == null ? null : P.props("driver",
        c.logConfiguration().driver(), "options", new TreeMap<>(c.logConfiguration().options()));
    Map<String, Object> hc = c.healthCheck() == null ? null : P.props("command", c.healthCheck().command(),
        "interval", c.healthCheck().interval(), "timeout", c.healthCheck().timeout(),
        "retries", c.healthCheck().retries(), "startPeriod", c.healthCheck().startPeriod());
    return P.props("name", c.name(), "image", c.image(), "cpu", c.cpu(), "memoryReservation", c.memoryReservation(),
        "essential", c.essential(), "portMappings", ports, "environment", new TreeMap<>(c.environment()),
        "secrets", new TreeMap<>(c.secrets()), "logConfiguration", log, "healthCheck", hc);
  }

  @SuppressWarnings("unchecked")
  static EcsPort.ContainerDefinition container(Map<String, Object> m) {
    List<EcsPort.PortMapping> ports = new ArrayList<>();
    for (Object o : P.list(m, "portMappings")) {
      Map<String, Object> p = (Map<String, Object>) o;
      ports.add(new EcsPort.PortMapping(P.integer(p, "containerPort"), P.str(p, "protocol"), P.str(p, "name"),
          P.str(p, "appProtocol")));
    }
    Map<String, Object> log = P.map(m, "logConfiguration");
    Map<String, Object> hc = P.map(m, "healthCheck");
    Object memory = m.get("memoryReservation");
    return new EcsPort.ContainerDefinition(P.str(m, "name"), P.str(m, "image"), P.integer(m, "cpu"),
        memory == null ? null : ((Number) memory).intValue(), P.bool(m, "essential"), ports,
        P.strings(m, "environment"), P.strings(m, "secrets"),
        log == null ? null : new EcsPort.LogConfiguration(P.str(log, "driver"), P.strings(log, "options")),
        hc == null ? null : new EcsPort.HealthCheck(P.list(hc, "command"), P.integer(hc, "interval"),
            P.integer(hc, "timeout"), P.integer(hc, "retries"), P.integer(hc, "startPeriod")));
  }

  private Actual actual(EcsPort.TaskDefinition td, String stack) {
    EcsPort.TaskDefinitionSpec s = td.spec();
    List<Object> containers = new ArrayList<>();
    s.containers().forEach(c -> containers.add(container(c)));
    return P.actual(this, td.family(), P.props("family", s.family(), "cpu", s.cpu(), "memory", s.memory(),
        "executionRoleArn", s.executionRoleArn(), "taskRoleArn", s.taskRoleArn(), "containers", containers),
        P.attrs("arn", td.arn(), "revision", String.valueOf(td.revision())), P.owns(s.tags(), stack));
  }

  @Override
  public Optional<Actual> read(Cloud cloud, Scope scope, ResourceId id, Map<String, Object> props) {
    return cloud.ecs().latestTaskDefinition(id.name()).map(td -> actual(td, scope.stack()));
  }

  @Override
  public List<Actual> owned(Cloud cloud, Scope scope) {
    List<Actual> out = new ArrayList<>();
    for (String family : cloud.ecs().taskDefinitionFamilies()) {
      cloud.ecs().latestTaskDefinition(family).filter(td -> P.owns(td.spec().tags(), scope.stack()))
          .ifPresent(td -> out.add(actual(td, scope.stack())));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  @Override
  public Map<String, String> create(Cloud cloud, ResourceId id, Map<String, Object> p, Map<String, String> tags) {
    List<EcsPort.ContainerDefinition> containers = new ArrayList<>();
    for (Object c : P.list(p, "containers")) {
      containers.add(container((Map<String, Object>) c));
    }
    EcsPort.TaskDefinition td = cloud.ecs().registerTaskDefinition(new EcsPort.TaskDefinitionSpec(
        P.str(p, "family"), P.str(p, "cpu"), P.str(p, "memory"), P.str(p, "executionRoleArn"),
        P.str(p, "taskRoleArn"), containers, tags));
    List<EcsPort.TaskDefinition> active = cloud.ecs().taskDefinitions(td.family());
    for (int i = 0; i < active.size() - 2; i++) {
      cloud.ecs().deregisterTaskDefinition(active.get(i).arn());
    }
    return P.attrs("arn", td.arn(), "revision", String.valueOf(td.revision()));
  }

  @Override
  public Map<String, String> update(Cloud cloud, Actual actual, Map<String, Object> p, Set<String> changed) {
    Map<String, String> tags = new TreeMap<>();
    tags.putAll(cloud.ecs().latestTaskDefinition(actual.id().name()).map(td -> td.spec().tags()).orElse(Map.of()));
    return create(cloud, actual.id(), p, tags);
  }

  @Override
  public void delete(Cloud cloud, Actual actual, Desired desired) {
    for (EcsPort.TaskDefinition td : cloud.ecs().allTaskDefinitions(actual.id().name())) {
      if (td.status().equals("ACTIVE")) {
        cloud.ecs().deregisterTaskDefinition(td.arn());
      }
      cloud.ecs().deleteTaskDefinition(td.arn());
    }
  }
}
