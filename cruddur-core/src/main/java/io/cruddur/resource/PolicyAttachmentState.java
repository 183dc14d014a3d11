package io.cruddur.resource;

/** {@code iam.policy-attachment}: a managed policy attached to a role. */
public record PolicyAttachmentState(@RequiresReplace Value<String> role, @RequiresReplace String policyArn)
    implements ResourceState {
  public record Outputs(String arn) {}
}
