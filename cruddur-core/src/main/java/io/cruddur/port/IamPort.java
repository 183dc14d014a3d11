package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** IAM roles and their policies. */
public interface IamPort extends IamReads {
  record Role(String name, String arn, String assumeRolePolicy, Map<String, String> tags) {}

  /** @throws CloudException.Conflict if it exists */
  Role createRole(String name, String assumeRolePolicy, Map<String, String> tags);

  void updateAssumeRolePolicy(String name, String assumeRolePolicy);

  void putRolePolicy(String role, String policyName, String document);

  void deleteRolePolicy(String role, String policyName);

  void attachRolePolicy(String role, String policyArn);

  void detachRolePolicy(String role, String policyArn);

  /** @throws CloudException.InUse while it has inline or attached policies */
  void deleteRole(String name);
}
