package io.cruddur.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.port.EcsPort.ContainerDefinition;
import io.cruddur.port.EcsPort.LogConfiguration;
import io.cruddur.port.EcsPort.TaskDefinition;
import io.cruddur.port.EcsPort.TaskDefinitionSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Why Fargate fails to start a task, checked in the order Fargate finds out: the execution role cannot be assumed,
 * cannot get the registry's credentials or a secret, a secret's parameter is missing, the image is not in its
 * repository, the log group is missing or may not be written.
 */
class TaskLaunchTest {
  private static final String ACCOUNT = "000000000000";
  private static final String REGISTRY = ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/";
  private static final String INIT = "ResourceInitializationError: unable to pull secrets or registry auth: "
      + "execution resource retrieval failed: ";
  private static final String PARAMETER_ARN = "arn:aws:ssm:us-east-1:" + ACCOUNT + ":parameter/shop/DB_URL";
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

  private final InMemoryCloud cloud = InMemoryCloud.builder().latency(Latency.instant()).build();
  private final TaskLaunch launch = new TaskLaunch(cloud);

  private String role(String name, String... statements) {
    String arn = cloud.iam().createRole(name, TRUST, Map.of()).arn();
    if (statements.length > 0) {
      cloud.iam().putRolePolicy(name, "p", "{\"Statement\":[" + String.join(",", statements) + "]}");
    }
    return arn;
  }

  private static String allow(String action, String resource) {
    return "{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}";
  }

  private static ContainerDefinition container(String image, Map<String, String> secrets, LogConfiguration logs) {
    return new ContainerDefinition("app", image, 0, null, true, List.of(), Map.of(), secrets, logs, null);
  }

  private static TaskDefinition td(String roleArn, ContainerDefinition... containers) {
    TaskDefinitionSpec spec = new TaskDefinitionSpec("f", "256", "512", roleArn, null, List.of(containers), Map.of());
    return new TaskDefinition("arn:aws:ecs:us-east-1:" + ACCOUNT + ":task-definition/f:1", "f", 1, "ACTIVE", spec);
  }

  private static String denied(String role, String action, String resource) {
    return "AccessDeniedException: User: arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/task is not "
        + "authorized to perform: " + action + " on resource: " + resource
        + " because no identity-based policy allows the " + action + " action";
  }

  private static LogConfiguration awslogs(String group, boolean create) {
    return new LogConfiguration("awslogs", create ? Map.of("awslogs-group", group, "awslogs-create-group", "true")
        : Map.of("awslogs-group", group));
  }

  @Test
  void aPublicImageWithoutSecretsOrLogsStarts() {
    assertThat(launch.failure(td(null, container("nginx:1", Map.of(), null)))).isNull();
  }

  @Test
  void aRoleCreatedMomentsAgoCannotBeAssumedYet() {
    InMemoryCloud slow = InMemoryCloud.builder().latency(Latency.instant()).iamPropagationDelay(Duration.ofSeconds(8))
        .build();
    String arn = slow.iam().createRole("exec", TRUST, Map.of()).arn();
    TaskDefinition td = td(arn, container("nginx:1", Map.of(), null));
    assertThat(new TaskLaunch(slow).failure(td)).isEqualTo(INIT + "unable to assume the execution role " + arn
        + ": AccessDeniedException: ecs-tasks.amazonaws.com is not authorized to perform: sts:AssumeRole");
    slow.clock().advance(Duration.ofSeconds(8));
    assertThat(new TaskLaunch(slow).failure(td)).isNull();
  }

  @Test
  void anEcrImageNeedsTheRegistryTokenThenBatchGetImageOnItsRepository() {
    cloud.ecr().createRepository("api", false, false, Map.of());
    cloud.pushImage("api", "1.0.0");
    String repository = "arn:aws:ecr:us-east-1:" + ACCOUNT + ":repository/api";
    ContainerDefinition api = container(REGISTRY + "api:1.0.0", Map.of(), null);

    String none = role("none");
    assertThat(launch.failure(td(none, api))).isEqualTo(INIT + "unable to retrieve ecr registry auth: service call "
        + "has been retried 3 time(s): " + denied("none", "ecr:GetAuthorizationToken", "*"));

    String tokenOnly = role("token-only", allow("ecr:GetAuthorizationToken", "*"));
    assertThat(launch.failure(td(tokenOnly, api))).isEqualTo(INIT + "unable to retrieve ecr registry auth: service "
        + "call has been retried 3 time(s): " + denied("token-only", "ecr:BatchGetImage", repository));

    String otherRepo = role("other-repo", allow("ecr:GetAuthorizationToken", "*"),
        allow("ecr:BatchGetImage", "arn:aws:ecr:us-east-1:" + ACCOUNT + ":repository/web"));
    assertThat(launch.failure(td(otherRepo, api))).contains(denied("other-repo", "ecr:BatchGetImage", repository));

    String pull = role("pull", allow("ecr:GetAuthorizationToken", "*"), allow("ecr:BatchGetImage", repository));
    assertThat(launch.failure(td(pull, api))).isNull();
  }

  @Test
  void withoutAnExecutionRoleAnEcrImageIsDeniedToNoOne() {
    cloud.ecr().createRepository("api", false, false, Map.of());
    cloud.pushImage("api", "1.0.0");
    assertThat(launch.failure(td(null, container(REGISTRY + "api:1.0.0", Map.of(), null))))
        .endsWith(denied("(no execution role)", "ecr:GetAuthorizationToken", "*"));
    assertThat(launch.failure(td("arn:aws:iam::" + ACCOUNT + ":role/gone", container(REGISTRY + "api:1.0.0",
        Map.of(), null)))).as("a role that does not exist grants nothing either")
        .endsWith(denied("(no execution role)", "ecr:GetAuthorizationToken", "*"));
  }

  @Test
  void anImageNotInItsRepositoryCannotBePulledAndAnUntaggedImageMeansLatest() {
    String pull = role("pull", allow("ecr:*", "*"));
    cloud.ecr().createRepository("api", false, false, Map.of());
    cloud.pushImage("api", "1.0.0");
    assertThat(launch.failure(td(pull, container(REGISTRY + "api:1.0.0", Map.of(), null)))).isNull();
    String missingTag = REGISTRY + "api:2.0.0";
    assertThat(launch.failure(td(pull, container(missingTag, Map.of(), null)))).isEqualTo("CannotPullContainerError: "
        + "pull image manifest has been retried 5 time(s): failed to resolve ref " + missingTag + ": " + missingTag
        + ": not found");
    assertThat(launch.failure(td(pull, container(REGISTRY + "api", Map.of(), null)))).as("no tag: latest")
        .startsWith("CannotPullContainerError");
    cloud.pushImage("api", "latest");
    assertThat(launch.failure(td(pull, container(REGISTRY + "api", Map.of(), null)))).isNull();
    assertThat(launch.failure(td(pull, container(REGISTRY + "web:1.0.0", Map.of(), null))))
        .as("no such repository").startsWith("CannotPullContainerError");
  }

  @Test
  void imagesOfOtherAccountsOrRegionsAreTakenAsPullable() {
    String pull = role("pull");
    assertThat(launch.failure(td(pull, container("111111111111.dkr.ecr.us-east-1.amazonaws.com/api:1",
        Map.of(), null)))).isNull();
    assertThat(launch.failure(td(pull, container(ACCOUNT + ".dkr.ecr.eu-west-1.amazonaws.com/api:1", Map.of(),
        null)))).isNull();
  }

  @Test
  void aSecretsParameterMustExistByArnOrName() {
    String read = role("read", allow("ssm:GetParameters", "*"));
    cloud.putParameter("/other/TOKEN", "SecureString");
    ContainerDefinition byArn = container("nginx:1", Map.of("DB_URL", PARAMETER_ARN), null);
    assertThat(launch.failure(td(read, byArn))).isEqualTo(INIT + "unable to retrieve secrets from ssm: service call "
        + "has been retried 1 time(s): invalid ssm parameters: /shop/DB_URL");
    assertThat(launch.failure(td(read, container("nginx:1", Map.of("DB_URL", "/shop/DB_URL"), null))))
        .as("a name is reported as given").endsWith("invalid ssm parameters: /shop/DB_URL");
    cloud.putParameter("/shop/DB_URL", "SecureString");
    assertThat(launch.failure(td(read, byArn))).isNull();
    assertThat(launch.failure(td(read, container("nginx:1", Map.of("DB_URL", "/shop/DB_URL"), null)))).isNull();
  }

  @Test
  void aSecretMayOnlyBeReadWithSsmGetParametersOnItsArn() {
    cloud.putParameter("/shop/DB_URL", "SecureString");
    ContainerDefinition app = container("nginx:1", Map.of("DB_URL", PARAMETER_ARN), null);
    String other = role("other", allow("ssm:GetParameters", "arn:aws:ssm:us-east-1:" + ACCOUNT + ":parameter/web/*"));
    assertThat(launch.failure(td(other, app))).isEqualTo(INIT + "unable to retrieve secrets from ssm: service call "
        + "has been retried 1 time(s): " + denied("other", "ssm:GetParameters", PARAMETER_ARN));
    String shop = role("shop", allow("ssm:GetParameters", "arn:aws:ssm:us-east-1:" + ACCOUNT + ":parameter/shop/*"));
    assertThat(launch.failure(td(shop, app))).isNull();
  }

  @Test
  void registryAuthIsCheckedBeforeSecretsAndSecretsBeforeImagesAndImagesBeforeLogs() {
    String none = role("none");
    ContainerDefinition everythingWrong = container(REGISTRY + "api:1", Map.of("DB_URL", PARAMETER_ARN),
        awslogs("missing", false));
    assertThat(launch.failure(td(none, everythingWrong))).contains("ecr:GetAuthorizationToken");
    String pull = role("pull", allow("ecr:*", "*"));
    assertThat(launch.failure(td(pull, everythingWrong))).contains("invalid ssm parameters");
    cloud.putParameter("/shop/DB_URL", "SecureString");
    cloud.iam().putRolePolicy("pull", "ssm", "{\"Statement\":" + allow("ssm:GetParameters", "*") + "}");
    assertThat(launch.failure(td(pull, everythingWrong))).startsWith("CannotPullContainerError");
    cloud.ecr().createRepository("api", false, false, Map.of());
    cloud.pushImage("api", "1");
    assertThat(launch.failure(td(pull, everythingWrong))).contains("The specified log group does not exist");
  }

  @Test
  void theSecondContainerIsCheckedToo() {
    String read = role("read", allow("ssm:GetParameters", "*"));
    ContainerDefinition ok = container("nginx:1", Map.of(), null);
    ContainerDefinition secret = new ContainerDefinition("sidecar", "busybox", 0, null, false, List.of(), Map.of(),
        Map.of("TOKEN", "/sidecar/TOKEN"), null, null);
    assertThat(launch.failure(td(read, ok, secret))).endsWith("invalid ssm parameters: /sidecar/TOKEN");
    ContainerDefinition image = container(REGISTRY + "api:1", Map.of(), null);
    String pull = role("pull", allow("ecr:*", "*"));
    assertThat(launch.failure(td(pull, ok, image))).startsWith("CannotPullContainerError");
  }

  @Test
  void awslogsNeedsItsLogGroupUnlessItMayCreateItAndLogsCreateLogStreamOnTheStream() {
    String stream = "arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:shop:log-stream:app";
    String none = role("none");
    assertThat(launch.failure(td(none, container("nginx:1", Map.of(), awslogs("shop", false))))).isEqualTo(
        "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed "
            + "to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : "
            + "exit status 1");
    String group = "arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:shop";
    assertThat(launch.failure(td(none, container("nginx:1", Map.of(), awslogs("shop", true))))).as("may not create it")
        .isEqualTo("ResourceInitializationError: failed to validate logger args: failed to create Cloudwatch log "
            + "group: " + denied("none", "logs:CreateLogGroup", group) + " : exit status 1");
    String create = role("create", allow("logs:CreateLogGroup", group));
    assertThat(launch.failure(td(create, container("nginx:1", Map.of(), awslogs("shop", true))))).isEqualTo(
        "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed "
            + "to create Cloudwatch log stream: " + denied("create", "logs:CreateLogStream", stream)
            + " : exit status 1");
    cloud.logs().createLogGroup("shop", Map.of());
    assertThat(launch.failure(td(none, container("nginx:1", Map.of(), awslogs("shop", true)))))
        .as("a group that exists needs no creating").contains(denied("none", "logs:CreateLogStream", stream));
    assertThat(launch.failure(td(none, container("nginx:1", Map.of(), awslogs("shop", false)))))
        .contains(denied("none", "logs:CreateLogStream", stream));
    String write = role("write", allow("logs:CreateLogStream", "arn:aws:logs:us-east-1:" + ACCOUNT
        + ":log-group:shop:*"));
    assertThat(launch.failure(td(write, container("nginx:1", Map.of(), awslogs("shop", false))))).isNull();
  }

  @Test
  void otherLogDriversAndAwslogsWithoutAGroupAreNotChecked() {
    String none = role("none");
    assertThat(launch.failure(td(none, container("nginx:1", Map.of(), new LogConfiguration("fluentd",
        Map.of("awslogs-group", "missing")))))).isNull();
    assertThat(launch.failure(td(none, container("nginx:1", Map.of(), new LogConfiguration("awslogs",
        Map.of()))))).isNull();
  }

  @Test
  void theExecutionRoleMustTrustEcsTasksBeforeAnythingElse() {
    String arn = cloud.iam().createRole("untrusting", "{\"Statement\":[]}", Map.of()).arn();
    assertThat(launch.failure(td(arn, container("nginx:1", Map.of(), null)))).isEqualTo(INIT + "unable to assume the "
        + "execution role " + arn + ": AccessDeniedException: ecs-tasks.amazonaws.com is not authorized to perform: "
        + "sts:AssumeRole (its trust policy does not allow the ecs-tasks.amazonaws.com service principal)");
    InMemoryCloud slow = InMemoryCloud.builder().latency(Latency.instant()).iamPropagationDelay(Duration.ofSeconds(8))
        .build();
    String young = slow.iam().createRole("young", "{}", Map.of()).arn();
    assertThat(new TaskLaunch(slow).failure(td(young, container("nginx:1", Map.of(), null))))
        .as("trust is checked before propagation").contains("its trust policy does not allow");
  }

  @Test
  void aTrustPolicyMustAllowTheEcsTasksPrincipalToAssumeTheRole() {
    String stmt = "{\"Statement\":%s}";
    String allow = "{\"Effect\":\"Allow\",\"Principal\":%s,\"Action\":%s}";
    String ecs = "{\"Service\":\"ecs-tasks.amazonaws.com\"}";
    assertThat(TaskLaunch.trustsEcsTasks(TRUST)).isTrue();
    assertThat(TaskLaunch.trustsEcsTasks(String.format(stmt, String.format(allow, ecs, "\"sts:AssumeRole\""))))
        .as("a single statement").isTrue();
    assertThat(TaskLaunch.trustsEcsTasks(String.format(stmt, "[" + String.format(allow,
        "{\"Service\":[\"ec2.amazonaws.com\",\"ecs-tasks.amazonaws.com\"]}", "[\"STS:assumerole\"]") + "]")))
        .as("service and action lists, the action without case").isTrue();
    assertThat(TaskLaunch.trustsEcsTasks(String.format(stmt, String.format(allow, "\"*\"", "\"sts:*\""))))
        .as("anyone, every STS action").isTrue();
    assertThat(TaskLaunch.trustsEcsTasks(String.format(stmt, String.format(allow, "{\"AWS\":\"*\"}", "\"*\""))))
        .as("any AWS principal, every action").isTrue();
    assertThat(TaskLaunch.trustsEcsTasks(String.format(stmt, String.format(allow, "{\"Service\":\"ec2.amazonaws.com\"}",
        "\"sts:AssumeRole\"")))).as("another service").isFalse();
    assertThat(TaskLaunch.trustsEcsTasks(String.format(stmt, String.format(allow, "{\"AWS\":\"arn:aws:iam::1:root\"}",
        "\"sts:AssumeRole\"")))).as("another account").isFalse();
    assertThat(TaskLaunch.trustsEcsTasks(String.format(stmt, String.format(allow, ecs, "\"sts:TagSession\""))))
        .as("another action").isFalse();
    assertThat(TaskLaunch.trustsEcsTasks(String.format(stmt, String.format(allow, ecs, "\"sts:AssumeRoleX\""))))
        .isFalse();
    assertThat(TaskLaunch.trustsEcsTasks(String.format(stmt, "{\"Effect\":\"Deny\",\"Principal\":" + ecs
        + ",\"Action\":\"sts:AssumeRole\"}"))).as("a deny").isFalse();
    assertThat(TaskLaunch.trustsEcsTasks(String.format(stmt, "[{\"Effect\":\"Allow\",\"Principal\":"
        + "{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}," + String.format(allow, ecs,
        "\"sts:AssumeRole\"") + "]"))).as("the second statement").isTrue();
    assertThat(TaskLaunch.trustsEcsTasks("{not json")).isFalse();
    assertThat(TaskLaunch.trustsEcsTasks(null)).isFalse();
    assertThat(TaskLaunch.trustsEcsTasks("{}")).isFalse();
  }
}
