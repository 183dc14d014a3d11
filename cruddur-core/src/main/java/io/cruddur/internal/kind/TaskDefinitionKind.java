package io.cruddur.internal.kind;

import io.cruddur.port.EcsPort;
import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.resource.Actual;
import io.cruddur.resource.Scope;
import io.cruddur.resource.TaskDefinitionState;
import io.cruddur.resource.Value;
import io.cruddur.resource.WriteContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code ecs.task-definition}, named by its family. An update registers a new revision; the service that runs the
 * family deregisters the older ones once it has moved to the new one ({@link ServiceKind#update}), keeping the one
 * before it for rollback and any a deployment still runs.
 */
final class TaskDefinitionKind extends BaseKind<TaskDefinitionState, TaskDefinitionState.Outputs> {
  TaskDefinitionKind() {
    super("ecs.task-definition", 2, TaskDefinitionState.class, TaskDefinitionState.Outputs.class);
  }

  @Override
  public boolean outputsChangeOnUpdate() {
    return true;
  }

  private static TaskDefinitionState.Container container(EcsPort.ContainerDefinition c) {
    TaskDefinitionState.LogConfiguration log = c.logConfiguration() == null ? null
        : new TaskDefinitionState.LogConfiguration(c.logConfiguration().driver(),
            Value.ofAll(c.logConfiguration().options()));
    return new TaskDefinitionState.Container(c.name(), c.image(), c.cpu(), c.memoryReservation(), c.essential(),
        c.portMappings(), new TreeMap<>(c.environment()), new TreeMap<>(c.secrets()), log, c.healthCheck(),
        c.user());
  }

  private static EcsPort.ContainerDefinition container(TaskDefinitionState.Container c) {
    EcsPort.LogConfiguration log = c.logConfiguration() == null ? null
        : new EcsPort.LogConfiguration(c.logConfiguration().driver(), Value.getAll(c.logConfiguration().options()));
    return new EcsPort.ContainerDefinition(c.name(), c.image(), c.cpu(), c.memoryReservation(), c.essential(),
        c.portMappings(), c.environment(), c.secrets(), log, c.healthCheck(), c.user());
  }

  private Actual<TaskDefinitionState, TaskDefinitionState.Outputs> actual(EcsPort.TaskDefinition td, Scope scope) {
    EcsPort.TaskDefinitionSpec s = td.spec();
    List<TaskDefinitionState.Container> containers = s.containers().stream().map(TaskDefinitionKind::container)
        .toList();
    return new Actual<>(handle(td.family()).id(), new TaskDefinitionState(s.family(), s.cpu(), s.memory(),
        Value.of(s.executionRoleArn()), Value.of(s.taskRoleArn()), containers),
        new TaskDefinitionState.Outputs(td.arn(), td.revision()), scope.owns(s.tags()));
  }

  @Override
  public Optional<Actual<TaskDefinitionState, TaskDefinitionState.Outputs>> read(ReadPorts cloud, Scope scope,
      String name, TaskDefinitionState desired) {
    return cloud.ecs().latestTaskDefinition(name).map(td -> actual(td, scope));
  }

  @Override
  public List<Actual<TaskDefinitionState, TaskDefinitionState.Outputs>> owned(ReadPorts cloud, Scope scope) {
    List<Actual<TaskDefinitionState, TaskDefinitionState.Outputs>> out = new ArrayList<>();
    for (String family : cloud.ecs().taskDefinitionFamilies()) {
      cloud.ecs().latestTaskDefinition(family).filter(td -> scope.owns(td.spec().tags()))
          .ifPresent(td -> out.add(actual(td, scope)));
    }
    return out;
  }

  private static TaskDefinitionState.Outputs register(Ports cloud, TaskDefinitionState s, Map<String, String> tags) {
    EcsPort.TaskDefinition td = cloud.ecs().registerTaskDefinition(new EcsPort.TaskDefinitionSpec(s.family(),
        s.cpu(), s.memory(), s.executionRoleArn().get(), s.taskRoleArn().get(),
        s.containers().stream().map(TaskDefinitionKind::container).toList(), tags));
    // The registration is this step's last call: a retry of the step after it would register a second revision.
    return new TaskDefinitionState.Outputs(td.arn(), td.revision());
  }

  @Override
  public TaskDefinitionState.Outputs create(Ports cloud, String name, TaskDefinitionState s, WriteContext context) {
    return register(cloud, s, context.tags());
  }

  @Override
  public TaskDefinitionState.Outputs update(Ports cloud,
      Actual<TaskDefinitionState, TaskDefinitionState.Outputs> actual, TaskDefinitionState s) {
    Map<String, String> tags = cloud.ecs().latestTaskDefinition(actual.id().name()).map(td -> td.spec().tags())
        .orElse(Map.of());
    return register(cloud, s, tags);
  }

  @Override
  public void delete(Ports cloud, Actual<TaskDefinitionState, TaskDefinitionState.Outputs> actual,
      Optional<TaskDefinitionState> desired) {
    for (EcsPort.TaskDefinition td : cloud.ecs().allTaskDefinitions(actual.id().name())) {
      if (td.status().equals("ACTIVE")) {
        cloud.ecs().deregisterTaskDefinition(td.arn());
      }
      cloud.ecs().deleteTaskDefinition(td.arn());
    }
  }
}
