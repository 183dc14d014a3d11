package io.cruddur.resource;

/**
 * {@code ec2.security-group}: a group of the VPC; its rules are {@link IngressState}s. The description is set at
 * creation only: EC2 cannot change it, and replacing a group in use would fail.
 */
public record SecurityGroupState(String name, @WriteOnly String description, @RequiresReplace String vpcId)
    implements ResourceState {
  public record Outputs(String id) {}
}
