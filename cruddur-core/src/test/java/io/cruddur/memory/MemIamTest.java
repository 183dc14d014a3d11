package io.cruddur.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.port.CloudException;
import io.cruddur.port.IamPort;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * IAM roles as AWS behaves: names unique whatever their case, inline and AWS managed policies (only the ones that
 * exist), no delete while a policy is left, and a new role that ECS can assume only after IAM has propagated it
 * (compact latency: 5 s).
 */
class MemIamTest {
  private static final Map<String, String> TAGS = Map.of("cruddur:stack", "t");
  private static final String EXECUTION = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
  private static final String DOC = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}";

  private final InMemoryCloud cloud = InMemoryCloud.create();
  private final IamPort iam = cloud.iam();

  @Test
  void aRoleHasAnArnItsTrustPolicyAndTagsAndANameUniqueWhateverItsCase() {
    IamPort.Role r = iam.createRole("Exec", "{\"trust\":1}", TAGS);
    assertThat(r).isEqualTo(new IamPort.Role("Exec", "arn:aws:iam::000000000000:role/Exec", "{\"trust\":1}", TAGS));
    assertThatThrownBy(() -> iam.createRole("exec", "{}", TAGS)).isInstanceOf(CloudException.Conflict.class)
        .hasMessageContaining("EntityAlreadyExists: Role with name Exec already exists.");
    assertThat(iam.findRole("Exec")).contains(r);
    assertThat(iam.findRole("EXEC")).as("names are not distinguished by case").contains(r);
    assertThat(iam.findRole("Exe")).isEmpty();
    assertThat(iam.listRoles()).containsExactly(r);
    iam.updateAssumeRolePolicy("exec", "{\"trust\":2}");
    assertThat(iam.findRole("Exec").orElseThrow()).isEqualTo(new IamPort.Role("Exec", r.arn(), "{\"trust\":2}", TAGS));
    assertThat(iam.listRoles()).hasSize(1);
    iam.putRolePolicy("EXEC", "p", DOC);
    assertThat(iam.rolePolicies("Exec")).containsOnlyKeys("p");
    iam.deleteRolePolicy("exec", "p");
    iam.deleteRole("eXeC");
    assertThat(iam.listRoles()).isEmpty();
    assertThatThrownBy(() -> iam.updateAssumeRolePolicy("none", "{}")).isInstanceOf(CloudException.NotFound.class)
        .hasMessageContaining("NoSuchEntity: The role with name none cannot be found.");
  }

  @Test
  void inlinePoliciesArePutByNameAndDeletedOnce() {
    iam.createRole("exec", "{}", TAGS);
    iam.putRolePolicy("exec", "s3", DOC);
    iam.putRolePolicy("exec", "s3", DOC.replace("s3:*", "s3:Get*"));
    iam.putRolePolicy("exec", "logs", DOC);
    assertThat(iam.rolePolicies("exec")).containsOnlyKeys("s3", "logs").containsEntry("s3",
        DOC.replace("s3:*", "s3:Get*"));
    iam.deleteRolePolicy("exec", "s3");
    assertThat(iam.rolePolicies("exec")).containsOnlyKeys("logs");
    assertThatThrownBy(() -> iam.deleteRolePolicy("exec", "s3")).isInstanceOf(CloudException.NotFound.class)
        .hasMessageContaining("NoSuchEntity: policy s3 of role exec");
    assertThatThrownBy(() -> iam.putRolePolicy("none", "p", DOC)).isInstanceOf(CloudException.NotFound.class);
    assertThatThrownBy(() -> iam.rolePolicies("none")).isInstanceOf(CloudException.NotFound.class);
    assertThatThrownBy(() -> iam.deleteRolePolicy("none", "p")).isInstanceOf(CloudException.NotFound.class);
  }

  @Test
  void onlyAwsManagedPoliciesThatExistCanBeAttachedAndOnlyOnce() {
    iam.createRole("exec", "{}", TAGS);
    iam.attachRolePolicy("exec", EXECUTION);
    iam.attachRolePolicy("exec", EXECUTION);
    iam.attachRolePolicy("exec", "arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess");
    iam.attachRolePolicy("exec", "arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess");
    assertThat(iam.attachedPolicies("exec")).containsExactly(EXECUTION,
        "arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess", "arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess");
    for (String missing : new String[] {"arn:aws:iam::aws:policy/AmazonECSTaskExecutionRolePolicy",
        "arn:aws:iam::aws:policy/NoSuchPolicy", "arn:aws:iam::000000000000:policy/mine",
        "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicyX", "AmazonSSMReadOnlyAccess"}) {
      assertThatThrownBy(() -> iam.attachRolePolicy("exec", missing)).as(missing)
          .isInstanceOf(CloudException.NotFound.class).hasMessageContaining("does not exist or is not attachable");
    }
    iam.detachRolePolicy("exec", EXECUTION);
    assertThat(iam.attachedPolicies("exec")).hasSize(2).doesNotContain(EXECUTION);
    assertThatThrownBy(() -> iam.detachRolePolicy("exec", EXECUTION)).isInstanceOf(CloudException.NotFound.class)
        .hasMessageContaining("is not attached to exec");
    assertThatThrownBy(() -> iam.attachRolePolicy("none", EXECUTION)).isInstanceOf(CloudException.NotFound.class);
    assertThatThrownBy(() -> iam.attachedPolicies("none")).isInstanceOf(CloudException.NotFound.class);
    assertThatThrownBy(() -> iam.detachRolePolicy("none", EXECUTION)).isInstanceOf(CloudException.NotFound.class);
  }

  @Test
  void aRoleIsDeletableOnceItHasNoPolicyLeft() {
    iam.createRole("exec", "{}", TAGS);
    iam.putRolePolicy("exec", "p", DOC);
    assertThatThrownBy(() -> iam.deleteRole("exec")).isInstanceOf(CloudException.InUse.class)
        .hasMessageContaining("DeleteConflict");
    iam.deleteRolePolicy("exec", "p");
    iam.attachRolePolicy("exec", EXECUTION);
    assertThatThrownBy(() -> iam.deleteRole("exec")).isInstanceOf(CloudException.InUse.class);
    iam.detachRolePolicy("exec", EXECUTION);
    iam.deleteRole("exec");
    assertThat(iam.findRole("exec")).isEmpty();
    assertThatThrownBy(() -> iam.deleteRole("exec")).isInstanceOf(CloudException.NotFound.class);
    assertThat(iam.createRole("EXEC", "{}", TAGS).name()).as("the name is free again").isEqualTo("EXEC");
  }

  @Test
  void ecsCanAssumeANewRoleOnlyOnceIamHasPropagatedIt() {
    IamPort.Role r = iam.createRole("exec", "{}", TAGS);
    MemIam mem = (MemIam) iam;
    cloud.clock().advance(Duration.ofMillis(4_999));
    assertThat(mem.assumable(r.arn())).isFalse();
    cloud.clock().advance(Duration.ofMillis(1));
    assertThat(mem.assumable(r.arn())).isTrue();
    iam.updateAssumeRolePolicy("exec", "{}");
    assertThat(mem.assumable(r.arn())).as("an update keeps the creation time").isTrue();
    assertThat(mem.assumable(r.arn() + "x")).as("no such role").isFalse();
  }

  @Test
  void aPolicyDefinedInTheCloudCanBeAttachedAndGrantsWhatItsDocumentAllows() {
    iam.createRole("exec", "{}", TAGS);
    String mine = "arn:aws:iam::000000000000:policy/read-db-url";
    assertThatThrownBy(() -> iam.attachRolePolicy("exec", mine)).isInstanceOf(CloudException.NotFound.class);
    cloud.definePolicy(mine, "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ssm:GetParameters\","
        + "\"Resource\":\"arn:aws:ssm:us-east-1:000000000000:parameter/db/*\"}}");
    iam.attachRolePolicy("exec", mine);
    assertThat(iam.attachedPolicies("exec")).containsExactly(mine);
    var role = cloud.state.roles.get("exec");
    assertThat(Policies.allows(role, cloud.state.definedPolicies, "ssm:GetParameters",
        "arn:aws:ssm:us-east-1:000000000000:parameter/db/url")).isTrue();
    assertThat(Policies.allows(role, cloud.state.definedPolicies, "ssm:GetParameters",
        "arn:aws:ssm:us-east-1:000000000000:parameter/other")).isFalse();
    assertThat(Policies.allows(role, "ssm:GetParameters", "arn:aws:ssm:us-east-1:000000000000:parameter/db/url"))
        .as("without the cloud's definitions the policy grants nothing").isFalse();
    String unknownAws = "arn:aws:iam::aws:policy/AmazonRDSReadOnlyAccess";
    assertThatThrownBy(() -> iam.attachRolePolicy("exec", unknownAws)).isInstanceOf(CloudException.NotFound.class);
    cloud.definePolicy(unknownAws, "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"rds:Describe*\","
        + "\"Resource\":\"*\"}}");
    iam.attachRolePolicy("exec", unknownAws);
    assertThat(Policies.allows(cloud.state.roles.get("exec"), cloud.state.definedPolicies, "rds:DescribeDBInstances",
        "*")).isTrue();
  }
}
