package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** IAM roles and their policies. */
public interface IamPort extends IamReads {
  record Role(String name, String arn, String assumeRolePolicy, Map<String, String> tags) {}

  /** A role with its inline policies (name to document) and the ARNs of its attached managed policies. */
  record RoleDetail(Role role, Map<String, String> inlinePolicies, List<String> attachedPolicies) {
    public RoleDetail {
      inlinePolicies = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(inlinePolicies));
      attachedPolicies = List.copyOf(attachedPolicies);
    }
  }

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
