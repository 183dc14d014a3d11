package io.cruddur.resource;

/** {@code ecr.repository}: an ECR repository. */
public record RepositoryState(String name, boolean immutableTags, boolean scanOnPush, @WriteOnly boolean forceDelete)
    implements ResourceState {
  public record Outputs(String arn, String uri) {}
}
