package io.cruddur.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.port.CloudException;
import io.cruddur.port.Ec2Port;
import io.cruddur.port.EcsPort;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ECS clusters, task definitions and services. */
public interface EcsContract extends CloudContract {
  @org.junit.jupiter.api.BeforeEach
  default void ecsIsOffered() {
    requireService("ecs");
  }

  /** The parameter, log group and execution role a task of {@link #taskDefinition} needs to start. */
  record Launch(String parameterArn, String logGroup, String roleArn) {}

  /**
   * What a task needs on AWS before it can start: its secret's parameter, its log group, and an execution role
   * allowed to read the one and write to the other. Each piece can be left out to see the task fail.
   */
  default Launch launch(boolean parameter, boolean logGroup, boolean permissions) {
    String name = "/contract/" + unique("p") + "/CONNECTION_URL";
    if (parameter) {
      putParameter(name, "postgresql://contract");
    }
    String arn = "arn:aws:ssm:" + cloud().region() + ":" + cloud().accountId() + ":parameter" + name;
    String group = unique("contract-logs");
    if (logGroup) {
      cloud().logs().createLogGroup(group, tags());
    }
    var role = cloud().iam().createRole(unique("exec"), BasicPortsContract.TRUST, tags());
    if (permissions) {
      cloud().iam().putRolePolicy(role.name(), "launch", "{\"Version\":\"2012-10-17\",\"Statement\":["
          + "{\"Effect\":\"Allow\",\"Action\":\"ssm:GetParameters\",\"Resource\":\"" + arn + "\"},"
          + "{\"Effect\":\"Allow\",\"Action\":[\"ecr:GetAuthorizationToken\",\"ecr:BatchGetImage\","
          + "\"ecr:GetDownloadUrlForLayer\"],\"Resource\":\"*\"},"
          + "{\"Effect\":\"Allow\",\"Action\":[\"logs:CreateLogStream\",\"logs:PutLogEvents\"],"
          + "\"Resource\":\"arn:aws:logs:" + cloud().region() + ":" + cloud().accountId() + ":log-group:" + group
          + ":*\"}]}");
    }
    return new Launch(arn, group, role.arn());
  }

  default EcsPort.TaskDefinitionSpec taskDefinition(String family, String image) {
    return taskDefinition(family, image, launch(true, true, true));
  }

  default EcsPort.TaskDefinitionSpec taskDefinition(String family, String image, Launch launch) {
    var main = new EcsPort.ContainerDefinition("app", image, 0, null, true,
        List.of(new EcsPort.PortMapping(4567, "tcp", "app", "http")), Map.of("A", "1"),
        Map.of("CONNECTION_URL", launch.parameterArn()),
        new EcsPort.LogConfiguration("awslogs", Map.of("awslogs-group", launch.logGroup(), "awslogs-region",
            cloud().region(), "awslogs-stream-prefix", "app")), null);
    var xray = new EcsPort.ContainerDefinition("xray", "public.ecr.aws/xray/aws-xray-daemon:3.3.14", 0, 32, false,
        List.of(new EcsPort.PortMapping(2000, "udp", "xray", null)), Map.of(), Map.of(), null, null, "1337");
    return new EcsPort.TaskDefinitionSpec(family, "256", "512", launch.roleArn(), launch.roleArn(),
        List.of(main, xray), tags());
  }

  default EcsPort.ServiceSpec serviceSpec(String cluster, String name, String taskDefinitionArn, int count) {
    String vpc = cloud().ec2().defaultVpc().orElseThrow().id();
    List<String> subnets = cloud().ec2().subnets(vpc).stream().filter(Ec2Port.Subnet::defaultForAz)
        .map(Ec2Port.Subnet::id).sorted().limit(2).toList();
    String sg = cloud().ec2().createSecurityGroup(unique("svc"), "svc", vpc, tags()).id();
    return new EcsPort.ServiceSpec(cluster, name, taskDefinitionArn, count, subnets, List.of(sg), true, List.of(),
        null, false, true, true, 100, 200, "SERVICE", tags());
  }

  @Test
  default void taskDefinitionsGetRevisionsAndKeepTheirContainers() {
    String family = unique("family");
    var first = cloud().ecs().registerTaskDefinition(taskDefinition(family, "nginx:1"));
    var second = cloud().ecs().registerTaskDefinition(taskDefinition(family, "nginx:2"));
    assertThat(first.revision()).isEqualTo(1);
    assertThat(second.revision()).isEqualTo(2);
    assertThat(second.arn()).endsWith(":task-definition/" + family + ":2");
    var latest = cloud().ecs().latestTaskDefinition(family).orElseThrow();
    assertThat(latest.revision()).isEqualTo(2);
    var app = latest.spec().containers().get(0);
    assertThat(app.image()).isEqualTo("nginx:2");
    assertThat(app.secrets()).containsKey("CONNECTION_URL");
    assertThat(app.logConfiguration().options()).containsKey("awslogs-group");
    assertThat(latest.spec().containers().get(1).portMappings().get(0).protocol()).isEqualTo("udp");
    assertThat(latest.spec().containers().get(1).user()).isEqualTo("1337");
    assertThat(app.user()).as("the image's user").isNull();
    cloud().ecs().deregisterTaskDefinition(second.arn());
    assertThat(cloud().ecs().latestTaskDefinition(family).orElseThrow().revision()).isEqualTo(1);
  }

  @Test
  default void clusterKeepsItsSettingsAndIsGoneAfterDelete() {
    String cluster = unique("cluster");
    cloud().ecs().createCluster(cluster, true, null, tags());
    var c = cloud().ecs().findCluster(cluster).orElseThrow();
    assertThat(c.containerInsights()).isTrue();
    assertThat(c.tags()).containsEntry("cruddur:stack", "contract");
    assertThat(cloud().ecs().listClusters()).extracting(EcsPort.Cluster::name).contains(cluster);
    cloud().ecs().deleteCluster(cluster);
    assertThat(cloud().ecs().findCluster(cluster)).isEmpty();
  }

  @Test
  default void clusterWithServicesCannotBeDeleted() {
    requireNo(Gap.CLUSTER_DELETE_WITH_SERVICES);
    String cluster = unique("cluster");
    var c = cloud().ecs().createCluster(cluster, true, null, tags());
    assertThat(c.arn()).endsWith(":cluster/" + cluster);
    assertThat(cloud().ecs().findCluster(cluster).orElseThrow().containerInsights()).isTrue();
    var td = cloud().ecs().registerTaskDefinition(taskDefinition(unique("f"), "nginx:1"));
    consistent(() -> cloud().ecs().createService(serviceSpec(cluster, "web", td.arn(), 0), "token-" + cluster));
    assertThatThrownBy(() -> cloud().ecs().deleteCluster(cluster)).isInstanceOf(CloudException.InUse.class);
    cloud().ecs().deleteService(cluster, "web");
    assertThat(eventually(Duration.ofMinutes(5), () -> cloud().ecs().findService(cluster, "web").isEmpty())).isTrue();
    cloud().ecs().deleteCluster(cluster);
    assertThat(cloud().ecs().findCluster(cluster)).isEmpty();
  }

  @Test
  default void serviceNamesAreUniqueInACluster() {
    requireNo(Gap.DUPLICATE_NAMES_ALLOWED);
    String cluster = unique("cluster");
    cloud().ecs().createCluster(cluster, false, null, tags());
    var td = cloud().ecs().registerTaskDefinition(taskDefinition(unique("f"), "nginx:1"));
    consistent(() -> cloud().ecs().createService(serviceSpec(cluster, "web", td.arn(), 1), "a"));
    assertThatThrownBy(() -> cloud().ecs().createService(serviceSpec(cluster, "web", td.arn(), 1), "b"))
        .isInstanceOf(CloudException.Conflict.class);
  }

  @Test
  default void serviceReachesItsDesiredCountAndANewTaskDefinitionStartsADeployment() {
    requireNo(Gap.ECS_NO_TASKS);
    String cluster = unique("cluster");
    cloud().ecs().createCluster(cluster, false, null, tags());
    String family = unique("f");
    var v1 = cloud().ecs().registerTaskDefinition(taskDefinition(family, "nginx:1"));
    var spec = serviceSpec(cluster, "web", v1.arn(), 2);
    var created = consistent(() -> cloud().ecs().createService(spec, "t1"));
    assertThat(created.deployments()).singleElement().satisfies(d -> assertThat(d.status()).isEqualTo("PRIMARY"));
    assertThat(eventually(Duration.ofMinutes(10), () -> cloud().ecs().findService(cluster, "web").orElseThrow()
        .runningCount() == 2)).isTrue();
    var v2 = cloud().ecs().registerTaskDefinition(taskDefinition(family, "nginx:2"));
    var updated = consistent(() -> cloud().ecs().updateService(new EcsPort.ServiceSpec(cluster, "web", v2.arn(), 2,
        spec.subnets(), spec.securityGroups(), true, List.of(), null, false, true, true, 100, 200, "SERVICE", tags()),
        false));
    assertThat(updated.deployments()).extracting(EcsPort.Deployment::status).containsExactly("PRIMARY", "ACTIVE");
    assertThat(eventually(Duration.ofMinutes(10), () -> {
      var s = cloud().ecs().findService(cluster, "web").orElseThrow();
      return s.deployments().size() == 1 && s.deployments().get(0).rolloutState().equals("COMPLETED");
    })).isTrue();
    assertThat(cloud().ecs().findService(cluster, "web").orElseThrow().spec().taskDefinitionArn()).isEqualTo(v2.arn());
  }

  @Test
  default void aServicesTagsCanBeAddedAndRemoved() {
    String cluster = unique("cluster");
    cloud().ecs().createCluster(cluster, false, null, tags());
    var td = cloud().ecs().registerTaskDefinition(taskDefinition(unique("f"), "nginx:1"));
    var created = consistent(() -> cloud().ecs().createService(serviceSpec(cluster, "web", td.arn(), 0), "t"));
    cloud().ecs().tagResource(created.arn(), Map.of("cruddur:override", "scale 0", "team", "a"));
    assertThat(cloud().ecs().findService(cluster, "web").orElseThrow().spec().tags())
        .containsEntry("cruddur:override", "scale 0").containsEntry("team", "a").containsAllEntriesOf(tags());
    cloud().ecs().untagResource(created.arn(), List.of("cruddur:override", "absent"));
    assertThat(cloud().ecs().findService(cluster, "web").orElseThrow().spec().tags())
        .doesNotContainKey("cruddur:override").containsEntry("team", "a");
  }

  @Test
  default void aServicesRunningTasksAreListedWithTheirContainers() {
    requireNo(Gap.ECS_NO_TASKS);
    String cluster = unique("cluster");
    cloud().ecs().createCluster(cluster, false, null, tags());
    var td = cloud().ecs().registerTaskDefinition(taskDefinition(unique("f"), "nginx:1"));
    consistent(() -> cloud().ecs().createService(serviceSpec(cluster, "web", td.arn(), 2), "t"));
    assertThat(eventually(Duration.ofMinutes(10), () -> cloud().ecs().tasks(cluster, "web").stream()
        .filter(t -> t.lastStatus().equals("RUNNING")).count() == 2)).isTrue();
    assertThat(cloud().ecs().tasks(cluster, "web")).allSatisfy(t -> {
      assertThat(t.taskDefinitionArn()).isEqualTo(td.arn());
      assertThat(t.containers()).containsExactly("app", "xray");
      assertThat(t.arn()).endsWith("/" + t.id());
    });
    assertThat(cloud().ecs().tasks(cluster, "absent")).isEmpty();
  }

  @Test
  default void serviceKeepsItsDeploymentSettings() {
    requireNo(Gap.ECS_DROPS_SETTINGS);
    String cluster = unique("cluster");
    cloud().ecs().createCluster(cluster, false, null, tags());
    var td = cloud().ecs().registerTaskDefinition(taskDefinition(unique("f"), "nginx:1"));
    var spec = serviceSpec(cluster, "web", td.arn(), 1);
    var exec = new EcsPort.ServiceSpec(cluster, "web", td.arn(), 1, spec.subnets(), spec.securityGroups(), true,
        List.of(), null, true, true, true, 50, 150, "TASK_DEFINITION", tags());
    consistent(() -> cloud().ecs().createService(exec, "t"));
    var read = cloud().ecs().findService(cluster, "web").orElseThrow().spec();
    assertThat(read.enableExecuteCommand()).isTrue();
    assertThat(read.circuitBreaker()).isTrue();
    assertThat(read.minHealthyPercent()).isEqualTo(50);
    assertThat(read.maxPercent()).isEqualTo(150);
    assertThat(read.propagateTags()).isEqualTo("TASK_DEFINITION");
  }

  /** Starts a one-task service of {@code td} and returns why its newest task stopped, once one has. */
  default String stoppedReason(EcsPort.TaskDefinitionSpec td) {
    String cluster = unique("cluster");
    cloud().ecs().createCluster(cluster, false, null, tags());
    var registered = cloud().ecs().registerTaskDefinition(td);
    consistent(() -> cloud().ecs().createService(serviceSpec(cluster, "web", registered.arn(), 1), "t-" + cluster));
    assertThat(eventually(Duration.ofMinutes(10), () -> !cloud().ecs().stoppedTasks(cluster, "web").isEmpty()))
        .as("a task stopped").isTrue();
    var stopped = cloud().ecs().stoppedTasks(cluster, "web").get(0);
    assertThat(stopped.taskDefinitionArn()).isEqualTo(registered.arn());
    return stopped.stoppedReason();
  }

  @Test
  default void aTaskWhoseImageIsNotInItsRepositoryCannotPullIt() {
    requireNo(Gap.ECS_NO_TASKS);
    String repo = unique("repo");
    var repository = cloud().ecr().createRepository(repo, false, false, tags());
    String image = repository.uri() + ":1.4.3";
    assertThat(stoppedReason(taskDefinition(unique("f"), image)))
        .startsWith("CannotPullContainerError").contains(image).contains("not found");
  }

  @Test
  default void aTaskWhoseSecretParameterIsMissingCannotStart() {
    requireNo(Gap.ECS_NO_TASKS);
    assertThat(stoppedReason(taskDefinition(unique("f"), "nginx:1", launch(false, true, true))))
        .startsWith("ResourceInitializationError").contains("ssm");
  }

  @Test
  default void aTaskWhoseExecutionRoleMayNotReadTheSecretCannotStart() {
    requireNo(Gap.ECS_NO_TASKS);
    assertThat(stoppedReason(taskDefinition(unique("f"), "nginx:1", launch(true, true, false))))
        .startsWith("ResourceInitializationError").contains("AccessDenied").contains("ssm:GetParameters");
  }

  @Test
  default void aTaskWhoseLogGroupIsMissingCannotStart() {
    requireNo(Gap.ECS_NO_TASKS);
    assertThat(stoppedReason(taskDefinition(unique("f"), "nginx:1", launch(true, false, true))))
        .startsWith("ResourceInitializationError").contains("log group does not exist");
  }

  @Test
  default void aServiceWhoseTasksCannotStartIsRolledBackByTheCircuitBreaker() {
    requireNo(Gap.ECS_NO_TASKS);
    String cluster = unique("cluster");
    cloud().ecs().createCluster(cluster, false, null, tags());
    String family = unique("f");
    var good = cloud().ecs().registerTaskDefinition(taskDefinition(family, "nginx:1"));
    consistent(() -> cloud().ecs().createService(serviceSpec(cluster, "web", good.arn(), 1), "t-" + cluster));
    assertThat(eventually(Duration.ofMinutes(10), () -> cloud().ecs().findService(cluster, "web").orElseThrow()
        .deployments().get(0).rolloutState().equals("COMPLETED"))).isTrue();
    var bad = cloud().ecs().registerTaskDefinition(taskDefinition(family, "nginx:1", launch(false, true, true)));
    var spec = serviceSpec(cluster, "web", good.arn(), 1);
    consistent(() -> cloud().ecs().updateService(new EcsPort.ServiceSpec(cluster, "web", bad.arn(), 1,
        spec.subnets(), spec.securityGroups(), true, List.of(), null, false, true, true, 100, 200, "SERVICE", tags()),
        false));
    assertThat(eventually(Duration.ofMinutes(30), () -> cloud().ecs().findService(cluster, "web").orElseThrow()
        .deployments().stream().anyMatch(d -> "FAILED".equals(d.rolloutState())))).isTrue();
    var rolledBack = cloud().ecs().findService(cluster, "web").orElseThrow();
    assertThat(rolledBack.spec().taskDefinitionArn()).as("rolled back to the revision that ran").isEqualTo(good.arn());
  }

  @Test
  default void fargateRefusesAwslogsWithoutAnExecutionRole() {
    requireNo(Gap.ECS_ACCEPTS_FARGATE_WITHOUT_EXECUTION_ROLE);
    var td = taskDefinition(unique("f"), "nginx:1");
    var noRole = new EcsPort.TaskDefinitionSpec(td.family(), td.cpu(), td.memory(), null, null,
        List.of(new EcsPort.ContainerDefinition("app", "nginx:1", 0, null, true, List.of(), Map.of(), Map.of(),
            td.containers().get(0).logConfiguration(), null)), tags());
    assertThatThrownBy(() -> cloud().ecs().registerTaskDefinition(noRole))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("execution role");
  }

  @Test
  default void taskDefinitionRevisionsAreNeverReused() {
    requireNo(Gap.ECS_REUSES_REVISIONS);
    String family = unique("family");
    var first = cloud().ecs().registerTaskDefinition(taskDefinition(family, "nginx:1"));
    cloud().ecs().deregisterTaskDefinition(first.arn());
    cloud().ecs().deleteTaskDefinition(first.arn());
    var next = cloud().ecs().registerTaskDefinition(taskDefinition(family, "nginx:2"));
    assertThat(next.revision()).isEqualTo(2);
  }

  @Test
  default void anActiveTaskDefinitionRevisionCannotBeDeleted() {
    requireNo(Gap.ECS_DELETES_ACTIVE_REVISIONS);
    var td = cloud().ecs().registerTaskDefinition(taskDefinition(unique("family"), "nginx:1"));
    assertThatThrownBy(() -> cloud().ecs().deleteTaskDefinition(td.arn())).isInstanceOf(CloudException.InUse.class);
    assertThat(cloud().ecs().latestTaskDefinition(td.family())).isPresent();
  }

  @Test
  default void listServicesLeavesOutDrainingServices() {
    requireNo(Gap.ECS_LISTS_DRAINING_SERVICES);
    String cluster = unique("cluster");
    cloud().ecs().createCluster(cluster, false, null, tags());
    var td = cloud().ecs().registerTaskDefinition(taskDefinition(unique("f"), "nginx:1"));
    consistent(() -> cloud().ecs().createService(serviceSpec(cluster, "web", td.arn(), 1), "t-" + cluster));
    cloud().ecs().deleteService(cluster, "web");
    assertThat(cloud().ecs().listServices(cluster)).extracting(EcsPort.Service::name).doesNotContain("web");
  }

  @Test
  default void imagesPushedToARepositoryAreListedByTag() {
    requireService("ecr");
    String repo = unique("repo");
    cloud().ecr().createRepository(repo, false, false, tags());
    assertThat(cloud().ecr().imageTags(repo)).isEmpty();
    pushImage(repo, "1.4.2");
    pushImage(repo, "latest");
    assertThat(cloud().ecr().imageTags(repo)).containsExactly("1.4.2", "latest");
    assertThatThrownBy(() -> cloud().ecr().imageTags(unique("none"))).isInstanceOf(CloudException.NotFound.class);
  }

  /** A repository that holds images is refused a plain delete; a forced one takes the images with it. */
  @Test
  default void aRepositoryWithImagesIsDeletedOnlyWhenForced() {
    requireService("ecr");
    String repo = unique("repo");
    cloud().ecr().createRepository(repo, false, false, tags());
    pushImage(repo, "1.0.0");
    assertThatThrownBy(() -> cloud().ecr().deleteRepository(repo, false)).isInstanceOf(CloudException.InUse.class);
    cloud().ecr().deleteRepository(repo, true);
    assertThat(cloud().ecr().findRepository(repo)).isEmpty();
  }

  /** A new execution role is usable by ECS within minutes (a careful client tries again meanwhile). */
  @Test
  default void aServiceCanUseANewExecutionRoleOnceItHasPropagated() {
    String cluster = unique("cluster");
    cloud().ecs().createCluster(cluster, false, null, tags());
    var td = cloud().ecs().registerTaskDefinition(taskDefinition(unique("f"), "nginx:1"));
    var created = consistent(() -> cloud().ecs().createService(serviceSpec(cluster, "web", td.arn(), 1),
        "t-" + cluster));
    assertThat(created.spec().taskDefinitionArn()).isEqualTo(td.arn());
  }

  /** IAM is eventually consistent: ECS cannot assume a role created a moment ago (a careful client retries). */
  @Test
  default void aNewExecutionRoleCannotBeUsedAtOnce() {
    requireNo(Gap.NO_EVENTUAL_CONSISTENCY);
    String cluster = unique("cluster");
    cloud().ecs().createCluster(cluster, false, null, tags());
    var td = cloud().ecs().registerTaskDefinition(taskDefinition(unique("f"), "nginx:1"));
    var spec = serviceSpec(cluster, "web", td.arn(), 1);
    assertThatThrownBy(() -> cloud().ecs().createService(spec, "t-" + cluster))
        .isInstanceOf(CloudException.NotYetConsistent.class);
    assertThat(consistent(() -> cloud().ecs().createService(spec, "t-" + cluster)).name()).isEqualTo("web");
  }

  /**
   * The deployment circuit breaker fails a deployment once half its desired count of tasks have failed, at least 3
   * and at most 200 (ECS API reference, DeploymentCircuitBreaker), even for a service of one task.
   */
  @Test
  default void theCircuitBreakerWaitsForAtLeastThreeFailedTasks() {
    requireNo(Gap.ECS_NO_TASKS);
    String cluster = unique("cluster");
    cloud().ecs().createCluster(cluster, false, null, tags());
    var bad = cloud().ecs().registerTaskDefinition(taskDefinition(unique("f"), "nginx:1", launch(false, true, true)));
    consistent(() -> cloud().ecs().createService(serviceSpec(cluster, "one", bad.arn(), 1), "t1-" + cluster));
    assertThat(eventually(Duration.ofMinutes(30), () -> cloud().ecs().findService(cluster, "one").orElseThrow()
        .deployments().stream().anyMatch(d -> "FAILED".equals(d.rolloutState())))).isTrue();
    assertThat(cloud().ecs().stoppedTasks(cluster, "one")).as("3 failed tasks at least").hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(t -> assertThat(t.stoppedReason()).startsWith("ResourceInitializationError"));
  }

  /** Deleting a revision that does not exist is NotFound, not in use (DeleteTaskDefinitions' failures[]). */
  @Test
  default void deletingARevisionThatDoesNotExistIsNotFound() {
    var td = cloud().ecs().registerTaskDefinition(taskDefinition(unique("family"), "nginx:1"));
    String missing = td.arn().substring(0, td.arn().lastIndexOf(':') + 1) + (td.revision() + 100);
    assertThatThrownBy(() -> cloud().ecs().deleteTaskDefinition(missing)).isInstanceOf(CloudException.NotFound.class);
  }

  /** Each failed launch of a failing deployment leaves a stopped task, the newest first, with its reason. */
  @Test
  default void stoppedTasksAreListedNewestFirstWithTheirReasons() {
    requireNo(Gap.ECS_NO_TASKS);
    String cluster = unique("cluster");
    cloud().ecs().createCluster(cluster, false, null, tags());
    String family = unique("f");
    var noLogs = cloud().ecs().registerTaskDefinition(taskDefinition(family, "nginx:1", launch(true, false, true)));
    var spec = serviceSpec(cluster, "web", noLogs.arn(), 1);
    consistent(() -> cloud().ecs().createService(spec, "t-" + cluster));
    assertThat(eventually(Duration.ofMinutes(10), () -> !cloud().ecs().stoppedTasks(cluster, "web").isEmpty()))
        .isTrue();
    var noSecret = cloud().ecs().registerTaskDefinition(taskDefinition(family, "nginx:1",
        launch(false, true, true)));
    consistent(() -> cloud().ecs().updateService(new EcsPort.ServiceSpec(cluster, "web", noSecret.arn(), 1,
        spec.subnets(), spec.securityGroups(), true, List.of(), null, false, true, true, 100, 200, "SERVICE",
        tags()), false));
    assertThat(eventually(Duration.ofMinutes(10), () -> cloud().ecs().stoppedTasks(cluster, "web").stream()
        .anyMatch(t -> t.taskDefinitionArn().equals(noSecret.arn())))).isTrue();
    var stopped = cloud().ecs().stoppedTasks(cluster, "web");
    assertThat(stopped.get(0).taskDefinitionArn()).as("newest first").isEqualTo(noSecret.arn());
    assertThat(stopped.get(0).stoppedReason()).contains("ssm");
    assertThat(stopped).extracting(EcsPort.StoppedTask::taskDefinitionArn).contains(noLogs.arn());
  }
}
