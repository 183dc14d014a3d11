package io.cruddur.resource;

import io.cruddur.port.ElbPort;

/**
 * {@code elb.target-group}: its name carries a hash of what cannot change, so such a change makes a new group and
 * the old one is deleted after nothing forwards to it.
 */
public record TargetGroupState(@RequiresReplace String name, @RequiresReplace String protocol,
    @RequiresReplace int port, @RequiresReplace String vpcId, @RequiresReplace String targetType,
    ElbPort.HealthCheck healthCheck, int deregistrationDelaySeconds) implements ResourceState {
  public record Outputs(String arn) {}
}
