package io.cruddur.resource;

/** {@code logs.log-group}: a CloudWatch log group; {@code retentionDays} absent means logs never expire. */
public record LogGroupState(String name, Integer retentionDays) implements ResourceState {
  public record Outputs(String arn) {}
}
