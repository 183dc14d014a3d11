package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Amazon ECS on Fargate: clusters, task definitions and services. */
public interface EcsPort extends EcsReads {
  record Cluster(String name, String arn, String status, boolean containerInsights,
      String defaultNamespaceArn, Map<String, String> tags) {}

  record PortMapping(int containerPort, String protocol, String name, String appProtocol) {}

  record HealthCheck(List<String> command, int interval, int timeout, int retries, int startPeriod) {}

  record LogConfiguration(String driver, Map<String, String> options) {}

  /** {@code secrets}: environment variable name to SSM parameter ARN (valueFrom). */
  record ContainerDefinition(String name, String image, int cpu, Integer memoryReservation, boolean essential,
      List<PortMapping> portMappings, Map<String, String> environment, Map<String, String> secrets,
      LogConfiguration logConfiguration, HealthCheck healthCheck, String user) {
    /** A container that runs as its image's user. */
    public ContainerDefinition(String name, String image, int cpu, Integer memoryReservation, boolean essential,
        List<PortMapping> portMappings, Map<String, String> environment, Map<String, String> secrets,
        LogConfiguration logConfiguration, HealthCheck healthCheck) {
      this(name, image, cpu, memoryReservation, essential, portMappings, environment, secrets, logConfiguration,
          healthCheck, null);
    }
  }

  record TaskDefinitionSpec(String family, String cpu, String memory, String executionRoleArn,
      String taskRoleArn, List<ContainerDefinition> containers, Map<String, String> tags) {}

  record TaskDefinition(String arn, String family, int revision, String status, TaskDefinitionSpec spec) {}

  record LoadBalancerAttachment(String targetGroupArn, String containerName, int containerPort) {}

  record ServiceConnect(String namespaceArn, String portName, String discoveryName, int port) {}

  /**
   * {@code serviceConnect} null means off. {@code propagateTags}: SERVICE, TASK_DEFINITION or NONE (which tags the
   * service's tasks get).
   */
  record ServiceSpec(String cluster, String name, String taskDefinitionArn, int desiredCount, List<String> subnets,
      List<String> securityGroups, boolean assignPublicIp, List<LoadBalancerAttachment> loadBalancers,
      ServiceConnect serviceConnect, boolean enableExecuteCommand, boolean circuitBreaker, boolean rollback,
      int minHealthyPercent, int maxPercent, String propagateTags, Map<String, String> tags) {}

  /**
   * status PRIMARY or ACTIVE; rolloutState IN_PROGRESS, COMPLETED or FAILED; {@code pendingCount}: its tasks that
   * are starting.
   */
  record Deployment(String id, String status, String taskDefinitionArn, int desiredCount, int runningCount,
      String rolloutState, String rolloutStateReason, int pendingCount) {
    /** A deployment with no task starting. */
    public Deployment(String id, String status, String taskDefinitionArn, int desiredCount, int runningCount,
        String rolloutState, String rolloutStateReason) {
      this(id, status, taskDefinitionArn, desiredCount, runningCount, rolloutState, rolloutStateReason, 0);
    }
  }

  /**
   * A task of a service that has not stopped: {@code lastStatus} PROVISIONING, PENDING, ACTIVATING or RUNNING;
   * {@code containers}: the names of its containers; {@code enableExecuteCommand}: whether ECS Exec can reach it.
   */
  record Task(String arn, String taskDefinitionArn, String lastStatus, boolean enableExecuteCommand,
      List<String> containers) {
    public Task {
      containers = List.copyOf(containers);
    }

    /** The task's id, the last part of its ARN. */
    public String id() {
      return arn.substring(arn.lastIndexOf('/') + 1);
    }
  }

  /**
   * A task that stopped: {@code stopCode} such as TaskFailedToStart or EssentialContainerExited, and the reason ECS
   * gives ({@code CannotPullContainerError: ...}, {@code ResourceInitializationError: ...}).
   */
  record StoppedTask(String arn, String taskDefinitionArn, String stopCode, String stoppedReason) {}

  /** status ACTIVE, DRAINING or INACTIVE. */
  record Service(String arn, String name, String status, int desiredCount, int runningCount, ServiceSpec spec,
      List<Deployment> deployments) {}

  /** @throws CloudException.Conflict if it exists and is active */
  Cluster createCluster(String name, boolean containerInsights, String defaultNamespaceArn,
      Map<String, String> tags);

  void updateCluster(String name, boolean containerInsights, String defaultNamespaceArn);

  /** @throws CloudException.InUse while it has active services */
  void deleteCluster(String name);

  TaskDefinition registerTaskDefinition(TaskDefinitionSpec spec);

  void deregisterTaskDefinition(String arn);

  /** Deletes a deregistered (INACTIVE) revision for good. @throws CloudException.InUse if it is still ACTIVE */
  void deleteTaskDefinition(String arn);

  /**
   * {@code clientToken} makes a retried create idempotent.
   *
   * @throws CloudException.Conflict if an active service of that name exists in the cluster
   * @throws CloudException.NotYetConsistent if a role it needs cannot be assumed yet
   */
  Service createService(ServiceSpec spec, String clientToken);

  /** Updates every mutable field to {@code spec}; a new deployment starts when the tasks change. */
  Service updateService(ServiceSpec spec, boolean forceNewDeployment);

  void deleteService(String cluster, String name);

  /** Adds or overwrites tags of a cluster, service or task definition. @throws CloudException.NotFound if gone */
  void tagResource(String arn, Map<String, String> tags);

  /** Removes tags (absent keys are ignored). @throws CloudException.NotFound if gone */
  void untagResource(String arn, List<String> keys);
}
