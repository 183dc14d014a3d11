package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads of {@link EcsPort}: what planning may call. A view of this type can only read, so a plan cannot
 * change anything by construction.
 */
public interface EcsReads {
  /** The cluster if it exists and is ACTIVE. */
  Optional<EcsPort.Cluster> findCluster(String name);

  List<EcsPort.Cluster> listClusters();

  /** The newest ACTIVE revision of a family. */
  Optional<EcsPort.TaskDefinition> latestTaskDefinition(String family);

  /** Families with at least one ACTIVE revision. */
  List<String> taskDefinitionFamilies();

  /** The ACTIVE revisions of a family, oldest first. */
  List<EcsPort.TaskDefinition> taskDefinitions(String family);

  /** Every revision of a family, ACTIVE or INACTIVE, oldest first. */
  List<EcsPort.TaskDefinition> allTaskDefinitions(String family);

  /** The service unless it is INACTIVE. */
  Optional<EcsPort.Service> findService(String cluster, String name);

  List<EcsPort.Service> listServices(String cluster);

  /** The most recently stopped tasks of a service, newest first (at most 10): why its tasks do not run. */
  List<EcsPort.StoppedTask> stoppedTasks(String cluster, String service);

  /** The tasks of a service that have not stopped, starting ones included (at most 100), oldest first. */
  List<EcsPort.Task> tasks(String cluster, String service);
}
