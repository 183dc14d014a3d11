package io.cruddur.memory;

import io.cruddur.memory.MemoryState.StoredRole;
import io.cruddur.port.CloudException;
import io.cruddur.port.IamPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

final class MemIam implements IamPort {
  private final InMemoryCloud c;

  MemIam(InMemoryCloud c) {
    this.c = c;
  }

  @Override
  public Role createRole(String name, String assumeRolePolicy, Map<String, String> tags) {
    return c.op("iam", "CreateRole", name, true, () -> {
      // IAM names "are not distinguished by case" (API reference, CreateRole, RoleName): MyRole clashes with myrole.
      Optional<String> taken = c.state.roles.keySet().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst();
      if (taken.isPresent()) {
        throw new CloudException.Conflict("EntityAlreadyExists: Role with name " + taken.get() + " already exists.");
      }
      Role r = new Role(name, "arn:" + c.partition() + ":iam::" + c.state.accountId + ":role/" + name,
          assumeRolePolicy, InMemoryCloud.copy(tags));
      c.state.roles.put(name, new StoredRole(r, c.now(), new TreeMap<>(), new ArrayList<>()));
      return r;
    });
  }

  @Override
  public Optional<Role> findRole(String name) {
    return c.op("iam", "GetRole", name, false,
        () -> stored(name).map(StoredRole::role));
  }

  @Override
  public List<Role> listRoles() {
    return c.op("iam", "ListRoles", null, false,
        () -> c.state.roles.values().stream().map(StoredRole::role).toList());
  }

  @Override
  public List<RoleDetail> listRoleDetails() {
    return c.op("iam", "GetAccountAuthorizationDetails", null, false, () -> c.state.roles.values().stream()
        .map(s -> new RoleDetail(s.role(), s.inlinePolicies(), s.attachedPolicies())).toList());
  }

  @Override
  public void updateAssumeRolePolicy(String name, String assumeRolePolicy) {
    c.opv("iam", "UpdateAssumeRolePolicy", name, () -> {
      StoredRole s = require(name);
      Role r = s.role();
      c.state.roles.put(r.name(), new StoredRole(new Role(r.name(), r.arn(), assumeRolePolicy, r.tags()),
          s.createdAt(), s.inlinePolicies(), s.attachedPolicies()));
    });
  }

  @Override
  public void putRolePolicy(String role, String policyName, String document) {
    c.opv("iam", "PutRolePolicy", role + "/" + policyName, () -> require(role).inlinePolicies().put(policyName,
        document));
  }

  @Override
  public Map<String, String> rolePolicies(String role) {
    return c.op("iam", "ListRolePolicies", role, false, () -> Map.copyOf(require(role).inlinePolicies()));
  }

  @Override
  public void deleteRolePolicy(String role, String policyName) {
    c.opv("iam", "DeleteRolePolicy", role + "/" + policyName, () -> {
      if (require(role).inlinePolicies().remove(policyName) == null) {
        throw new CloudException.NotFound("NoSuchEntity: policy " + policyName + " of role " + role);
      }
    });
  }

  @Override
  public void attachRolePolicy(String role, String policyArn) {
    c.opv("iam", "AttachRolePolicy", role + " " + policyArn, () -> {
      StoredRole s = require(role);
      // The AWS managed policies the cloud knows, and those defined with InMemoryCloud.definePolicy, exist; any
      // other is NoSuchEntity, as on AWS for a policy that does not exist.
      String managed = Policies.awsManagedName(policyArn);
      boolean exists = managed != null && Policies.MANAGED.containsKey(managed)
          || c.state.definedPolicies.containsKey(policyArn);
      if (!exists) {
        throw new CloudException.NotFound("NoSuchEntity: Policy " + policyArn + " does not exist or is not "
            + "attachable.");
      }
      if (!s.attachedPolicies().contains(policyArn)) {
        s.attachedPolicies().add(policyArn);
      }
    });
  }

  @Override
  public List<String> attachedPolicies(String role) {
    return c.op("iam", "ListAttachedRolePolicies", role, false, () -> List.copyOf(require(role).attachedPolicies()));
  }

  @Override
  public void detachRolePolicy(String role, String policyArn) {
    c.opv("iam", "DetachRolePolicy", role + " " + policyArn, () -> {
      if (!require(role).attachedPolicies().remove(policyArn)) {
        throw new CloudException.NotFound("NoSuchEntity: policy " + policyArn + " is not attached to " + role);
      }
    });
  }

  @Override
  public void deleteRole(String name) {
    c.opv("iam", "DeleteRole", name, () -> {
      StoredRole s = require(name);
      if (!s.inlinePolicies().isEmpty() || !s.attachedPolicies().isEmpty()) {
        throw new CloudException.InUse("DeleteConflict: role " + name + " still has policies");
      }
      c.state.roles.remove(s.role().name());
    });
  }

  /** Whether ECS can assume the role now (the propagation delay has passed). */
  boolean assumable(String roleArn) {
    return c.state.roles.values().stream().filter(r -> r.role().arn().equals(roleArn)).findFirst()
        .map(r -> c.now() >= r.createdAt() + c.settings.iamPropagation().toMillis())
        .orElse(false);
  }

  /** The role of that name, whatever its case: IAM names are not distinguished by case. */
  private Optional<StoredRole> stored(String name) {
    StoredRole exact = c.state.roles.get(name);
    return exact != null ? Optional.of(exact) : c.state.roles.values().stream()
        .filter(r -> r.role().name().equalsIgnoreCase(name)).findFirst();
  }

  private StoredRole require(String name) {
    return stored(name).orElseThrow(() ->
        new CloudException.NotFound("NoSuchEntity: The role with name " + name + " cannot be found."));
  }
}
