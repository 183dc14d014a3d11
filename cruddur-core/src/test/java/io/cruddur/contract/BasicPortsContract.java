package io.cruddur.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.cruddur.base.Json;
import io.cruddur.port.CloudException;
import io.cruddur.port.Ec2Port;
import io.cruddur.port.IamPort;
import io.cruddur.port.LogsPort;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ECR, CloudWatch Logs, IAM, EC2 security groups, SSM and Cloud Map. */
public interface BasicPortsContract extends CloudContract {
  String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

  @Test
  default void repositoryIsCreatedWithArnUriAndTagsAndAConflictOnTheSameName() {
    requireService("ecr");
    String name = unique("repo");
    var r = cloud().ecr().createRepository(name, true, true, tags());
    assertThat(r.arn()).isEqualTo("arn:aws:ecr:" + cloud().region() + ":" + cloud().accountId() + ":repository/"
        + name);
    assertThat(r.uri()).isEqualTo(cloud().accountId() + ".dkr.ecr." + cloud().region() + ".amazonaws.com/" + name);
    var found = cloud().ecr().findRepository(name).orElseThrow();
    assertThat(found.immutableTags()).isTrue();
    assertThat(found.tags()).containsEntry("cruddur:stack", "contract");
    assertThatThrownBy(() -> cloud().ecr().createRepository(name, false, true, tags()))
        .isInstanceOf(CloudException.Conflict.class);
    cloud().ecr().updateRepository(name, false, false);
    assertThat(cloud().ecr().findRepository(name).orElseThrow().immutableTags()).isFalse();
    cloud().ecr().deleteRepository(name, false);
    assertThat(cloud().ecr().findRepository(name)).isEmpty();
    assertThatThrownBy(() -> cloud().ecr().deleteRepository(name, false)).isInstanceOf(CloudException.NotFound.class);
  }

  @Test
  default void logGroupKeepsItsRetention() {
    String name = "/contract/" + unique("logs");
    cloud().logs().createLogGroup(name, tags());
    assertThat(cloud().logs().findLogGroup(name).orElseThrow().retentionDays()).isNull();
    cloud().logs().putRetention(name, 1);
    var g = cloud().logs().findLogGroup(name).orElseThrow();
    assertThat(g.retentionDays()).isEqualTo(1);
    assertThat(g.tags()).containsEntry("cruddur:stack", "contract");
    assertThatThrownBy(() -> cloud().logs().createLogGroup(name, tags())).isInstanceOf(CloudException.Conflict.class);
    cloud().logs().deleteLogGroup(name);
    assertThat(cloud().logs().findLogGroup(name)).isEmpty();
  }

  @Test
  default void logEventsAreReadAcrossStreamsInTimeOrderByStreamPrefixAndStart() {
    String name = "/contract/" + unique("events");
    cloud().logs().createLogGroup(name, tags());
    long t = System.currentTimeMillis() / 1000 * 1000 - 600_000; // CloudWatch Logs refuses events older than 14 days
    cloud().logs().putLogEvents(name, "web/app/task1", List.of(new LogsPort.LogMessage(t, "one"),
        new LogsPort.LogMessage(t + 2000, "three")));
    cloud().logs().putLogEvents(name, "web/sidecar/task1", List.of(new LogsPort.LogMessage(t + 1000, "two")));
    cloud().logs().putLogEvents(name, "web/app/task1", List.of(new LogsPort.LogMessage(t + 3000, "four")));
    assertThat(cloud().logs().events(name, "", t, 100)).extracting(LogsPort.LogEvent::message)
        .containsExactly("one", "two", "three", "four");
    assertThat(cloud().logs().events(name, "web/app/", t + 1, 100))
        .extracting(LogsPort.LogEvent::stream, LogsPort.LogEvent::message)
        .containsExactly(tuple("web/app/task1", "three"), tuple("web/app/task1", "four"));
    assertThat(cloud().logs().events(name, "", t, 2)).hasSize(2);
    assertThat(cloud().logs().events(name, "", t, 100)).extracting(LogsPort.LogEvent::id).doesNotHaveDuplicates();
    assertThatThrownBy(() -> cloud().logs().events(name + "-missing", "", t, 10))
        .isInstanceOf(CloudException.NotFound.class);
    cloud().logs().deleteLogGroup(name);
  }

  @Test
  default void roleWithPoliciesCannotBeDeletedUntilTheyAreRemoved() {
    String name = unique("role");
    IamPort.Role role = cloud().iam().createRole(name, TRUST, tags());
    assertThat(role.arn()).isEqualTo("arn:aws:iam::" + cloud().accountId() + ":role/" + name);
    assertThatThrownBy(() -> cloud().iam().createRole(name, TRUST, tags()))
        .isInstanceOf(CloudException.Conflict.class);
    String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\","
        + "\"Resource\":\"*\"}]}";
    cloud().iam().putRolePolicy(name, "inline", doc);
    cloud().iam().attachRolePolicy(name, "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");
    assertThat(cloud().iam().rolePolicies(name)).containsKey("inline");
    assertThat(cloud().iam().attachedPolicies(name))
        .containsExactly("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");
    assertThatThrownBy(() -> cloud().iam().deleteRole(name)).isInstanceOf(CloudException.InUse.class);
    cloud().iam().deleteRolePolicy(name, "inline");
    cloud().iam().detachRolePolicy(name, "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");
    cloud().iam().deleteRole(name);
    assertThat(cloud().iam().findRole(name)).isEmpty();
  }

  @Test
  default void defaultVpcHasDefaultSubnetsInAtLeastTwoZones() {
    Ec2Port.Vpc vpc = cloud().ec2().defaultVpc().orElseThrow();
    assertThat(vpc.id()).startsWith("vpc-");
    List<Ec2Port.Subnet> subnets = cloud().ec2().subnets(vpc.id());
    assertThat(subnets.stream().filter(Ec2Port.Subnet::defaultForAz).map(Ec2Port.Subnet::availabilityZone)
        .distinct()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(cloud().ec2().defaultSubnets()).as("what a plan reads instead")
        .containsExactlyInAnyOrderElementsOf(subnets.stream().filter(Ec2Port.Subnet::defaultForAz).toList());
  }

  /** A plan reads IAM through listRoleDetails: it says what the role-by-role reads say. */
  @Test
  default void roleDetailsSayWhatTheRoleByRoleReadsSay() {
    String name = unique("role");
    cloud().iam().createRole(name, TRUST, tags());
    cloud().iam().putRolePolicy(name, "inline", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":\"logs:PutLogEvents\",\"Resource\":\"*\"}]}");
    cloud().iam().attachRolePolicy(name, "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");
    IamPort.RoleDetail detail = cloud().iam().listRoleDetails().stream().filter(d -> d.role().name().equals(name))
        .findFirst().orElseThrow();
    IamPort.Role role = cloud().iam().findRole(name).orElseThrow();
    assertThat(detail.role().arn()).isEqualTo(role.arn());
    assertThat(detail.role().tags()).isEqualTo(role.tags()).isEqualTo(tags());
    assertThat(Json.canonical(detail.role().assumeRolePolicy())).isEqualTo(Json.canonical(role.assumeRolePolicy()));
    assertThat(detail.inlinePolicies()).containsOnlyKeys("inline");
    assertThat(Json.canonical(detail.inlinePolicies().get("inline")))
        .isEqualTo(Json.canonical(cloud().iam().rolePolicies(name).get("inline")));
    assertThat(detail.attachedPolicies()).isEqualTo(cloud().iam().attachedPolicies(name));
    cloud().iam().deleteRolePolicy(name, "inline");
    cloud().iam().detachRolePolicy(name, "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");
    cloud().iam().deleteRole(name);
  }

  @Test
  default void securityGroupRulesHaveIdsAndDuplicatesConflict() {
    String vpc = cloud().ec2().defaultVpc().orElseThrow().id();
    var alb = cloud().ec2().createSecurityGroup(unique("alb"), "alb", vpc, tags());
    var svc = cloud().ec2().createSecurityGroup(unique("svc"), "svc", vpc, tags());
    assertThat(alb.id()).startsWith("sg-");
    assertThat(present(() -> cloud().ec2().findSecurityGroup(vpc, alb.name())).tags())
        .containsEntry("cruddur:stack", "contract");
    var fromAlb = new Ec2Port.Permission("tcp", 4567, 4567, null, alb.id(), "from the ALB");
    String rule = consistent(() -> cloud().ec2().authorizeIngress(svc.id(), fromAlb));
    assertThat(rule).startsWith("sgr-");
    assertThatThrownBy(() -> cloud().ec2().authorizeIngress(svc.id(), fromAlb))
        .isInstanceOf(CloudException.Conflict.class);
    var found = present(() -> cloud().ec2().findSecurityGroup(vpc, svc.name()));
    assertThat(found.ingress()).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo(rule);
      assertThat(r.permission().sourceGroupId()).isEqualTo(alb.id());
      assertThat(r.permission().fromPort()).isEqualTo(4567);
    });
    cloud().ec2().revokeIngress(svc.id(), rule);
    assertThat(cloud().ec2().findSecurityGroup(vpc, svc.name()).orElseThrow().ingress()).isEmpty();
    cloud().ec2().deleteSecurityGroup(svc.id());
    cloud().ec2().deleteSecurityGroup(alb.id());
    assertThat(cloud().ec2().findSecurityGroup(vpc, alb.name())).isEmpty();
  }

  @Test
  default void securityGroupNamesAreUniqueInAVpc() {
    String vpc = cloud().ec2().defaultVpc().orElseThrow().id();
    var g = cloud().ec2().createSecurityGroup(unique("sg"), "one", vpc, tags());
    assertThatThrownBy(() -> cloud().ec2().createSecurityGroup(g.name(), "again", vpc, tags()))
        .isInstanceOf(CloudException.Conflict.class);
  }

  @Test
  default void securityGroupReferencedByAnotherCannotBeDeleted() {
    requireNo(Gap.SECURITY_GROUP_DELETE_IN_USE);
    String vpc = cloud().ec2().defaultVpc().orElseThrow().id();
    var alb = cloud().ec2().createSecurityGroup(unique("alb"), "alb", vpc, tags());
    var svc = cloud().ec2().createSecurityGroup(unique("svc"), "svc", vpc, tags());
    consistent(() -> cloud().ec2().authorizeIngress(svc.id(), new Ec2Port.Permission("tcp", 80, 80, null, alb.id(),
        null)));
    assertThatThrownBy(() -> cloud().ec2().deleteSecurityGroup(alb.id())).isInstanceOf(CloudException.InUse.class);
  }

  @Test
  default void parameterMetadataIsReadableButNeverItsValue() {
    String name = "/contract/" + unique("p") + "/CONNECTION_URL";
    putParameter(name, "postgresql://secret-value");
    var p = cloud().ssm().describeParameter(name).orElseThrow();
    assertThat(p.type()).isEqualTo("SecureString");
    assertThat(p.arn()).endsWith(":parameter" + name);
    assertThat(p.toString()).doesNotContain("secret-value");
    assertThat(cloud().ssm().describeParameter(name + "-missing")).isEmpty();
  }

  /** DescribeParameters with several names in its Name filter: what exists, keyed by the name or ARN asked. */
  @Test
  default void severalParametersAreDescribedAtOnceByNameOrArn() {
    String base = "/contract/" + unique("m");
    putParameter(base + "/A", "value-a");
    putParameter(base + "/B", "value-b");
    String arnOfB = cloud().ssm().describeParameter(base + "/B").orElseThrow().arn();
    var found = cloud().ssm().describeParameters(List.of(base + "/A", arnOfB, base + "/MISSING", base + "/A"));
    assertThat(found).containsOnlyKeys(base + "/A", arnOfB);
    assertThat(found.get(base + "/A").name()).isEqualTo(base + "/A");
    assertThat(found.get(arnOfB).name()).isEqualTo(base + "/B");
    assertThat(found.get(arnOfB).type()).isEqualTo("SecureString");
    assertThat(found.toString()).doesNotContain("value-");
    List<String> many = new java.util.ArrayList<>();
    for (int i = 0; i < 60; i++) {
      many.add(base + "/ABSENT" + i);
    }
    many.add(base + "/A");
    assertThat(cloud().ssm().describeParameters(many)).as("more than the 50 names one call takes")
        .containsOnlyKeys(base + "/A");
    // A name with one level: SSM keeps /NAME as NAME, and finds it by either.
    String single = "contract-" + unique("one");
    putParameter("/" + single, "value-c");
    assertThat(cloud().ssm().describeParameters(List.of("/" + single, single))).containsOnlyKeys("/" + single, single);
    assertThat(cloud().ssm().describeParameter("/" + single)).isPresent();
  }

  @Test
  default void aStringParameterIsCreatedOnlyIfAbsentAndReadBack() {
    String name = "/cruddur/contract/" + unique("s") + "/0000000001";
    assertThat(cloud().ssm().createString(name, "one", tags())).as("created").isTrue();
    assertThat(cloud().ssm().createString(name, "two", tags())).as("create-only: it exists").isFalse();
    assertThat(cloud().ssm().getString(name)).contains("one");
    cloud().ssm().overwriteString(name, "three");
    assertThat(cloud().ssm().getString(name)).contains("three");
    assertThat(cloud().ssm().describeParameter(name).orElseThrow().type()).isEqualTo("String");
    assertThat(cloud().ssm().namesUnder(name.substring(0, name.lastIndexOf('/')))).containsExactly(name);
    cloud().ssm().deleteParameter(name);
    assertThat(cloud().ssm().getString(name)).isEmpty();
    assertThat(cloud().ssm().namesUnder(name.substring(0, name.lastIndexOf('/')))).isEmpty();
    assertThatThrownBy(() -> cloud().ssm().deleteParameter(name)).isInstanceOf(CloudException.NotFound.class);
  }

  @Test
  default void aSecureStringsValueIsNeverRead() {
    String name = "/contract/" + unique("p") + "/TOKEN";
    putParameter(name, "secret-value");
    assertThatThrownBy(() -> cloud().ssm().getString(name)).isInstanceOf(CloudException.Invalid.class)
        .hasMessageContaining("SecureString").hasMessageNotContaining("secret-value");
  }

  /**
   * Secrets push: a SecureString is created once (ParameterAlreadyExists after), overwritten with a new version,
   * and compared with a candidate value behind the port, which answers yes or no and never with the value.
   */
  @Test
  default void aSecureStringIsCreatedOnceOverwrittenAndComparedWithoutBeingRead() {
    String name = "/contract/" + unique("p") + "/DB_URL";
    assertThat(cloud().ssm().secureStringHolds(name, "s3cret-1")).isEmpty();
    cloud().ssm().createSecureString(name, "s3cret-1", null, tags());
    assertThatThrownBy(() -> cloud().ssm().createSecureString(name, "s3cret-2", null, tags()))
        .isInstanceOf(CloudException.Conflict.class).hasMessageNotContaining("s3cret");
    assertThat(cloud().ssm().secureStringHolds(name, "s3cret-1")).contains(true);
    assertThat(cloud().ssm().parameterTags(name)).containsAllEntriesOf(tags());
    assertThat(cloud().ssm().parameterTags(name + "-missing")).isEmpty();
    assertThat(cloud().ssm().secureStringHolds(name, "s3cret-2")).contains(false);
    cloud().ssm().overwriteSecureString(name, "s3cret-2", "alias/aws/ssm");
    assertThat(cloud().ssm().secureStringHolds(name, "s3cret-2")).contains(true);
    var p = cloud().ssm().describeParameter(name).orElseThrow();
    assertThat(p.type()).isEqualTo("SecureString");
    assertThat(p.version()).isEqualTo(2);
    assertThat(p.keyId()).isEqualTo("alias/aws/ssm");
    assertThatThrownBy(() -> cloud().ssm().getString(name)).isInstanceOf(CloudException.Invalid.class)
        .hasMessageNotContaining("s3cret");
  }

  /** GetAuthorizationToken: a docker login credential for the account's registry, its password never shown. */
  @Test
  default void theRegistryCredentialIsForTheAccountsRegistryAndHidesItsPassword() {
    var auth = cloud().ecr().authorization();
    assertThat(auth.username()).isEqualTo("AWS");
    assertThat(auth.password()).isNotBlank();
    assertThat(auth.endpoint()).isEqualTo("https://" + cloud().accountId() + ".dkr.ecr." + cloud().region()
        + ".amazonaws.com");
    assertThat(auth.toString()).doesNotContain(auth.password());
  }

  /** ECR's credentials last 12 hours. */
  @Test
  default void theRegistryCredentialIsValidForHours() {
    requireNo(Gap.ECR_TOKEN_EXPIRED);
    var auth = cloud().ecr().authorization();
    assertThat(auth.expiresAt()).isAfter(cloud().clock().now().plus(java.time.Duration.ofHours(1)));
  }

  @Test
  default void aStacksLeaseIsHeldByOneRunAtATime() {
    String stack = unique("lease");
    var leases = new io.cruddur.lease.ParameterLeases(cloud().ssm());
    var options = io.cruddur.lease.LeaseOptions.defaults().withHolder("first");
    try (var first = leases.acquire(stack, options)) {
      assertThatThrownBy(() -> leases.acquire(stack, options.withHolder("second")))
          .isInstanceOf(io.cruddur.lease.LeaseBusyException.class)
          .hasMessageContaining("stack " + stack + " is locked by first since " + first.holder().since());
      assertThat(first.lost()).isEmpty();
    }
    try (var second = leases.acquire(stack, options.withHolder("second"))) {
      assertThat(second.holder().holder()).as("free again once released").isEqualTo("second");
    }
    assertThat(cloud().ssm().namesUnder("/cruddur/leases/" + stack)).as("a released lease leaves nothing").isEmpty();
  }

  @Test
  default void httpNamespaceIsCreatedOnceForTheSameRequest() {
    requireService("servicediscovery");
    String name = unique("ns");
    var ns = cloud().serviceDiscovery().createHttpNamespace(name, "req-" + name, tags());
    assertThat(ns.id()).startsWith("ns-");
    assertThat(cloud().serviceDiscovery().findNamespace(name)).map(n -> n.id()).contains(ns.id());
    var again = cloud().serviceDiscovery().createHttpNamespace(name, "req-" + name, tags());
    assertThat(again.id()).isEqualTo(ns.id());
    assertThat(cloud().serviceDiscovery().listNamespaces().stream().filter(n -> n.name().equals(name))).hasSize(1);
    cloud().serviceDiscovery().deleteNamespace(ns.id());
    assertThat(eventually(java.time.Duration.ofSeconds(30),
        () -> cloud().serviceDiscovery().findNamespace(name).isEmpty())).isTrue();
  }

  /** API reference, PutRetentionPolicy: retentionInDays is one of 1, 3, 5, 7, 14, 30 ... 3653. */
  @Test
  default void logRetentionMustBeOneOfTheAllowedValues() {
    requireNo(Gap.LOGS_ANY_RETENTION);
    String name = "/contract/" + unique("retention");
    cloud().logs().createLogGroup(name, tags());
    for (int days : List.of(2, 0, 366, 3654)) {
      assertThatThrownBy(() -> cloud().logs().putRetention(name, days)).as(days + " days")
          .isInstanceOf(CloudException.Invalid.class);
    }
    assertThat(cloud().logs().findLogGroup(name).orElseThrow().retentionDays()).isNull();
    cloud().logs().putRetention(name, 3653);
    assertThat(cloud().logs().findLogGroup(name).orElseThrow().retentionDays()).isEqualTo(3653);
  }

  /** API reference, CreateRole, RoleName: "Names are not distinguished by case" (EntityAlreadyExists). */
  /** EC2 is eventually consistent: a group created a moment ago is not described yet (EC2 API reference). */
  @Test
  default void aNewSecurityGroupIsNotDescribedAtOnce() {
    requireNo(Gap.NO_EVENTUAL_CONSISTENCY);
    String vpc = cloud().ec2().defaultVpc().orElseThrow().id();
    String name = unique("fresh");
    var g = cloud().ec2().createSecurityGroup(name, "d", vpc, tags());
    assertThat(cloud().ec2().findSecurityGroup(vpc, name)).isEmpty();
    assertThat(present(() -> cloud().ec2().findSecurityGroup(vpc, name)).id()).isEqualTo(g.id());
  }

  @Test
  default void roleNamesAreUniqueWhateverTheirCase() {
    requireNo(Gap.IAM_ROLE_NAMES_CASE_SENSITIVE);
    String name = unique("CaseRole");
    cloud().iam().createRole(name, TRUST, tags());
    assertThatThrownBy(() -> cloud().iam().createRole(name.toLowerCase(java.util.Locale.ROOT), TRUST, tags()))
        .isInstanceOf(CloudException.Conflict.class);
    assertThatThrownBy(() -> cloud().iam().createRole(name.toUpperCase(java.util.Locale.ROOT), TRUST, tags()))
        .isInstanceOf(CloudException.Conflict.class);
    assertThat(cloud().iam().findRole(name.toUpperCase(java.util.Locale.ROOT))).as("found whatever the case")
        .hasValueSatisfying(r -> assertThat(r.name()).isEqualTo(name));
  }

  /**
   * AttachRolePolicy of a policy that does not exist is NoSuchEntity (API reference, AttachRolePolicy, Errors); the
   * AWS managed policies users attach most exist. The port cannot create a customer managed policy, so one in the
   * account does not exist either.
   */
  @Test
  default void attachingAPolicyThatDoesNotExistIsNotFound() {
    String name = unique("attach");
    cloud().iam().createRole(name, TRUST, tags());
    List<String> known = List.of("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
        "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy", "arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess",
        "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess");
    known.forEach(arn -> cloud().iam().attachRolePolicy(name, arn));
    for (String missing : List.of("arn:aws:iam::aws:policy/" + unique("NoSuchManagedPolicy"),
        "arn:aws:iam::aws:policy/AmazonECSTaskExecutionRolePolicy",
        "arn:aws:iam::" + cloud().accountId() + ":policy/" + unique("customer"))) {
      assertThatThrownBy(() -> cloud().iam().attachRolePolicy(name, missing)).as(missing)
          .isInstanceOf(CloudException.NotFound.class);
    }
    assertThat(cloud().iam().attachedPolicies(name)).containsExactlyInAnyOrderElementsOf(known);
  }

  default Map<String, String> noTags() {
    return Map.of();
  }
}
