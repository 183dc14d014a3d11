package io.cruddur.resource;

/**
 * {@code ec2.ingress}: one rule of a security group, open to a CIDR block or to another group
 * ({@code sourceGroupId}); the other is absent. Rules cannot be changed in place. {@code groupName} lets the rule be
 * read from its own group instead of the whole VPC.
 */
public record IngressState(@RequiresReplace Value<String> groupId, @RequiresReplace String protocol,
    @RequiresReplace int fromPort, @RequiresReplace int toPort, @RequiresReplace String cidr,
    @RequiresReplace Value<String> sourceGroupId, @WriteOnly String description, @WriteOnly String groupName)
    implements ResourceState {
  public record Outputs(String id, String groupId) {}
}
