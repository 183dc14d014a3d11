package io.cruddur.resource;

import java.util.List;

/**
 * {@code ecs.service}: a Fargate service. {@code serviceConnect} absent means off. Its cluster and name are its
 * identity (another cluster or name is another service), so neither is ever changed in place. When auto scaling manages the
 * count ({@code autoScaled}), {@code desiredCount} is the count to start with and is not compared afterwards.
 * {@code override}: what a day-2 command that writes this state did (tagged on the service as
 * {@link io.cruddur.base.Tags#OVERRIDE}); null for the spec's own state, whose update removes that tag.
 */
public record ServiceState(Value<String> cluster, String name,
    Value<String> taskDefinitionArn, int desiredCount, List<String> subnets, List<Value<String>> securityGroups,
    boolean assignPublicIp, List<LoadBalancer> loadBalancers, ServiceConnect serviceConnect,
    boolean enableExecuteCommand, boolean circuitBreaker, boolean rollback, int minHealthyPercent, int maxPercent,
    String propagateTags, @WriteOnly boolean autoScaled, @WriteOnly String override) implements ResourceState {
  /** A target group the service registers its tasks with. */
  public record LoadBalancer(Value<String> targetGroupArn, String containerName, int containerPort) {}

  /** Service Connect: the port published in the namespace under {@code discoveryName}. */
  public record ServiceConnect(Value<String> namespaceArn, String portName, String discoveryName, int port) {}

  /** {@code override}: the service's {@link io.cruddur.base.Tags#OVERRIDE} tag, null if it has none. */
  public record Outputs(String arn, String cluster, String name, String taskDefinitionArn, String override) {}

  /** The service's id for Application Auto Scaling: {@code service/<cluster>/<service>}. */
  public String autoScalingResourceId() {
    return autoScalingResourceId(cluster.get(), name);
  }

  /** The Application Auto Scaling id of service {@code name} of {@code cluster}. */
  public static String autoScalingResourceId(String cluster, String name) {
    return "service/" + cluster + "/" + name;
  }

  /** The same service with another desired count. */
  public ServiceState withDesiredCount(int count) {
    return new ServiceState(cluster, name, taskDefinitionArn, count, subnets, securityGroups, assignPublicIp,
        loadBalancers, serviceConnect, enableExecuteCommand, circuitBreaker, rollback, minHealthyPercent, maxPercent,
        propagateTags, autoScaled, override);
  }

  /** The same service on another task definition. */
  public ServiceState withTaskDefinition(Value<String> arn) {
    return new ServiceState(cluster, name, arn, desiredCount, subnets, securityGroups, assignPublicIp,
        loadBalancers, serviceConnect, enableExecuteCommand, circuitBreaker, rollback, minHealthyPercent, maxPercent,
        propagateTags, autoScaled, override);
  }

  /** The same service, written by a day-2 command that says so with {@code override}. */
  public ServiceState withOverride(String override) {
    return new ServiceState(cluster, name, taskDefinitionArn, desiredCount, subnets, securityGroups, assignPublicIp,
        loadBalancers, serviceConnect, enableExecuteCommand, circuitBreaker, rollback, minHealthyPercent, maxPercent,
        propagateTags, autoScaled, override);
  }
}
