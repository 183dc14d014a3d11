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
  /**
   * The AWS managed policies the cloud knows (paths as in the AWS Managed Policy Reference), by their path and name
   * after {@code arn:<partition>:iam::aws:policy/}. Attaching any other, and any customer managed policy (the port
   * cannot create one), is NoSuchEntity as on AWS for a policy that does not exist.
   */
  static final Set<String> MANAGED_POLICIES = Set.of(
      "service-role/AmazonECSTaskExecutionRolePolicy", "CloudWatchAgentServerPolicy", "AmazonSSMReadOnlyAccess",
      "AWSXRayDaemonWriteAccess", "AmazonEC2ContainerRegistryReadOnly", "CloudWatchLogsFullAccess",
      "AmazonS3ReadOnlyAccess", "AmazonS3FullAccess", "AmazonDynamoDBReadOnlyAccess", "AmazonDynamoDBFullAccess",
      "AmazonSQSFullAccess", "AmazonSNSFullAccess", "AmazonSESFullAccess", "SecretsManagerReadWrite",
      "AmazonSSMManagedInstanceCore", "AmazonPrometheusRemoteWriteAccess", "AWSAppMeshEnvoyAccess",
      "ReadOnlyAccess", "AdministratorAccess");
  private static final Pattern AWS_MANAGED = Pattern.compile("arn:aws[a-z-]*:iam::aws:policy/(.+)");
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
        () -> Optional.ofNullable(c.state.roles.get(name)).map(StoredRole::role));
  }

  @Override
  public List<Role> listRoles() {
    return c.op("iam", "ListRoles", null, false,
        () -> c.state.roles.values().stream().map(StoredRole::role).toList());
  }

  @Override
  public void updateAssumeRolePolicy(String name, String assumeRolePolicy) {
    c.opv("iam", "UpdateAssumeRolePolicy", name, () -> {
      StoredRole s = require(name);
      Role r = s.role();
      c.state.roles.put(name, new StoredRole(new Role(r.name(), r.arn(), assumeRolePolicy, r.tags()),
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
      Matcher m = AWS_MANAGED.matcher(policyArn);
      if (!m.matches() || !MANAGED_POLICIES.contains(m.group(1))) {
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
      c.state.roles.remove(name);
    });
  }

  /** Whether ECS can assume the role now (the propagation delay has passed). */
  boolean assumable(String roleArn) {
    return c.state.roles.values().stream().filter(r -> r.role().arn().equals(roleArn)).findFirst()
        .map(r -> c.now() >= r.createdAt() + c.settings.iamPropagation().toMillis())
        .orElse(false);
  }

  private StoredRole require(String name) {
    StoredRole s = c.state.roles.get(name);
    if (s == null) {
      throw new CloudException.NotFound("NoSuchEntity: role " + name + " does not exist");
    }
    return s;
  }
}
