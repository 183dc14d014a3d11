package io.cruddur.aws;

import io.cruddur.CloudView;
import io.cruddur.port.Cloud;
import io.cruddur.port.EcsPort;
import io.cruddur.port.Ports;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Test scope only: makes up for the ECS service settings that moto 5.2.5 does not keep, so that tests which need a
 * faithful read-back (the CLI's "second apply makes no writes") can run on moto. Production code never does this:
 * the AWS adapters read only what the API returns, on AWS and on emulators alike, and the port contract runs on raw
 * moto, where the affected case is skipped with its reason ({@code Gap.ECS_DROPS_SETTINGS}).
 *
 * <p>The gaps compensated, measured on moto 5.2.5:
 * <ul><li>CreateService drops {@code enableExecuteCommand} and {@code deploymentConfiguration} (circuit breaker,
 * rollback, minimum healthy and maximum percent), so reads return the ECS defaults (off, off, off, 100, 200) until
 * the first UpdateService, which does keep them;</li>
 * <li>{@code serviceConnectConfiguration} is never returned, neither after CreateService nor after UpdateService,
 * neither on the service nor on its deployments;</li>
 * <li>the PRIMARY deployment keeps the task definition the service was created with: UpdateService changes the
 * service's {@code taskDefinition} but not its deployment's, so a wait for a new revision never ends (the
 * deployment gets the service's task definition here).</li></ul>
 * Everything else moto echoes correctly (cluster settings and Service Connect defaults, {@code propagateTags}, tags,
 * task definitions, deployments) and is passed through untouched, as is every other port.
 *
 * <p>How: the {@link EcsPort} of a wrapped cloud remembers, per account, region, cluster and service, those six
 * fields as last written by {@code createService} or {@code updateService} (after the call succeeded), and puts them
 * into every service that {@code createService}, {@code updateService}, {@code findService} and
 * {@code listServices} return. {@code deleteService} and {@code deleteCluster} forget them. The remembered values
 * win over what moto reports, so a change made to those fields behind Cruddur's back is invisible through the
 * wrapper: use the raw cloud for drift tests.
 *
 * <p>The memory belongs to this object, not to one wrapped cloud: wrap every cloud that talks to the same moto
 * state with the same instance (the CLI builds a new cloud per command), and use a new instance after resetting
 * moto. Thread-safe.
 */
public final class MotoCompensation {
  private record Key(String account, String region, String cluster, String service) {}

  /** The fields moto drops, as written. */
  private record Written(EcsPort.ServiceConnect serviceConnect, boolean enableExecuteCommand,
      boolean circuitBreaker, boolean rollback, int minHealthyPercent, int maxPercent) {
    static Written of(EcsPort.ServiceSpec s) {
      return new Written(s.serviceConnect(), s.enableExecuteCommand(), s.circuitBreaker(), s.rollback(),
          s.minHealthyPercent(), s.maxPercent());
    }

    EcsPort.Service over(EcsPort.Service s) {
      EcsPort.ServiceSpec p = s.spec();
      EcsPort.ServiceSpec filled = new EcsPort.ServiceSpec(p.cluster(), p.name(), p.taskDefinitionArn(),
          p.desiredCount(), p.subnets(), p.securityGroups(), p.assignPublicIp(), p.loadBalancers(), serviceConnect,
          enableExecuteCommand, circuitBreaker, rollback, minHealthyPercent, maxPercent, p.propagateTags(),
          p.tags());
      List<EcsPort.Deployment> deployments = s.deployments().stream().map(d -> "PRIMARY".equals(d.status())
          ? new EcsPort.Deployment(d.id(), d.status(), p.taskDefinitionArn(), d.desiredCount(), d.runningCount(),
              d.rolloutState(), d.rolloutStateReason(), d.pendingCount()) : d).toList();
      return new EcsPort.Service(s.arn(), s.name(), s.status(), s.desiredCount(), s.runningCount(), filled,
          deployments);
    }
  }

  private final ConcurrentMap<Key, Written> written = new ConcurrentHashMap<>();

  /** A cloud that is {@code cloud} except that its ECS service reads are completed as described above. */
  public Cloud wrap(Cloud cloud) {
    Objects.requireNonNull(cloud, "cloud");
    Ports ports = withEcs(cloud.ports(), new Ecs(cloud.accountId(), cloud.region(), cloud.ports().ecs()));
    return new CloudView(cloud, cloud.clock(), ports, "MotoCompensation");
  }

  /**
   * {@code ports} with its ECS port replaced. Copied component by component so that this test helper need not
   * change whenever a port is added to {@link Ports}.
   */
  private static Ports withEcs(Ports ports, EcsPort ecs) {
    RecordComponent[] components = Ports.class.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        values[i] = types[i] == EcsPort.class ? ecs : components[i].getAccessor().invoke(ports);
      }
      return Ports.class.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot copy " + ports, e);
    }
  }

  private final class Ecs implements EcsPort {
    private final String account;
    private final String region;
    private final EcsPort ecs;

    Ecs(String account, String region, EcsPort ecs) {
      this.account = account;
      this.region = region;
      this.ecs = ecs;
    }

    private Key key(String cluster, String service) {
      return new Key(account, region, cluster, service);
    }

    private Service fill(Service s) {
      Written w = written.get(key(s.spec().cluster(), s.name()));
      return w == null ? s : w.over(s);
    }

    private Service remember(ServiceSpec spec, Service result) {
      Written w = Written.of(spec);
      written.put(key(spec.cluster(), spec.name()), w);
      return w.over(result);
    }

    @Override
    public Service createService(ServiceSpec spec, String clientToken) {
      return remember(spec, ecs.createService(spec, clientToken));
    }

    @Override
    public Service updateService(ServiceSpec spec, boolean forceNewDeployment) {
      return remember(spec, ecs.updateService(spec, forceNewDeployment));
    }

    @Override
    public Optional<Service> findService(String cluster, String name) {
      return ecs.findService(cluster, name).map(this::fill);
    }

    @Override
    public List<Service> listServices(String cluster) {
      return ecs.listServices(cluster).stream().map(this::fill).toList();
    }

    @Override
    public List<StoppedTask> stoppedTasks(String cluster, String name) {
      return ecs.stoppedTasks(cluster, name);
    }

    @Override
    public List<Task> tasks(String cluster, String name) {
      return ecs.tasks(cluster, name);
    }

    @Override
    public void tagResource(String arn, Map<String, String> tags) {
      ecs.tagResource(arn, tags);
    }

    @Override
    public void untagResource(String arn, List<String> keys) {
      ecs.untagResource(arn, keys);
    }

    @Override
    public void deleteService(String cluster, String name) {
      ecs.deleteService(cluster, name);
      written.remove(key(cluster, name));
    }

    @Override
    public void deleteCluster(String name) {
      ecs.deleteCluster(name);
      written.keySet().removeIf(k -> k.account().equals(account) && k.region().equals(region)
          && k.cluster().equals(name));
    }

    // ---- passed through

    @Override
    public Cluster createCluster(String name, boolean containerInsights, String defaultNamespaceArn,
        Map<String, String> tags) {
      return ecs.createCluster(name, containerInsights, defaultNamespaceArn, tags);
    }

    @Override
    public void updateCluster(String name, boolean containerInsights, String defaultNamespaceArn) {
      ecs.updateCluster(name, containerInsights, defaultNamespaceArn);
    }

    @Override
    public Optional<Cluster> findCluster(String name) {
      return ecs.findCluster(name);
    }

    @Override
    public List<Cluster> listClusters() {
      return ecs.listClusters();
    }

    @Override
    public TaskDefinition registerTaskDefinition(TaskDefinitionSpec spec) {
      return ecs.registerTaskDefinition(spec);
    }

    @Override
    public void deregisterTaskDefinition(String arn) {
      ecs.deregisterTaskDefinition(arn);
    }

    @Override
    public void deleteTaskDefinition(String arn) {
      ecs.deleteTaskDefinition(arn);
    }

    @Override
    public Optional<TaskDefinition> latestTaskDefinition(String family) {
      return ecs.latestTaskDefinition(family);
    }

    @Override
    public List<String> taskDefinitionFamilies() {
      return ecs.taskDefinitionFamilies();
    }

    @Override
    public List<TaskDefinition> taskDefinitions(String family) {
      return ecs.taskDefinitions(family);
    }

    @Override
    public List<TaskDefinition> allTaskDefinitions(String family) {
      return ecs.allTaskDefinitions(family);
    }
  }
}
