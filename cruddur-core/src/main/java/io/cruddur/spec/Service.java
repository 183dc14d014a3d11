package io.cruddur.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.immutables.value.Value;

/**
 * An ECS Fargate service and its task definition (family = service name).
 *
 * <ul><li>cpu: 256, memoryMib: 512</li><li>appProtocol: http</li><li>desiredCount: 1</li>
 * <li>assignPublicIp: true (default VPC without NAT)</li><li>serviceConnect: true when the cluster has a
 * namespace</li><li>executeCommand: false</li><li>circuitBreaker: true, with rollback</li>
 * <li>minHealthyPercent: 100, maxPercent: 200</li><li>propagateTags: SERVICE</li><li>deregistrationDelaySeconds: 30 (the AWS default of 300
 * is the slowest step of most deploys)</li><li>healthCheck: {@link HealthCheck#defaults()}</li>
 * <li>securityGroups: the stack's derived service group</li><li>subnets: the default VPC's default subnets</li>
 * <li>autoScaling: none</li></ul>
 */
@Value.Immutable
public abstract class Service {
  public abstract String name();

  public abstract Image image();

  @Value.Default
  public int cpu() {
    return 256;
  }

  @Value.Default
  public int memoryMib() {
    return 512;
  }

  /** The main container's port; absent for a worker without traffic. */
  public abstract Optional<Integer> port();

  /** Name of the port mapping (used by Service Connect); defaults to the service name. */
  @Value.Default
  public String portName() {
    return name();
  }

  @Value.Default
  public String appProtocol() {
    return "http";
  }

  /** The user the main container runs as ({@code 1000}, {@code app}, {@code 1000:1000}); the image's by default. */
  public abstract Optional<String> user();

  public abstract Map<String, String> environment();

  public abstract Map<String, Secret> secrets();

  @Value.Default
  public HealthCheck healthCheck() {
    return HealthCheck.defaults();
  }

  public abstract Optional<ContainerHealthCheck> containerHealthCheck();

  public abstract List<Sidecar> sidecars();

  public abstract List<Route> routes();

  @Value.Default
  public int desiredCount() {
    return 1;
  }

  /** Subnet ids; empty means the default VPC's default subnets. */
  public abstract List<String> subnets();

  /** Security group names of the stack; empty means {@link Stack#serviceSecurityGroupName()}. */
  public abstract List<String> securityGroups();

  @Value.Default
  public boolean assignPublicIp() {
    return true;
  }

  @Value.Default
  public boolean serviceConnect() {
    return true;
  }

  @Value.Default
  public boolean executeCommand() {
    return false;
  }

  @Value.Default
  public boolean circuitBreaker() {
    return true;
  }

  @Value.Default
  public boolean rollback() {
    return true;
  }

  @Value.Default
  public int minHealthyPercent() {
    return 100;
  }

  @Value.Default
  public int maxPercent() {
    return 200;
  }

  /** Which tags ECS copies onto the service's tasks: SERVICE, TASK_DEFINITION or NONE. */
  @Value.Default
  public String propagateTags() {
    return "SERVICE";
  }

  /**
   * How long the load balancer keeps sending a stopping task's open requests before it lets it go, 0-3600 s: every
   * deployment and every deleted service waits for it.
   */
  @Value.Default
  public int deregistrationDelaySeconds() {
    return 30;
  }

  /** Auto scaling of the task count; none by default (the count is {@link #desiredCount()}). */
  public abstract Optional<AutoScaling> autoScaling();

  /**
   * The name of the service's target group in {@code stack}: at most 32 characters, ending with a hash of what a
   * target group cannot change (protocol, port, target type), so that changing them makes a new group. A target
   * group name holds only letters, digits and hyphens (API reference, CreateTargetGroup), so a service name's
   * {@code _} becomes {@code -} (and a run of hyphens one); a name without {@code _} keeps the group it always had.
   */
  public String targetGroupName(String stack) {
    String base = stack + "-" + name();
    if (name().indexOf('_') >= 0) {
      base = base.replace('_', '-').replaceAll("-{2,}", "-");
    }
    if (base.length() > 27) {
      base = base.substring(0, 27);
    }
    base = base.replaceAll("-+$", "");
    return base + "-" + io.cruddur.base.Digest.hex("HTTP|" + port().orElse(0) + "|ip", 4);
  }

  /** Whether this service sits behind the load balancer (it has a port and at least one route). */
  public boolean isRouted() {
    return port().isPresent() && !routes().isEmpty();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Fluent builder; {@code env}, {@code secret}, {@code route} and {@code sidecar} are DSL shorthands. */
  public static class Builder extends ImmutableService.Builder {
    public Builder env(String name, String value) {
      return putEnvironment(name, value);
    }

    public Builder secret(String name, Secret secret) {
      return putSecret(name, secret);
    }

    public Builder route(Consumer<Route.Builder> route) {
      Route.Builder b = Route.builder();
      route.accept(b);
      return addRoute(b.build());
    }

    public Builder sidecar(Sidecar sidecar) {
      return addSidecar(sidecar);
    }

    /**
     * Scales the service between {@code min} and {@code max} tasks to keep its average CPU at {@code cpuPercent};
     * {@code desiredCount} is then the count it starts with.
     */
    public Builder autoScaling(int min, int max, int cpuPercent) {
      return autoScaling(AutoScaling.of(min, max, cpuPercent));
    }

    /** Auto scaling on any of CPU, memory and requests: {@code a -> a.min(1).max(4).memoryPercent(70)}. */
    public Builder autoScaling(Consumer<AutoScaling.Builder> scaling) {
      AutoScaling.Builder b = AutoScaling.builder();
      scaling.accept(b);
      return autoScaling(b.build());
    }

    public Builder healthCheck(Consumer<HealthCheck.Builder> check) {
      HealthCheck.Builder b = HealthCheck.builder();
      check.accept(b);
      return healthCheck(b.build());
    }
  }
}
