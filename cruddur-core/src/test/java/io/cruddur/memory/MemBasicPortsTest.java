package io.cruddur.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.port.AutoScalingPort;
import io.cruddur.port.AutoScalingPort.ScalableTarget;
import io.cruddur.port.AutoScalingPort.TargetTracking;
import io.cruddur.port.CloudException;
import io.cruddur.port.Ec2Port;
import io.cruddur.port.EcrPort;
import io.cruddur.port.EcsPort;
import io.cruddur.port.LogsPort;
import io.cruddur.port.ServiceDiscoveryPort;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ECR, CloudWatch Logs, Cloud Map and Application Auto Scaling, as AWS behaves. */
class MemBasicPortsTest {
  private static final Map<String, String> TAGS = Map.of("cruddur:stack", "t");
  private static final TargetTracking CPU = new TargetTracking("ECSServiceAverageCPUUtilization", 60, 60, 300);

  private final InMemoryCloud cloud = InMemoryCloud.create();

  // ---- ECR

  @Test
  void aRepositoryHasItsArnUriAndSettingsAndCountsItsImages() {
    EcrPort ecr = cloud.ecr();
    EcrPort.Repository r = ecr.createRepository("api", true, true, TAGS);
    assertThat(r).isEqualTo(new EcrPort.Repository("api", "arn:aws:ecr:us-east-1:000000000000:repository/api",
        "000000000000.dkr.ecr.us-east-1.amazonaws.com/api", true, true, TAGS));
    assertThatThrownBy(() -> ecr.createRepository("api", false, false, TAGS))
        .isInstanceOf(CloudException.Conflict.class).hasMessageContaining("RepositoryAlreadyExistsException");
    cloud.pushImage("api", "b");
    cloud.pushImage("api", "a");
    assertThat(ecr.imageTags("api")).containsExactly("a", "b");
    assertThat(((MemEcr) ecr).hasImage("api", "a")).isTrue();
    assertThat(((MemEcr) ecr).hasImage("api", "c")).isFalse();
    assertThat(((MemEcr) ecr).hasImage("web", "a")).isFalse();
    ecr.updateRepository("api", false, false);
    assertThat(ecr.findRepository("api")).contains(new EcrPort.Repository("api", r.arn(), r.uri(), false, false,
        TAGS));
    cloud.pushImage("api", "a");
    assertThat(((MemEcr) ecr).imageCount("api")).as("mutable: the tag moves").isEqualTo(2);
    assertThatThrownBy(() -> ecr.updateRepository("web", false, false)).isInstanceOf(CloudException.NotFound.class);
    assertThatThrownBy(() -> ecr.imageTags("web")).isInstanceOf(CloudException.NotFound.class)
        .hasMessageContaining("RepositoryNotFoundException");
    assertThat(ecr.listRepositories()).extracting(EcrPort.Repository::name).containsExactly("api");
  }

  @Test
  void aRepositoryWithImagesIsDeletedOnlyWhenForcedAndTakesItsImagesWithIt() {
    EcrPort ecr = cloud.ecr();
    ecr.createRepository("empty", false, false, TAGS);
    ecr.deleteRepository("empty", false);
    assertThat(ecr.findRepository("empty")).isEmpty();
    ecr.createRepository("api", false, false, TAGS);
    cloud.pushImage("api", "1");
    assertThatThrownBy(() -> ecr.deleteRepository("api", false)).isInstanceOf(CloudException.InUse.class)
        .hasMessageContaining("RepositoryNotEmptyException: repository api holds 1 images");
    ecr.deleteRepository("api", true);
    assertThatThrownBy(() -> ecr.deleteRepository("api", true)).isInstanceOf(CloudException.NotFound.class);
    ecr.createRepository("api", false, false, TAGS);
    assertThat(ecr.imageTags("api")).as("a new repository of the old name is empty").isEmpty();
  }

  // ---- Logs

  @Test
  void aLogGroupKeepsItsRetentionFromCloudWatchsAllowedValues() {
    LogsPort logs = cloud.logs();
    LogsPort.LogGroup g = logs.createLogGroup("/shop", TAGS);
    assertThat(g).isEqualTo(new LogsPort.LogGroup("/shop", "arn:aws:logs:us-east-1:000000000000:log-group:/shop",
        null, TAGS));
    assertThatThrownBy(() -> logs.createLogGroup("/shop", TAGS)).isInstanceOf(CloudException.Conflict.class)
        .hasMessageContaining("ResourceAlreadyExistsException");
    for (int days : new int[] {1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
        2922, 3288, 3653}) {
      logs.putRetention("/shop", days);
      assertThat(logs.findLogGroup("/shop").orElseThrow().retentionDays()).isEqualTo(days);
    }
    for (int days : new int[] {0, 2, 366, 3654, -1}) {
      assertThatThrownBy(() -> logs.putRetention("/shop", days)).as("%d days", days)
          .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("Value '" + days + "'");
    }
    assertThat(logs.findLogGroup("/shop").orElseThrow()).isEqualTo(new LogsPort.LogGroup("/shop", g.arn(), 3653,
        TAGS));
    assertThatThrownBy(() -> logs.putRetention("/none", 1)).isInstanceOf(CloudException.NotFound.class);
    logs.createLogGroup("/api", Map.of());
    assertThat(logs.listLogGroups()).extracting(LogsPort.LogGroup::name).containsExactly("/api", "/shop");
    logs.deleteLogGroup("/shop");
    assertThat(logs.findLogGroup("/shop")).isEmpty();
    assertThatThrownBy(() -> logs.deleteLogGroup("/shop")).isInstanceOf(CloudException.NotFound.class)
        .hasMessageContaining("ResourceNotFoundException");
  }

  // ---- Cloud Map

  @Test
  void aNamespaceIsCreatedOnceForTheSameRequestAndItsNameIsUnique() {
    ServiceDiscoveryPort sd = cloud.serviceDiscovery();
    ServiceDiscoveryPort.Namespace ns = sd.createHttpNamespace("shop", "req-1", TAGS);
    assertThat(ns.id()).matches("ns-[0-9a-f]{16}");
    assertThat(ns.arn()).isEqualTo("arn:aws:servicediscovery:us-east-1:000000000000:namespace/" + ns.id());
    assertThat(ns.name()).isEqualTo("shop");
    assertThat(ns.tags()).isEqualTo(TAGS);
    assertThat(sd.createHttpNamespace("shop", "req-1", Map.of())).isEqualTo(ns);
    assertThat(sd.createHttpNamespace("other", "req-1", TAGS)).as("the request id decides").isEqualTo(ns);
    assertThatThrownBy(() -> sd.createHttpNamespace("shop", "req-2", TAGS))
        .isInstanceOf(CloudException.Conflict.class).hasMessageContaining("NamespaceAlreadyExists");
    assertThatThrownBy(() -> sd.createHttpNamespace("shop", null, TAGS)).isInstanceOf(CloudException.Conflict.class);
    ServiceDiscoveryPort.Namespace api = sd.createHttpNamespace("api", null, TAGS);
    assertThat(sd.findNamespace("api")).contains(api);
    assertThat(sd.findNamespace("none")).isEmpty();
    assertThat(sd.listNamespaces()).containsExactlyInAnyOrder(ns, api);
  }

  @Test
  void aNamespaceUsedByAServiceCannotBeDeleted() {
    ServiceDiscoveryPort sd = cloud.serviceDiscovery();
    ServiceDiscoveryPort.Namespace ns = sd.createHttpNamespace("shop", null, TAGS);
    ServiceDiscoveryPort.Namespace other = sd.createHttpNamespace("other", null, TAGS);
    cloud.ecs().createCluster("c", false, null, TAGS);
    var td = registerNginx();
    List<String> subnets = defaultSubnets();
    cloud.ecs().createService(new EcsPort.ServiceSpec("c", "web", td.arn(), 1, subnets, List.of(), true, List.of(),
        new EcsPort.ServiceConnect(ns.arn(), "http", "web", 8080), false, true, true, 100, 200, "SERVICE", TAGS),
        null);
    cloud.ecs().createService(new EcsPort.ServiceSpec("c", "plain", td.arn(), 1, subnets, List.of(), true,
        List.of(), null, false, true, true, 100, 200, "SERVICE", TAGS), null);
    assertThatThrownBy(() -> sd.deleteNamespace(ns.id())).isInstanceOf(CloudException.InUse.class)
        .hasMessageContaining("ResourceInUse: namespace shop has services");
    sd.deleteNamespace(other.id());
    cloud.ecs().deleteService("c", "web");
    assertThatThrownBy(() -> sd.deleteNamespace(ns.id())).as("while it drains").isInstanceOf(
        CloudException.InUse.class);
    cloud.clock().advance(Duration.ofMinutes(1));
    cloud.ecs().findService("c", "web");
    sd.deleteNamespace(ns.id());
    assertThat(sd.listNamespaces()).isEmpty();
    assertThatThrownBy(() -> sd.deleteNamespace(ns.id())).isInstanceOf(CloudException.NotFound.class)
        .hasMessageContaining("NamespaceNotFound");
  }

  // ---- Application Auto Scaling

  private String service(String name) {
    if (cloud.ecs().findCluster("c").isEmpty()) {
      cloud.ecs().createCluster("c", false, null, TAGS);
    }
    var td = registerNginx();
    List<String> subnets = defaultSubnets();
    cloud.ecs().createService(new EcsPort.ServiceSpec("c", name, td.arn(), 1, subnets, List.of(), true, List.of(),
        null, false, true, true, 100, 200, "SERVICE", TAGS), null);
    return "service/c/" + name;
  }

  @Test
  void aScalableTargetNeedsAnActiveEcsServiceAndMinimumAtMostMaximum() {
    AutoScalingPort as = cloud.autoScaling();
    String id = service("web");
    assertThat(as.registerScalableTarget(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT, 3, 3, TAGS)
        .minCapacity()).as("min = max is fine").isEqualTo(3);
    assertThatThrownBy(() -> as.registerScalableTarget(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT,
        4, 3, TAGS)).isInstanceOf(CloudException.Invalid.class).hasMessageContaining("Minimum capacity");
    for (String bad : new String[] {"service/c/none", "service/c", "cluster/c/web", "service/other/web"}) {
      assertThatThrownBy(() -> as.registerScalableTarget(AutoScalingPort.ECS, bad, AutoScalingPort.ECS_DESIRED_COUNT,
          1, 2, TAGS)).as(bad).isInstanceOf(CloudException.Invalid.class)
          .hasMessageContaining("ECS service doesn't exist: " + bad);
    }
    assertThatThrownBy(() -> as.registerScalableTarget("dynamodb", id, AutoScalingPort.ECS_DESIRED_COUNT, 1, 2,
        TAGS)).isInstanceOf(CloudException.Invalid.class);
    cloud.ecs().deleteService("c", "web");
    assertThatThrownBy(() -> as.registerScalableTarget(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT,
        1, 2, TAGS)).as("a draining service").isInstanceOf(CloudException.Invalid.class);
  }

  @Test
  void registeringAgainUpdatesTheTargetInPlaceAndMergesItsTags() {
    AutoScalingPort as = cloud.autoScaling();
    String id = service("web");
    ScalableTarget first = as.registerScalableTarget(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT, 1,
        4, Map.of("a", "1"));
    assertThat(first.arn()).matches("arn:aws:application-autoscaling:us-east-1:000000000000:scalable-target/"
        + "[0-9a-f]{32}");
    as.putScalingPolicy("cpu", AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT, CPU);
    ScalableTarget again = as.registerScalableTarget(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT, 2,
        6, Map.of("b", "2"));
    assertThat(again).isEqualTo(new ScalableTarget(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT, 2, 6,
        first.arn()));
    assertThat(as.findScalableTarget(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT)).contains(again);
    assertThat(as.listScalingPolicies(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT))
        .as("its policies stay").hasSize(1);
    String key = AutoScalingPort.ECS + "|" + id + "|" + AutoScalingPort.ECS_DESIRED_COUNT;
    assertThat(cloud.state.scalableTargets.get(key).tags()).containsOnly(Map.entry("a", "1"), Map.entry("b", "2"));
    String other = service("api");
    as.registerScalableTarget(AutoScalingPort.ECS, other, AutoScalingPort.ECS_DESIRED_COUNT, 1, 1, TAGS);
    assertThat(as.listScalableTargets(AutoScalingPort.ECS)).extracting(ScalableTarget::resourceId)
        .containsExactlyInAnyOrder(id, other);
    assertThat(as.listScalableTargets("dynamodb")).isEmpty();
    assertThat(as.findScalableTarget(AutoScalingPort.ECS, id, "ecs:service:Other")).isEmpty();
  }

  @Test
  void policiesArePutByNameDeletedOnceAndGoWithTheirTarget() {
    AutoScalingPort as = cloud.autoScaling();
    String id = service("web");
    as.registerScalableTarget(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT, 1, 4, TAGS);
    var cpu = as.putScalingPolicy("cpu", AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT, CPU);
    assertThat(cpu.arn()).startsWith("arn:aws:autoscaling:us-east-1:000000000000:scalingPolicy:")
        .endsWith(":resource/ecs/" + id + ":policyName/cpu");
    TargetTracking cpu70 = new TargetTracking(CPU.predefinedMetric(), 70, 30, 120);
    var replaced = as.putScalingPolicy("cpu", AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT, cpu70);
    assertThat(replaced.arn()).as("the same policy").isEqualTo(cpu.arn());
    assertThat(replaced.targetTracking()).isEqualTo(cpu70);
    var memory = as.putScalingPolicy("memory", AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT, CPU);
    assertThat(memory.arn()).isNotEqualTo(cpu.arn());
    assertThat(as.listScalingPolicies(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT))
        .containsExactly(replaced, memory);
    as.deleteScalingPolicy("memory", AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT);
    assertThatThrownBy(() -> as.deleteScalingPolicy("memory", AutoScalingPort.ECS, id,
        AutoScalingPort.ECS_DESIRED_COUNT)).isInstanceOf(CloudException.NotFound.class)
        .hasMessageContaining("ObjectNotFoundException: No scaling policy found").hasMessageContaining("memory");
    as.deregisterScalableTarget(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT);
    assertThat(as.listScalingPolicies(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT)).isEmpty();
    assertThatThrownBy(() -> as.deleteScalingPolicy("cpu", AutoScalingPort.ECS, id,
        AutoScalingPort.ECS_DESIRED_COUNT)).isInstanceOf(CloudException.NotFound.class);
    assertThatThrownBy(() -> as.deregisterScalableTarget(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT))
        .isInstanceOf(CloudException.NotFound.class).hasMessageContaining("No scalable target registered");
    assertThatThrownBy(() -> as.putScalingPolicy("cpu", AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT,
        CPU)).isInstanceOf(CloudException.NotFound.class);
    as.registerScalableTarget(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT, 1, 4, TAGS);
    assertThat(as.listScalingPolicies(AutoScalingPort.ECS, id, AutoScalingPort.ECS_DESIRED_COUNT))
        .as("a target registered anew starts without policies").isEmpty();
  }
  private EcsPort.TaskDefinition registerNginx() {
    return cloud.ecs().registerTaskDefinition(new EcsPort.TaskDefinitionSpec("f", "256", "512", null, null,
        List.of(new EcsPort.ContainerDefinition("app", "nginx", 0, null, true, List.of(), Map.of(), Map.of(), null,
            null)), TAGS));
  }

  private List<String> defaultSubnets() {
    String vpc = cloud.ec2().defaultVpc().orElseThrow().id();
    return cloud.ec2().subnets(vpc).stream().map(Ec2Port.Subnet::id).limit(2).toList();
  }
}
