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

  default EcsPort.TaskDefinitionSpec taskDefinition(String family, String image) {
    var role = cloud().iam().createRole(unique("exec"), BasicPortsContract.TRUST, tags());
    var main = new EcsPort.ContainerDefinition("app", image, 0, null, true,
        List.of(new EcsPort.PortMapping(4567, "tcp", "app", "http")), Map.of("A", "1"),
        Map.of("CONNECTION_URL", "arn:aws:ssm:" + cloud().region() + ":" + cloud().accountId()
            + ":parameter/contract/CONNECTION_URL"),
        new EcsPort.LogConfiguration("awslogs", Map.of("awslogs-group", "contract", "awslogs-region",
            cloud().region(), "awslogs-stream-prefix", "app")), null);
    var xray = new EcsPort.ContainerDefinition("xray", "public.ecr.aws/xray/aws-xray-daemon:3.3.14", 0, 32, false,
        List.of(new EcsPort.PortMapping(2000, "udp", "xray", null)), Map.of(), Map.of(), null, null);
    return new EcsPort.TaskDefinitionSpec(family, "256", "512", role.arn(), role.arn(), List.of(main, xray), tags());
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
    assertThat(app.logConfiguration().options()).containsEntry("awslogs-group", "contract");
    assertThat(latest.spec().containers().get(1).portMappings().get(0).protocol()).isEqualTo("udp");
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
    cloud().ecs().createService(serviceSpec(cluster, "web", td.arn(), 0), "token-" + cluster);
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
    cloud().ecs().createService(serviceSpec(cluster, "web", td.arn(), 1), "a");
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
    var created = cloud().ecs().createService(spec, "t1");
    assertThat(created.deployments()).singleElement().satisfies(d -> assertThat(d.status()).isEqualTo("PRIMARY"));
    assertThat(eventually(Duration.ofMinutes(10), () -> cloud().ecs().findService(cluster, "web").orElseThrow()
        .runningCount() == 2)).isTrue();
    var v2 = cloud().ecs().registerTaskDefinition(taskDefinition(family, "nginx:2"));
    var updated = cloud().ecs().updateService(new EcsPort.ServiceSpec(cluster, "web", v2.arn(), 2, spec.subnets(),
        spec.securityGroups(), true, List.of(), null, false, true, true, 100, 200, "SERVICE", tags()), false);
    assertThat(updated.deployments()).extracting(EcsPort.Deployment::status).containsExactly("PRIMARY", "ACTIVE");
    assertThat(eventually(Duration.ofMinutes(10), () -> {
      var s = cloud().ecs().findService(cluster, "web").orElseThrow();
      return s.deployments().size() == 1 && s.deployments().get(0).rolloutState().equals("COMPLETED");
    })).isTrue();
    assertThat(cloud().ecs().findService(cluster, "web").orElseThrow().spec().taskDefinitionArn()).isEqualTo(v2.arn());
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
    cloud().ecs().createService(exec, "t");
    var read = cloud().ecs().findService(cluster, "web").orElseThrow().spec();
    assertThat(read.enableExecuteCommand()).isTrue();
    assertThat(read.circuitBreaker()).isTrue();
    assertThat(read.minHealthyPercent()).isEqualTo(50);
    assertThat(read.maxPercent()).isEqualTo(150);
    assertThat(read.propagateTags()).isEqualTo("TASK_DEFINITION");
  }
}
