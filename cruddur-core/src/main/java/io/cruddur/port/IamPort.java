package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** IAM roles and their policies. */
public interface IamPort {
  record Role(String name, String arn, String assumeRolePolicy, Map<String, String> tags) {}

  /** @throws CloudException.Conflict if it exists */
  Role createRole(String name, String assumeRolePolicy, Map<String, String> tags);

  Optional<Role> findRole(String name);

  List<Role> listRoles();

  void updateAssumeRolePolicy(String name, String assumeRolePolicy);

  void putRolePolicy(String role, String policyName, String document);

  /** Inline policies of a role: name to document. */
  Map<String, String> rolePolicies(String role);

  void deleteRolePolicy(String role, String policyName);

  void attachRolePolicy(String role, String policyArn);

  List<String> attachedPolicies(String role);

  void detachRolePolicy(String role, String policyArn);

  /** @throws CloudException.InUse while it has inline or attached policies */
  void deleteRole(String name);
}
