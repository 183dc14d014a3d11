package io.cruddur.resource;

/** {@code iam.role}: a role and its trust policy (canonical JSON). */
public record RoleState(String name, String assumeRolePolicy) implements ResourceState {
  public record Outputs(String arn, String name) {}
}
