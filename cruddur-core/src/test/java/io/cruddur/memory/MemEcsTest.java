package io.cruddur.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.port.CloudException;
import io.cruddur.port.Ec2Port;
import io.cruddur.port.EcsPort;
import io.cruddur.port.EcsPort.ContainerDefinition;
import io.cruddur.port.EcsPort.Deployment;
import io.cruddur.port.EcsPort.LoadBalancerAttachment;
import io.cruddur.port.EcsPort.PortMapping;
import io.cruddur.port.EcsPort.Service;
import io.cruddur.port.EcsPort.ServiceConnect;
import io.cruddur.port.EcsPort.ServiceSpec;
import io.cruddur.port.EcsPort.TaskDefinition;
import io.cruddur.port.EcsPort.TaskDefinitionSpec;
import io.cruddur.port.ElbPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ECS on Fargate as AWS behaves: clusters, task definition revisions, the CPU and memory sizes Fargate accepts, and
 * services whose deployments take the profile's time to stabilize (plus health checks and deregistration behind a
 * load balancer), fail and roll back, and drain when deleted. Compact latency: tasks start in 10 s, the circuit
 * breaker gives up after 90 s, a deleted service drains for 15 s.
 */
class MemEcsTest {
  private static final Map<String, String> TAGS = Map.of("cruddur:stack", "t");

  private final InMemoryCloud cloud = InMemoryCloud.create();
  private final EcsPort ecs = cloud.ecs();
  private final String vpc = cloud.ec2().defaultVpc().orElseThrow().id();
  private final List<String> subnets = cloud.ec2().subnets(vpc).stream().map(Ec2Port.Subnet::id).sorted().limit(2)
      .toList();

  private static ContainerDefinition container(String name, String image) {
    return new ContainerDefinition(name, image, 0, null, true, List.of(new PortMapping(8080, "tcp", "http", "http")),
        Map.of(), Map.of(), null, null);
  }

  private static TaskDefinitionSpec spec(String family, ContainerDefinition... containers) {
    return new TaskDefinitionSpec(family, "256", "512", null, null, List.of(containers), TAGS);
  }

  private TaskDefinition register(String family, String image) {
    return ecs.registerTaskDefinition(spec(family, container("app", image)));
  }

  private ServiceSpec service(String name, String td, int count) {
    return new ServiceSpec("c", name, td, count, subnets, List.of(), true, List.of(), null, false, true, true, 100,
        200, "SERVICE", TAGS);
  }

  private static ServiceSpec with(ServiceSpec s, String td, int count) {
    return new ServiceSpec(s.cluster(), s.name(), td, count, s.subnets(), s.securityGroups(), s.assignPublicIp(),
        s.loadBalancers(), s.serviceConnect(), s.enableExecuteCommand(), s.circuitBreaker(), s.rollback(),
        s.minHealthyPercent(), s.maxPercent(), s.propagateTags(), s.tags());
  }

  private Service find(String name) {
    return ecs.findService("c", name).orElseThrow();
  }

  private void advance(long millis) {
    cloud.clock().advance(Duration.ofMillis(millis));
  }

  // ---- clusters

  @Test
  void creatingAnActiveClusterAgainReturnsItUnchanged() {
    var first = ecs.createCluster("c", true, null, TAGS);
    assertThat(first.arn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:cluster/c");
    assertThat(first.status()).isEqualTo("ACTIVE");
    var again = ecs.createCluster("c", false, null, Map.of());
    assertThat(again).isEqualTo(first);
    assertThat(ecs.listClusters()).containsExactly(first);
  }

  @Test
  void aClustersNamespaceMustExist() {
    assertThatThrownBy(() -> ecs.createCluster("c", false, "arn:aws:servicediscovery:us-east-1:000000000000:"
        + "namespace/ns-missing", TAGS)).isInstanceOf(CloudException.NotFound.class)
        .hasMessageContaining("NamespaceNotFoundException");
    assertThat(ecs.findCluster("c")).isEmpty();
    var ns = cloud.serviceDiscovery().createHttpNamespace("shop", null, TAGS);
    assertThat(ecs.createCluster("c", false, ns.arn(), TAGS).defaultNamespaceArn()).isEqualTo(ns.arn());
  }

  @Test
  void updatingAClusterChangesItsSettingsAndKeepsItsArnAndTags() {
    var created = ecs.createCluster("c", false, null, TAGS);
    var ns = cloud.serviceDiscovery().createHttpNamespace("shop", null, TAGS);
    ecs.updateCluster("c", true, ns.arn());
    var updated = ecs.findCluster("c").orElseThrow();
    assertThat(updated).isEqualTo(new EcsPort.Cluster("c", created.arn(), "ACTIVE", true, ns.arn(), TAGS));
    assertThatThrownBy(() -> ecs.updateCluster("c", true, "arn:missing")).isInstanceOf(CloudException.NotFound.class);
    assertThat(ecs.findCluster("c").orElseThrow().defaultNamespaceArn()).isEqualTo(ns.arn());
    assertThatThrownBy(() -> ecs.updateCluster("other", true, null)).isInstanceOf(CloudException.NotFound.class)
        .hasMessageContaining("ClusterNotFoundException");
  }

  @Test
  void aClusterIsDeletableOnceItsServicesHaveDrainedAndCanThenBeCreatedAfresh() {
    assertThatThrownBy(() -> ecs.deleteCluster("c")).isInstanceOf(CloudException.NotFound.class);
    ecs.createCluster("c", true, null, TAGS);
    var td = register("f", "nginx:1");
    ecs.createService(service("web", td.arn(), 1), null);
    ecs.deleteService("c", "web");
    assertThatThrownBy(() -> ecs.deleteCluster("c")).as("draining").isInstanceOf(CloudException.InUse.class)
        .hasMessageContaining("ClusterContainsServicesException");
    advance(15_000);
    ecs.deleteCluster("c");
    assertThat(ecs.findCluster("c")).isEmpty();
    assertThat(ecs.listClusters()).isEmpty();
    assertThat(ecs.createCluster("c", false, null, TAGS).containerInsights()).isFalse();
  }

  // ---- task definitions

  @Test
  void aTaskDefinitionNeedsAnEssentialContainerAndAFargateSize() {
    assertThatThrownBy(() -> ecs.registerTaskDefinition(spec("f"))).isInstanceOf(CloudException.Invalid.class)
        .hasMessageContaining("essential container");
    ContainerDefinition sidecar = new ContainerDefinition("x", "busybox", 0, null, false, List.of(), Map.of(),
        Map.of(), null, null);
    assertThatThrownBy(() -> ecs.registerTaskDefinition(spec("f", sidecar))).isInstanceOf(CloudException.Invalid.class)
        .hasMessageContaining("essential container");
    assertThatThrownBy(() -> ecs.registerTaskDefinition(new TaskDefinitionSpec("f", "256", "4096", null, null,
        List.of(container("app", "nginx")), TAGS))).isInstanceOf(CloudException.Invalid.class)
        .hasMessageContaining("invalid CPU or memory");
    assertThat(ecs.taskDefinitionFamilies()).isEmpty();
    assertThat(ecs.registerTaskDefinition(spec("f", sidecar, container("app", "nginx"))).revision()).isEqualTo(1);
  }

  @Test
  void fargateAcceptsOnlyItsCpuAndMemoryCombinations() {
    String[][] valid = {{"256", "512"}, {"256", "1024"}, {"256", "2048"}, {"512", "1024"}, {"512", "4096"},
        {"1024", "2048"}, {"1024", "8192"}, {"2048", "4096"}, {"2048", "16384"}, {"4096", "8192"}, {"4096", "30720"},
        {"8192", "16384"}, {"8192", "20480"}, {"8192", "61440"}, {"16384", "32768"}, {"16384", "40960"},
        {"16384", "122880"}};
    String[][] invalid = {{"256", "256"}, {"256", "3072"}, {"256", "1536"}, {"512", "512"}, {"512", "5120"},
        {"512", "1536"}, {"1024", "1024"}, {"1024", "9216"}, {"1024", "2560"}, {"2048", "3072"},
        {"2048", "17408"}, {"2048", "4608"}, {"4096", "7168"}, {"4096", "31744"}, {"4096", "8704"},
        {"8192", "12288"}, {"8192", "65536"}, {"8192", "17408"}, {"16384", "24576"}, {"16384", "131072"},
        {"16384", "36864"}, {"128", "512"}, {"0.25 vCPU", "512"}, {"256", "0.5GB"}, {"32768", "65536"}};
    for (String[] v : valid) {
      assertThat(MemEcs.fargateSize(v[0], v[1])).as("%s/%s", v[0], v[1]).isTrue();
    }
    for (String[] v : invalid) {
      assertThat(MemEcs.fargateSize(v[0], v[1])).as("%s/%s", v[0], v[1]).isFalse();
    }
  }

  @Test
  void fargateNeedsAnExecutionRoleForAwslogsSecretsAndEcrImages() {
    var logs = new ContainerDefinition("app", "nginx", 0, null, true, List.of(), Map.of(), Map.of(),
        new EcsPort.LogConfiguration("awslogs", Map.of("awslogs-group", "g")), null);
    var secrets = new ContainerDefinition("app", "nginx", 0, null, true, List.of(), Map.of(), Map.of("A", "/a"),
        null, null);
    var ecr = container("app", "000000000000.dkr.ecr.us-east-1.amazonaws.com/api:1");
    assertThatThrownBy(() -> ecs.registerTaskDefinition(spec("f", logs))).hasMessageContaining("log driver awslogs");
    assertThatThrownBy(() -> ecs.registerTaskDefinition(spec("f", secrets))).hasMessageContaining("support secrets");
    assertThatThrownBy(() -> ecs.registerTaskDefinition(spec("f", ecr))).isInstanceOf(CloudException.Invalid.class)
        .hasMessageContaining("support ECR images");
    var fluentd = new ContainerDefinition("app", "nginx", 0, null, true, List.of(), Map.of(), Map.of(),
        new EcsPort.LogConfiguration("fluentd", Map.of()), null);
    var otherAccount = container("app", "111111111111.dkr.ecr.us-east-1.amazonaws.com/api:1");
    assertThat(ecs.registerTaskDefinition(spec("f", fluentd, otherAccount)).revision()).isEqualTo(1);
    String role = cloud.iam().createRole("exec", "{}", TAGS).arn();
    assertThat(ecs.registerTaskDefinition(new TaskDefinitionSpec("f", "256", "512", role, null,
        List.of(logs), TAGS)).revision()).isEqualTo(2);
  }

  @Test
  void revisionsCountUpPerFamilyAndReadsSeeOnlyActiveOnes() {
    var a1 = register("a", "nginx:1");
    var a2 = register("a", "nginx:2");
    var b1 = register("b", "nginx:1");
    var a3 = register("a", "nginx:3");
    assertThat(a1.arn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:task-definition/a:1");
    assertThat(a1.status()).isEqualTo("ACTIVE");
    assertThat(List.of(a1.revision(), a2.revision(), a3.revision(), b1.revision())).containsExactly(1, 2, 3, 1);
    assertThat(ecs.taskDefinitionFamilies()).containsExactly("a", "b");
    ecs.deregisterTaskDefinition(a3.arn());
    assertThat(ecs.latestTaskDefinition("a").orElseThrow().arn()).isEqualTo(a2.arn());
    assertThat(ecs.taskDefinitions("a")).extracting(TaskDefinition::revision).containsExactly(1, 2);
    assertThat(ecs.allTaskDefinitions("a")).extracting(TaskDefinition::status)
        .containsExactly("ACTIVE", "ACTIVE", "INACTIVE");
    ecs.deregisterTaskDefinition(b1.arn());
    assertThat(ecs.taskDefinitionFamilies()).containsExactly("a");
    assertThat(ecs.latestTaskDefinition("b")).isEmpty();
    assertThat(register("a", "nginx:4").revision()).as("a deregistered revision is not reused").isEqualTo(4);
    ecs.deleteTaskDefinition(a3.arn());
    assertThat(ecs.allTaskDefinitions("a")).extracting(TaskDefinition::revision).containsExactly(1, 2, 4);
  }

  @Test
  void deregisteringOrDeletingAMissingRevisionIsNotFound() {
    String arn = "arn:aws:ecs:us-east-1:000000000000:task-definition/none:1";
    assertThatThrownBy(() -> ecs.deregisterTaskDefinition(arn)).isInstanceOf(CloudException.NotFound.class);
    assertThatThrownBy(() -> ecs.deleteTaskDefinition(arn)).isInstanceOf(CloudException.NotFound.class);
  }

  // ---- services

  @Test
  void aServiceStabilizesOnceItsTasksHaveStarted() {
    ecs.createCluster("c", false, null, TAGS);
    var td = register("f", "nginx:1");
    Service created = ecs.createService(service("web", td.arn(), 2), "token");
    assertThat(created.arn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:service/c/web");
    assertThat(created.status()).isEqualTo("ACTIVE");
    assertThat(created.desiredCount()).isEqualTo(2);
    assertThat(created.runningCount()).isZero();
    Deployment d = created.deployments().get(0);
    assertThat(d.id()).matches("ecs-svc/\\d{19}");
    assertThat(d).isEqualTo(new Deployment(d.id(), "PRIMARY", td.arn(), 2, 0, "IN_PROGRESS",
        "ECS deployment in progress.", 2));
    advance(9_999);
    assertThat(find("web").deployments().get(0).rolloutState()).isEqualTo("IN_PROGRESS");
    advance(1);
    Service stable = find("web");
    assertThat(stable.runningCount()).isEqualTo(2);
    assertThat(stable.deployments()).containsExactly(new Deployment(d.id(), "PRIMARY", td.arn(), 2, 2, "COMPLETED",
        "ECS deployment " + d.id() + " completed."));
    assertThat(ecs.listServices("c")).extracting(Service::name).containsExactly("web");
    assertThat(ecs.listServices("other")).isEmpty();
  }

  @Test
  void aServiceOfZeroTasksIsStableAtOnce() {
    ecs.createCluster("c", false, null, TAGS);
    ecs.createService(service("web", register("f", "nginx:1").arn(), 0), null);
    assertThat(find("web").deployments().get(0).rolloutState()).isEqualTo("COMPLETED");
  }

  @Test
  void createServiceIsIdempotentOnlyForTheSameTokenAndSpec() {
    ecs.createCluster("c", false, null, TAGS);
    var td = register("f", "nginx:1");
    Service first = ecs.createService(service("web", td.arn(), 1), "t1");
    assertThat(ecs.createService(service("web", td.arn(), 1), "t1")).isEqualTo(first);
    assertThatThrownBy(() -> ecs.createService(service("web", td.arn(), 2), "t1"))
        .isInstanceOf(CloudException.Conflict.class).hasMessageContaining("not idempotent");
    assertThatThrownBy(() -> ecs.createService(service("web", td.arn(), 1), "t2"))
        .isInstanceOf(CloudException.Conflict.class);
    assertThatThrownBy(() -> ecs.createService(service("web", td.arn(), 1), null))
        .isInstanceOf(CloudException.Conflict.class);
    Service untokened = ecs.createService(service("api", td.arn(), 1), null);
    assertThatThrownBy(() -> ecs.createService(service("api", td.arn(), 1), null))
        .as("no token: a repeat is no retry").isInstanceOf(CloudException.Conflict.class);
    assertThat(untokened.name()).isEqualTo("api");
  }

  @Test
  void aServiceNeedsItsClusterAnActiveTaskDefinitionAndExistingSubnetsAndGroups() {
    var td = register("f", "nginx:1");
    assertThatThrownBy(() -> ecs.createService(service("web", td.arn(), 1), null))
        .isInstanceOf(CloudException.NotFound.class).hasMessageContaining("ClusterNotFoundException");
    ecs.createCluster("c", false, null, TAGS);
    assertThatThrownBy(() -> ecs.createService(service("web", td.arn() + "0", 1), null))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("is inactive or does not exist");
    var old = register("g", "nginx:1");
    ecs.deregisterTaskDefinition(old.arn());
    assertThatThrownBy(() -> ecs.createService(service("web", old.arn(), 1), null))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("inactive");
    ServiceSpec badSubnet = new ServiceSpec("c", "web", td.arn(), 1, List.of("subnet-nope"), List.of(), true,
        List.of(), null, false, true, true, 100, 200, "SERVICE", TAGS);
    assertThatThrownBy(() -> ecs.createService(badSubnet, null)).isInstanceOf(CloudException.Invalid.class)
        .hasMessageContaining("subnet subnet-nope does not exist");
    ServiceSpec badGroup = new ServiceSpec("c", "web", td.arn(), 1, subnets, List.of("sg-nope"), true, List.of(),
        null, false, true, true, 100, 200, "SERVICE", TAGS);
    assertThatThrownBy(() -> ecs.createService(badGroup, null)).isInstanceOf(CloudException.NotFound.class)
        .hasMessageContaining("sg-nope");
    ServiceSpec badNamespace = new ServiceSpec("c", "web", td.arn(), 1, subnets, List.of(), true, List.of(),
        new ServiceConnect("arn:missing", "http", "web", 8080), false, true, true, 100, 200, "SERVICE", TAGS);
    assertThatThrownBy(() -> ecs.createService(badNamespace, null)).isInstanceOf(CloudException.NotFound.class)
        .hasMessageContaining("NamespaceNotFoundException");
    assertThat(ecs.findService("c", "web")).isEmpty();
  }

  @Test
  void aServiceWaitsUntilEcsCanAssumeItsTaskDefinitionsRoles() {
    ecs.createCluster("c", false, null, TAGS);
    String exec = cloud.iam().createRole("exec", "{}", TAGS).arn();
    advance(5_000);
    String task = cloud.iam().createRole("task", "{}", TAGS).arn();
    var td = ecs.registerTaskDefinition(new TaskDefinitionSpec("f", "256", "512", exec, task,
        List.of(container("app", "nginx")), TAGS));
    assertThatThrownBy(() -> ecs.createService(service("web", td.arn(), 1), null))
        .isInstanceOf(CloudException.NotYetConsistent.class).hasMessageContaining(task);
    advance(5_000);
    assertThat(ecs.createService(service("web", td.arn(), 1), null).status()).isEqualTo("ACTIVE");
  }

  /** Target group health checks every 15 s, healthy after 3; a deregistration delay of 30 s. */
  private ElbPort.TargetGroup loadBalanced(boolean withListener) {
    String sg = cloud.ec2().createSecurityGroup("lb", "lb", vpc, TAGS).id();
    var lb = cloud.elb().createLoadBalancer("alb", true, subnets, List.of(sg), TAGS);
    var tg = cloud.elb().createTargetGroup("web", "HTTP", 8080, vpc, "ip",
        new ElbPort.HealthCheck("/", 15, 5, 3, 2, "200"), 30, TAGS);
    if (withListener) {
      cloud.elb().createListener(lb.arn(), "HTTP", 80, null, null, ElbPort.Action.forward(tg.arn()), TAGS);
    }
    return tg;
  }

  private ServiceSpec behind(ElbPort.TargetGroup tg, String td, String container, int port) {
    return new ServiceSpec("c", "web", td, 1, subnets, List.of(), true,
        List.of(new LoadBalancerAttachment(tg.arn(), container, port)), null, false, true, true, 100, 200, "SERVICE",
        TAGS);
  }

  @Test
  void aLoadBalancedServiceNeedsATargetGroupInUseAndAContainerPort() {
    ecs.createCluster("c", false, null, TAGS);
    var td = register("f", "nginx:1");
    var orphan = loadBalanced(false);
    assertThatThrownBy(() -> ecs.createService(behind(orphan, td.arn(), "app", 8080), null))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("does not have an associated load balancer");
    var lb = cloud.elb().findLoadBalancer("alb").orElseThrow();
    cloud.elb().createListener(lb.arn(), "HTTP", 80, null, null, ElbPort.Action.forward(orphan.arn()), TAGS);
    assertThatThrownBy(() -> ecs.createService(behind(orphan, td.arn(), "app", 9090), null))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("container app has no port 9090");
    assertThatThrownBy(() -> ecs.createService(behind(orphan, td.arn(), "other", 8080), null))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("container other has no port 8080");
    assertThat(ecs.createService(behind(orphan, td.arn(), "app", 8080), null).spec().loadBalancers()).hasSize(1);
  }

  @Test
  void behindALoadBalancerATaskMustAlsoPassHealthChecksAndAReplacementWaitsForDeregistration() {
    ecs.createCluster("c", false, null, TAGS);
    var tg = loadBalanced(true);
    var v1 = register("f", "nginx:1");
    ecs.createService(behind(tg, v1.arn(), "app", 8080), null);
    // 10 s to start, then 15 s x 3 health checks.
    advance(54_999);
    assertThat(find("web").deployments().get(0).rolloutState()).isEqualTo("IN_PROGRESS");
    advance(1);
    assertThat(find("web").deployments().get(0).rolloutState()).isEqualTo("COMPLETED");

    var v2 = register("f", "nginx:2");
    Service updated = ecs.updateService(behind(tg, v2.arn(), "app", 8080), false);
    assertThat(updated.deployments()).extracting(Deployment::status).containsExactly("PRIMARY", "ACTIVE");
    assertThat(updated.runningCount()).as("the old tasks run on").isEqualTo(1);
    // 10 s + 45 s, then the old tasks' 30 s of deregistration.
    advance(84_999);
    assertThat(find("web").deployments()).hasSize(2);
    advance(1);
    assertThat(find("web").deployments()).singleElement().satisfies(d -> {
      assertThat(d.taskDefinitionArn()).isEqualTo(v2.arn());
      assertThat(d.rolloutState()).isEqualTo("COMPLETED");
    });
  }

  @Test
  void aDeletedServiceDrainsThenFreesItsNameAndHoldsItsGroupsForAWhile() {
    ecs.createCluster("c", false, null, TAGS);
    String sg = cloud.ec2().createSecurityGroup("svc", "svc", vpc, TAGS).id();
    var tg = loadBalanced(true);
    var td = register("f", "nginx:1");
    ServiceSpec spec = new ServiceSpec("c", "web", td.arn(), 1, subnets, List.of(sg), true,
        List.of(new LoadBalancerAttachment(tg.arn(), "app", 8080)), null, false, true, true, 100, 200, "SERVICE",
        TAGS);
    ecs.createService(spec, null);
    assertThatThrownBy(() -> ecs.deleteService("c", "other")).isInstanceOf(CloudException.NotFound.class);
    ecs.deleteService("c", "web");
    Service draining = find("web");
    assertThat(draining.status()).isEqualTo("DRAINING");
    assertThat(draining.desiredCount()).isZero();
    assertThat(ecs.listServices("c")).isEmpty();
    assertThatThrownBy(() -> ecs.deleteService("c", "web")).isInstanceOf(CloudException.NotFound.class);
    assertThatThrownBy(() -> ecs.updateService(spec, false)).isInstanceOf(CloudException.NotFound.class)
        .hasMessageContaining("ServiceNotFoundException");
    assertThatThrownBy(() -> ecs.createService(spec, null)).as("the name is taken while it drains")
        .isInstanceOf(CloudException.Conflict.class);
    // 15 s of draining plus the target group's 30 s deregistration delay.
    advance(44_999);
    assertThat(ecs.findService("c", "web")).isPresent();
    assertThatThrownBy(() -> cloud.ec2().deleteSecurityGroup(sg)).isInstanceOf(CloudException.InUse.class);
    advance(1);
    assertThat(ecs.findService("c", "web")).isEmpty();
    assertThatThrownBy(() -> cloud.ec2().deleteSecurityGroup(sg)).as("its network interfaces are still there")
        .isInstanceOf(CloudException.InUse.class);
    advance(20_000);
    cloud.ec2().deleteSecurityGroup(sg);
    assertThat(ecs.createService(service("web", td.arn(), 1), null).status()).as("the name is free again")
        .isEqualTo("ACTIVE");
  }

  @Test
  void updatingAServiceStartsADeploymentOnlyWhenItsTasksChange() {
    ecs.createCluster("c", false, null, TAGS);
    var td = register("f", "nginx:1");
    ServiceSpec base = service("web", td.arn(), 1);
    ecs.createService(base, null);
    advance(10_000);
    String id = find("web").deployments().get(0).id();

    Service same = ecs.updateService(base, false);
    assertThat(same.deployments()).singleElement().satisfies(d -> {
      assertThat(d.id()).isEqualTo(id);
      assertThat(d.rolloutState()).isEqualTo("COMPLETED");
    });

    Service scaled = ecs.updateService(with(base, td.arn(), 3), false);
    assertThat(scaled.deployments()).singleElement().satisfies(d -> {
      assertThat(d.id()).as("scaling is no new deployment").isEqualTo(id);
      assertThat(d.desiredCount()).isEqualTo(3);
      assertThat(d.rolloutState()).isEqualTo("IN_PROGRESS");
    });
    assertThat(scaled.desiredCount()).isEqualTo(3);
    advance(10_000);
    assertThat(find("web").runningCount()).isEqualTo(3);

    ServiceSpec three = with(base, td.arn(), 3);
    List<ServiceSpec> changes = new ArrayList<>();
    changes.add(new ServiceSpec("c", "web", td.arn(), 3, subnets.subList(0, 1), List.of(), true, List.of(), null,
        false, true, true, 100, 200, "SERVICE", TAGS));
    changes.add(new ServiceSpec("c", "web", td.arn(), 3, subnets, List.of(), false, List.of(), null, false, true,
        true, 100, 200, "SERVICE", TAGS));
    changes.add(new ServiceSpec("c", "web", td.arn(), 3, subnets, List.of(), true, List.of(), null, true, true,
        true, 100, 200, "SERVICE", TAGS));
    String sg = cloud.ec2().createSecurityGroup("svc", "svc", vpc, TAGS).id();
    changes.add(new ServiceSpec("c", "web", td.arn(), 3, subnets, List.of(sg), true, List.of(), null, false, true,
        true, 100, 200, "SERVICE", TAGS));
    var ns = cloud.serviceDiscovery().createHttpNamespace("shop", null, TAGS);
    changes.add(new ServiceSpec("c", "web", td.arn(), 3, subnets, List.of(), true, List.of(),
        new ServiceConnect(ns.arn(), "http", "web", 8080), false, true, true, 100, 200, "SERVICE", TAGS));
    var tg = loadBalanced(true);
    changes.add(new ServiceSpec("c", "web", td.arn(), 3, subnets, List.of(), true,
        List.of(new LoadBalancerAttachment(tg.arn(), "app", 8080)), null, false, true, true, 100, 200, "SERVICE",
        TAGS));
    for (ServiceSpec change : changes) {
      ecs.updateService(three, false);
      advance(600_000);
      String before = find("web").deployments().get(0).id();
      Service after = ecs.updateService(change, false);
      assertThat(after.deployments()).as(change.toString()).hasSize(2);
      assertThat(after.deployments().get(0).id()).isNotEqualTo(before);
      assertThat(after.deployments().get(1).id()).isEqualTo(before);
      assertThat(after.deployments().get(1).status()).isEqualTo("ACTIVE");
      advance(600_000);
      find("web");
    }
    ecs.updateService(three, false);
    advance(600_000);
    String before = find("web").deployments().get(0).id();
    assertThat(ecs.updateService(three, true).deployments()).as("forced").extracting(Deployment::id)
        .containsExactly(ecs.findService("c", "web").orElseThrow().deployments().get(0).id(), before);
    ServiceSpec policyOnly = new ServiceSpec("c", "web", td.arn(), 3, subnets, List.of(), true, List.of(), null,
        false, false, false, 50, 150, "NONE", Map.of());
    advance(600_000);
    assertThat(ecs.updateService(policyOnly, false).deployments()).as("deployment settings are no task change")
        .hasSize(1);
    assertThat(find("web").spec()).isEqualTo(policyOnly);
  }

  @Test
  void failedTasksComeInWavesOfTheDesiredCountAndWithoutTheCircuitBreakerNeverStop() {
    ecs.createCluster("c", false, null, TAGS);
    cloud.failDeploymentsOfImage("nginx:bad", "exit 1");
    var bad = register("f", "nginx:bad");
    ServiceSpec spec = new ServiceSpec("c", "web", bad.arn(), 4, subnets, List.of(), true, List.of(), null, false,
        false, false, 100, 200, "SERVICE", TAGS);
    ecs.createService(spec, null);
    // Each launch fails after failedTaskLaunch (compact: 30 s).
    advance(29_999);
    assertThat(ecs.stoppedTasks("c", "web")).isEmpty();
    advance(1);
    assertThat(ecs.stoppedTasks("c", "web")).hasSize(4);
    advance(29_999);
    assertThat(ecs.stoppedTasks("c", "web")).hasSize(4);
    advance(1);
    assertThat(ecs.stoppedTasks("c", "web")).hasSize(8);
    advance(3_600_000);
    Service s = find("web");
    assertThat(s.deployments().get(0).rolloutState()).isEqualTo("IN_PROGRESS");
    assertThat(ecs.stoppedTasks("c", "web")).as("the ten newest").hasSize(10).allSatisfy(t -> {
      assertThat(t.stopCode()).isEqualTo("EssentialContainerExited");
      assertThat(t.stoppedReason()).isEqualTo("exit 1");
      assertThat(t.arn()).matches("arn:aws:ecs:us-east-1:000000000000:task/c/[0-9a-f]{32}");
      assertThat(t.taskDefinitionArn()).isEqualTo(bad.arn());
    }).extracting(EcsPort.StoppedTask::arn).doesNotHaveDuplicates();
    assertThat(cloud.state.failedTasks).containsEntry(s.deployments().get(0).id(), 4 * 122);
  }

  @Test
  void theCircuitBreakersThresholdIsHalfTheDesiredCountAtLeastThreeAtMost200() {
    int[][] cases = {{1, 3}, {2, 3}, {5, 3}, {6, 3}, {7, 4}, {8, 4}, {10, 5}, {399, 200}, {400, 200}, {401, 200},
        {1000, 200}};
    for (int[] c : cases) {
      assertThat(MemEcs.failureThreshold(c[0])).as("%d tasks", c[0]).isEqualTo(c[1]);
    }
  }

  @Test
  void theCircuitBreakerFailsADeploymentOnceEnoughTasksFailedAndRollsBackToTheLastCompletedOne() {
    ecs.createCluster("c", false, null, TAGS);
    var good = register("f", "nginx:1");
    ServiceSpec spec = service("web", good.arn(), 2);
    ecs.createService(spec, null);
    advance(10_000);
    String goodId = find("web").deployments().get(0).id();
    cloud.failDeploymentsOfImage("nginx:bad", "exit 1");
    var bad = register("f", "nginx:bad");
    ecs.updateService(with(spec, bad.arn(), 2), false);
    String badId = find("web").deployments().get(0).id();
    // Two tasks, a threshold of 3: two waves of 30 s.
    advance(30_000);
    assertThat(find("web").deployments().get(0).rolloutState()).isEqualTo("IN_PROGRESS");
    assertThat(ecs.stoppedTasks("c", "web")).hasSize(2);
    advance(29_999);
    assertThat(find("web").deployments().get(0).rolloutState()).isEqualTo("IN_PROGRESS");
    advance(1);
    Service rolledBack = find("web");
    assertThat(rolledBack.spec().taskDefinitionArn()).isEqualTo(good.arn());
    assertThat(rolledBack.deployments()).containsExactly(
        new Deployment(goodId, "PRIMARY", good.arn(), 2, 2, "COMPLETED", "ECS deployment " + goodId + " completed."),
        new Deployment(badId, "ACTIVE", bad.arn(), 2, 0, "FAILED",
            "ECS deployment circuit breaker: tasks failed to start. Rolling back to " + goodId + "."));
    assertThat(rolledBack.runningCount()).isEqualTo(2);
    assertThat(ecs.stoppedTasks("c", "web")).hasSize(4);
    advance(600_000);
    assertThat(ecs.stoppedTasks("c", "web")).as("a failed deployment launches no more").hasSize(4);

    // The next deployment replaces the failed one in the list.
    var v3 = register("f", "nginx:3");
    assertThat(ecs.updateService(with(spec, v3.arn(), 2), false).deployments()).extracting(Deployment::id)
        .doesNotContain(badId).contains(goodId).hasSize(2);
  }

  @Test
  void manyTasksReachTheThresholdInOneWave() {
    ecs.createCluster("c", false, null, TAGS);
    cloud.failDeploymentsOfImage("nginx:bad", "exit 1");
    ecs.createService(service("web", register("f", "nginx:bad").arn(), 10), null);
    advance(29_999);
    assertThat(find("web").deployments().get(0).rolloutState()).isEqualTo("IN_PROGRESS");
    advance(1);
    assertThat(find("web").deployments().get(0).rolloutState()).isEqualTo("FAILED");
    assertThat(ecs.stoppedTasks("c", "web")).hasSize(10);
  }

  @Test
  void theRollbackSkipsADeploymentThatNeverCompleted() {
    ecs.createCluster("c", false, null, TAGS);
    var v1 = register("f", "nginx:1");
    ServiceSpec spec = service("web", v1.arn(), 1);
    ecs.createService(spec, null);
    advance(10_000);
    String completed = find("web").deployments().get(0).id();
    var v2 = register("f", "nginx:2");
    ecs.updateService(with(spec, v2.arn(), 1), false);
    advance(5_000);
    cloud.failDeploymentsOfImage("nginx:bad", "exit 1");
    var bad = register("f", "nginx:bad");
    ecs.updateService(with(spec, bad.arn(), 1), false);
    assertThat(find("web").deployments()).extracting(Deployment::rolloutState)
        .containsExactly("IN_PROGRESS", "IN_PROGRESS", "COMPLETED");
    advance(90_000);
    Service s = find("web");
    assertThat(s.spec().taskDefinitionArn()).isEqualTo(v1.arn());
    assertThat(s.deployments().get(0).id()).isEqualTo(completed);
  }

  @Test
  void withoutRollbackOrACompletedDeploymentTheFailedDeploymentStaysPrimary() {
    ecs.createCluster("c", false, null, TAGS);
    cloud.failDeploymentsOfImage("nginx:bad", "exit 1");
    var bad = register("f", "nginx:bad");
    ecs.createService(service("web", bad.arn(), 1), null);
    advance(89_999);
    assertThat(find("web").deployments().get(0).rolloutState()).as("one task, three waves").isEqualTo("IN_PROGRESS");
    advance(1);
    Service s = find("web");
    assertThat(s.deployments()).singleElement().satisfies(d -> {
      assertThat(d.status()).isEqualTo("PRIMARY");
      assertThat(d.rolloutState()).isEqualTo("FAILED");
      assertThat(d.rolloutStateReason()).isEqualTo("ECS deployment circuit breaker: tasks failed to start.");
      assertThat(d.runningCount()).isZero();
    });

    var good = register("g", "nginx:1");
    ServiceSpec noRollback = new ServiceSpec("c", "api", good.arn(), 1, subnets, List.of(), true, List.of(), null,
        false, true, false, 100, 200, "SERVICE", TAGS);
    ecs.createService(noRollback, null);
    advance(10_000);
    ecs.updateService(with(noRollback, bad.arn(), 1), false);
    advance(90_000);
    Service api = find("api");
    assertThat(api.spec().taskDefinitionArn()).isEqualTo(bad.arn());
    assertThat(api.deployments().get(0).rolloutState()).isEqualTo("FAILED");
    assertThat(api.deployments().get(0).status()).isEqualTo("PRIMARY");
  }

  @Test
  void underTheInstantProfileTheCircuitBreakerTripsAtOnce() {
    InMemoryCloud instant = instantCloudWithAFailingService(true);
    assertThat(instant.ecs().stoppedTasks("c", "web")).as("two waves of two tasks").hasSize(4);
    assertThat(instant.ecs().findService("c", "web").orElseThrow().deployments().get(0).rolloutState())
        .isEqualTo("FAILED");
  }

  @Test
  void stoppedTasksAreNewestFirstAcrossDeploymentsAndAtMostTen() {
    ecs.createCluster("c", false, null, TAGS);
    cloud.failDeploymentsOfImage("nginx:bad", "exit 1");
    var first = register("f", "nginx:bad-1");
    ServiceSpec spec = new ServiceSpec("c", "web", first.arn(), 3, subnets, List.of(), true, List.of(), null, false,
        false, false, 100, 200, "SERVICE", TAGS);
    ecs.createService(spec, null);
    advance(60_000);
    assertThat(ecs.stoppedTasks("c", "web")).hasSize(6);
    var second = register("f", "nginx:bad-2");
    ecs.updateService(with(spec, second.arn(), 3), false);
    advance(30_000);
    var stopped = ecs.stoppedTasks("c", "web");
    assertThat(stopped).as("the replaced deployment launches no more").hasSize(9);
    assertThat(stopped.subList(0, 3)).extracting(EcsPort.StoppedTask::taskDefinitionArn).containsOnly(second.arn());
    assertThat(stopped.subList(3, 9)).extracting(EcsPort.StoppedTask::taskDefinitionArn).containsOnly(first.arn());
    advance(30_000);
    stopped = ecs.stoppedTasks("c", "web");
    assertThat(stopped).hasSize(10);
    assertThat(stopped.subList(0, 6)).extracting(EcsPort.StoppedTask::taskDefinitionArn).containsOnly(second.arn());
    assertThat(stopped.subList(6, 10)).extracting(EcsPort.StoppedTask::taskDefinitionArn).containsOnly(first.arn());
    assertThat(stopped).extracting(EcsPort.StoppedTask::arn).doesNotHaveDuplicates();
  }

  @Test
  void healthCheckFailuresStopTasksOnlyWhereAwsChecksThem() {
    ecs.createCluster("c", false, null, TAGS);
    var tg = loadBalanced(true);
    cloud.failContainerHealthChecks("nginx:sick");
    cloud.failTargetHealthChecks("nginx:sick");
    var checked = new ContainerDefinition("app", "nginx:sick", 0, null, true,
        List.of(new PortMapping(8080, "tcp", "http", "http")), Map.of(), Map.of(), null,
        new EcsPort.HealthCheck(List.of("CMD-SHELL", "curl -f localhost"), 30, 5, 3, 0));
    var containerCheck = ecs.registerTaskDefinition(spec("checked", checked));
    ecs.createService(service("checked", containerCheck.arn(), 1), null);
    var unchecked = register("unchecked", "nginx:sick");
    ecs.createService(service("plain", unchecked.arn(), 1), null);
    ecs.createService(behind(tg, unchecked.arn(), "app", 8080), null);
    var sidecarOnly = ecs.registerTaskDefinition(spec("sidecar", container("app", "nginx:1"),
        new ContainerDefinition("x", "nginx:sick", 0, null, false, List.of(), Map.of(), Map.of(), null, null)));
    ServiceSpec side = new ServiceSpec("c", "side", sidecarOnly.arn(), 1, subnets, List.of(), true,
        List.of(new LoadBalancerAttachment(tg.arn(), "app", 8080)), null, false, true, true, 100, 200, "SERVICE",
        TAGS);
    ecs.createService(side, null);
    advance(30_000);

    assertThat(ecs.stoppedTasks("c", "checked")).singleElement().satisfies(t -> {
      assertThat(t.stopCode()).isEqualTo("ServiceSchedulerInitiated");
      assertThat(t.stoppedReason()).isEqualTo("Task failed container health checks");
    });
    assertThat(ecs.stoppedTasks("c", "plain")).as("no container check, no load balancer").isEmpty();
    assertThat(ecs.stoppedTasks("c", "web")).singleElement().satisfies(t -> {
      assertThat(t.stopCode()).isEqualTo("ServiceSchedulerInitiated");
      assertThat(t.stoppedReason()).isEqualTo("Task failed ELB health checks in (target-group " + tg.arn() + ")");
    });
    assertThat(ecs.stoppedTasks("c", "side")).as("only essential containers answer the target group").isEmpty();
    assertThat(find("plain").deployments().get(0).rolloutState()).isEqualTo("COMPLETED");
  }

  @Test
  void aLaunchFailureIsReportedAsTaskFailedToStart() {
    ecs.createCluster("c", false, null, TAGS);
    String trust = "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},"
        + "\"Action\":\"sts:AssumeRole\"}}";
    String role = cloud.iam().createRole("exec", trust, TAGS).arn();
    advance(5_000);
    var td = ecs.registerTaskDefinition(new TaskDefinitionSpec("f", "256", "512", role, null, List.of(
        new ContainerDefinition("app", "nginx", 0, null, true, List.of(), Map.of(), Map.of("A", "/missing"), null,
            null)), TAGS));
    ecs.createService(service("web", td.arn(), 1), null);
    advance(30_000);
    assertThat(ecs.stoppedTasks("c", "web")).singleElement().satisfies(t -> {
      assertThat(t.stopCode()).isEqualTo("TaskFailedToStart");
      assertThat(t.stoppedReason()).contains("invalid ssm parameters: /missing");
    });
  }

  @Test
  void aDeploymentLookedAtLongAfterItFailedCountsOnlyTheTasksThatTrippedTheBreaker() {
    ecs.createCluster("c", false, null, TAGS);
    cloud.failDeploymentsOfImage("nginx:bad", "exit 1");
    ecs.createService(service("web", register("f", "nginx:bad").arn(), 2), null);
    advance(600_000);
    assertThat(find("web").deployments().get(0).rolloutState()).isEqualTo("FAILED");
    assertThat(ecs.stoppedTasks("c", "web")).as("two waves of two tasks reach the threshold of 3").hasSize(4);
    long start = InMemoryCloud.EPOCH.toEpochMilli();
    assertThat(cloud.state.stoppedTasks.get("c/web")).extracting(MemoryState.StoredTask::stoppedAt)
        .as("each wave stops failedTaskLaunch after the one before, newest first")
        .containsExactly(start + 60_000, start + 60_000, start + 30_000, start + 30_000);
  }

  @Test
  void underTheInstantProfileWithoutTheCircuitBreakerTheFirstWavesFailAtOnce() {
    InMemoryCloud instant = instantCloudWithAFailingService(false);
    assertThat(instant.ecs().stoppedTasks("c", "web")).as("as many waves as the breaker would count").hasSize(4);
    assertThat(instant.ecs().findService("c", "web").orElseThrow().deployments().get(0).rolloutState())
        .isEqualTo("IN_PROGRESS");
  }

  @Test
  void aServiceOfNoTasksCannotFail() {
    ecs.createCluster("c", false, null, TAGS);
    cloud.failDeploymentsOfImage("nginx:bad", "exit 1");
    ecs.createService(service("web", register("f", "nginx:bad").arn(), 0), null);
    advance(600_000);
    assertThat(find("web").deployments().get(0).rolloutState()).isEqualTo("COMPLETED");
    assertThat(ecs.stoppedTasks("c", "web")).isEmpty();
  }

  @Test
  void aClusterIsBusyOnlyWithItsOwnServices() {
    ecs.createCluster("c", false, null, TAGS);
    ecs.createCluster("empty", false, null, TAGS);
    ecs.createService(service("web", register("f", "nginx:1").arn(), 1), null);
    ecs.deleteCluster("empty");
    assertThat(ecs.listClusters()).extracting(EcsPort.Cluster::name).containsExactly("c");
  }

  @Test
  void aDrainedServicesNameIsFreeWithoutAnyoneLookingFirst() {
    ecs.createCluster("c", false, null, TAGS);
    var td = register("f", "nginx:1");
    ecs.createService(service("web", td.arn(), 1), null);
    ecs.deleteService("c", "web");
    advance(15_000);
    assertThat(ecs.createService(service("web", td.arn(), 2), null).desiredCount()).isEqualTo(2);
  }

  @Test
  void listingServicesMovesTheirDeploymentsAlong() {
    ecs.createCluster("c", false, null, TAGS);
    ecs.createService(service("web", register("f", "nginx:1").arn(), 2), null);
    advance(10_000);
    assertThat(ecs.listServices("c")).singleElement().satisfies(s -> {
      assertThat(s.runningCount()).isEqualTo(2);
      assertThat(s.deployments().get(0).rolloutState()).isEqualTo("COMPLETED");
    });
  }

  @Test
  void anUpdateIsCheckedLikeACreate() {
    ecs.createCluster("c", false, null, TAGS);
    var td = register("f", "nginx:1");
    ServiceSpec spec = service("web", td.arn(), 1);
    ecs.createService(spec, null);
    assertThatThrownBy(() -> ecs.updateService(with(spec, td.arn() + "0", 1), false))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("is inactive or does not exist");
    assertThat(find("web").spec().taskDefinitionArn()).isEqualTo(td.arn());
  }

  @Test
  void onlyTheServicesOwnTargetGroupsAndRunningTasksDecideWhenItIsStable() {
    ecs.createCluster("c", false, null, TAGS);
    // Another group, first in order, with far slower health checks.
    cloud.elb().createTargetGroup("aaa", "HTTP", 8080, vpc, "ip", new ElbPort.HealthCheck("/", 60, 5, 5, 2, "200"),
        300, TAGS);
    var tg = loadBalanced(true);
    var v1 = register("f", "nginx:1");
    ecs.createService(behind(tg, v1.arn(), "app", 8080), null);
    var v2 = register("f", "nginx:2");
    ecs.updateService(behind(tg, v2.arn(), "app", 8080), false);
    // The first deployment never ran a task: nothing to deregister, so 10 s + 15 s x 3.
    advance(54_999);
    assertThat(find("web").deployments().get(0).rolloutState()).isEqualTo("IN_PROGRESS");
    advance(1);
    assertThat(find("web").deployments()).singleElement().satisfies(d ->
        assertThat(d.rolloutState()).isEqualTo("COMPLETED"));
  }
  /** An instant-latency cloud with service "web" of two tasks whose image always fails. */
  private static InMemoryCloud instantCloudWithAFailingService(boolean circuitBreaker) {
    InMemoryCloud instant = InMemoryCloud.builder().latency(Latency.instant()).build();
    instant.failDeploymentsOfImage("nginx:bad", "exit 1");
    instant.ecs().createCluster("c", false, null, TAGS);
    var bad = instant.ecs().registerTaskDefinition(spec("f", container("app", "nginx:bad")));
    String vpc = instant.ec2().defaultVpc().orElseThrow().id();
    List<String> subnets = instant.ec2().subnets(vpc).stream().map(Ec2Port.Subnet::id).limit(2).toList();
    instant.ecs().createService(new ServiceSpec("c", "web", bad.arn(), 2, subnets, List.of(), true, List.of(),
        null, false, circuitBreaker, circuitBreaker, 100, 200, "SERVICE", TAGS), null);
    return instant;
  }
}
