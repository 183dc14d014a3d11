package io.cruddur.resource;

/** {@code iam.role-policy}: an inline policy of a role (canonical JSON). */
public record RolePolicyState(@RequiresReplace Value<String> role, @RequiresReplace String name, String document)
    implements ResourceState {
  public record Outputs(String name) {}
}
