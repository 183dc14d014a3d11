package io.cruddur.resource;

/** {@code servicediscovery.namespace}: a Cloud Map HTTP namespace for ECS Service Connect. */
public record NamespaceState(String name) implements ResourceState {
  public record Outputs(String arn, String id) {}
}
