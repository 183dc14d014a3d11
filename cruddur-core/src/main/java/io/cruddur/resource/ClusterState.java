package io.cruddur.resource;

/** {@code ecs.cluster}: an ECS cluster; {@code defaultNamespaceArn} absent means no Service Connect default. */
public record ClusterState(String name, boolean containerInsights, Value<String> defaultNamespaceArn)
    implements ResourceState {
  public record Outputs(String arn, String name) {}
}
