package io.cruddur.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.base.CruddurException;
import io.cruddur.port.CloudException;
import io.cruddur.port.Ec2Port;
import io.cruddur.port.Route53Port;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory cloud as a whole: its defaults, its builder, its call log, scripted faults and its state file. */
class InMemoryCloudTest {
  private static final Map<String, String> TAGS = Map.of("cruddur:stack", "t");

  @TempDir
  Path dir;

  /** The README's {@code Cruddur.with(InMemoryCloud.create())} works for a stack of any region. */
  @Test
  void aCloudMadeWithoutARegionFollowsTheFirstStackPlannedAgainstIt() {
    InMemoryCloud cloud = InMemoryCloud.create();
    io.cruddur.spec.Stack paris = io.cruddur.spec.Stack.builder().name("paris").region("eu-west-3")
        .repository(r -> r.name("web")).build();
    io.cruddur.Cruddur cruddur = io.cruddur.Cruddur.with(cloud);
    assertThat(cruddur.plan(paris).problems()).isEmpty();
    assertThat(cloud.region()).isEqualTo("eu-west-3");
    assertThat(cloud.ec2().subnets(cloud.ec2().defaultVpc().orElseThrow().id()))
        .extracting(Ec2Port.Subnet::availabilityZone)
        .containsExactlyInAnyOrder("eu-west-3a", "eu-west-3b", "eu-west-3c");
    assertThat(cruddur.apply(paris).succeeded()).isTrue();
    assertThat(cloud.ecr().listRepositories()).allSatisfy(r -> assertThat(r.arn()).contains(":eu-west-3:"));

    io.cruddur.spec.Stack tokyo = io.cruddur.spec.Stack.builder().name("tokyo").region("ap-northeast-1").build();
    assertThat(cruddur.plan(tokyo).problems()).as("written to, it stays where it is, and says how to get another")
        .first().satisfies(p -> assertThat(p.toString()).contains("the stack is for ap-northeast-1 but the "
            + "cloud is eu-west-3").contains("InMemoryCloud.builder().region(\"ap-northeast-1\")"));
  }

  @Test
  void aCloudBuiltForARegionStaysInIt() {
    InMemoryCloud cloud = InMemoryCloud.builder().region("us-east-1").build();
    assertThat(cloud.followRegion("eu-west-1")).isFalse();
    assertThat(cloud.region()).isEqualTo("us-east-1");
    assertThat(InMemoryCloud.create().followRegion("us-east-1")).isTrue();
  }

  @Test
  void aFreshCloudIsAccountZeroInUsEast1WithADefaultVpcOfThreeDefaultSubnets() {
    InMemoryCloud cloud = InMemoryCloud.create();
    assertThat(cloud.accountId()).isEqualTo("000000000000");
    assertThat(cloud.region()).isEqualTo("us-east-1");
    assertThat(cloud.partition()).isEqualTo("aws");
    assertThat(cloud.clock().now()).isEqualTo(InMemoryCloud.EPOCH);
    Ec2Port.Vpc vpc = cloud.ec2().defaultVpc().orElseThrow();
    assertThat(vpc.id()).matches("vpc-[0-9a-f]{17}");
    assertThat(vpc.cidr()).isEqualTo("172.31.0.0/16");
    assertThat(vpc.isDefault()).isTrue();
    List<Ec2Port.Subnet> subnets = cloud.ec2().subnets(vpc.id());
    assertThat(subnets).extracting(Ec2Port.Subnet::availabilityZone)
        .containsExactlyInAnyOrder("us-east-1a", "us-east-1b", "us-east-1c");
    assertThat(subnets).extracting(Ec2Port.Subnet::cidr)
        .containsExactlyInAnyOrder("172.31.0.0/20", "172.31.16.0/20", "172.31.32.0/20");
    assertThat(subnets).allSatisfy(s -> {
      assertThat(s.id()).matches("subnet-[0-9a-f]{17}");
      assertThat(s.vpcId()).isEqualTo(vpc.id());
      assertThat(s.defaultForAz()).isTrue();
    });
    assertThat(cloud.ec2().subnets("vpc-other")).isEmpty();
    assertThat(InMemoryCloud.create().ec2().defaultVpc().orElseThrow().id()).as("deterministic").isEqualTo(vpc.id());
  }

  @Test
  void theAccountAndRegionCanBeChosenAndShowInArnsAndZones() {
    InMemoryCloud cloud = InMemoryCloud.builder().accountId("123456789012").region("eu-west-1").build();
    assertThat(cloud.accountId()).isEqualTo("123456789012");
    assertThat(cloud.region()).isEqualTo("eu-west-1");
    assertThat(cloud.ecr().createRepository("api", false, false, TAGS).arn())
        .isEqualTo("arn:aws:ecr:eu-west-1:123456789012:repository/api");
    String vpc = cloud.ec2().defaultVpc().orElseThrow().id();
    assertThat(cloud.ec2().subnets(vpc)).extracting(Ec2Port.Subnet::availabilityZone)
        .containsExactlyInAnyOrder("eu-west-1a", "eu-west-1b", "eu-west-1c");
    assertThat(cloud.arn("ecs", "cluster/c")).isEqualTo("arn:aws:ecs:eu-west-1:123456789012:cluster/c");
  }

  @Test
  void anAccountIdIsTwelveDigits() {
    for (String bad : new String[] {"12345678901", "1234567890123", "12345678901a", ""}) {
      assertThatThrownBy(() -> InMemoryCloud.builder().accountId(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12 digits");
    }
  }

  @Test
  void everyCallIsLoggedAndTheWritesCanBeToldApart() {
    InMemoryCloud cloud = InMemoryCloud.create();
    assertThat(cloud.calls()).isEmpty();
    cloud.ecr().createRepository("api", false, false, TAGS);
    cloud.ecr().findRepository("api");
    cloud.ecs().listClusters();
    assertThat(cloud.calls()).containsExactly(new Call("ecr", "CreateRepository", "api", true),
        new Call("ecr", "DescribeRepositories", "api", false), new Call("ecs", "ListClusters", null, false));
    assertThat(cloud.writes()).containsExactly(new Call("ecr", "CreateRepository", "api", true));
    assertThat(cloud.calls().get(0)).hasToString("ecr:CreateRepository api");
    assertThat(cloud.calls().get(2)).hasToString("ecs:ListClusters");
    cloud.clearCalls();
    assertThat(cloud.calls()).isEmpty();
    assertThatThrownBy(() -> cloud.ecr().createRepository("api", false, false, TAGS))
        .isInstanceOf(CloudException.Conflict.class);
    assertThat(cloud.writes()).as("a failed call is logged too").hasSize(1);
  }

  @Test
  void seededImagesArePushedWhenTheirRepositoryIsCreatedWithoutDuplicates() {
    InMemoryCloud cloud = InMemoryCloud.builder().seedImages("api", List.of("1.0.0", "1.1.0"))
        .seedImages("api", List.of("1.1.0", "2.0.0")).build();
    assertThat(cloud.seededTags("api")).containsExactly("1.0.0", "1.1.0", "2.0.0");
    assertThat(cloud.seededTags("web")).isEmpty();
    var repo = cloud.ecr().createRepository("api", false, false, TAGS);
    assertThat(cloud.ecr().imageTags("api")).containsExactly("1.0.0", "1.1.0", "2.0.0");
    assertThat(((MemEcr) cloud.ecr()).imageCount("api")).isEqualTo(3);
    cloud.ecr().createRepository("web", false, false, TAGS);
    assertThat(cloud.ecr().imageTags("web")).isEmpty();
  }

  @Test
  void pushingAnImageNeedsItsRepositoryAndRespectsImmutableTags() {
    InMemoryCloud cloud = InMemoryCloud.create();
    assertThatThrownBy(() -> cloud.pushImage("api", "1.0.0")).isInstanceOf(CloudException.NotFound.class)
        .hasMessageContaining("RepositoryNotFoundException");
    cloud.ecr().createRepository("api", true, false, TAGS);
    cloud.pushImage("api", "1.0.0");
    assertThatThrownBy(() -> cloud.pushImage("api", "1.0.0")).isInstanceOf(CloudException.Conflict.class)
        .hasMessageContaining("ImageTagAlreadyExistsException");
    cloud.ecr().createRepository("web", false, false, TAGS);
    cloud.pushImage("web", "latest");
    cloud.pushImage("web", "latest");
    assertThat(((MemEcr) cloud.ecr()).imageCount("web")).as("a moved tag is one image")
        .isEqualTo(1);
    assertThat(cloud.writes()).extracting(Call::toString).contains("ecr:PutImage web:latest");
  }

  @Test
  void parametersKeepTheirTypeAndCountTheirVersions() {
    InMemoryCloud cloud = InMemoryCloud.create();
    cloud.putParameter("/shop/DB_URL", "SecureString");
    var p = cloud.ssm().describeParameter("/shop/DB_URL").orElseThrow();
    assertThat(p.arn()).isEqualTo("arn:aws:ssm:us-east-1:000000000000:parameter/shop/DB_URL");
    assertThat(p.type()).isEqualTo("SecureString");
    assertThat(p.version()).isEqualTo(1);
    cloud.putParameter("/shop/DB_URL", "String");
    assertThat(cloud.ssm().describeParameter(p.arn()).orElseThrow().version()).isEqualTo(2);
    assertThat(cloud.ssm().describeParameter(p.arn()).orElseThrow().type()).isEqualTo("String");
    cloud.putParameter("plain", "String");
    assertThat(cloud.ssm().describeParameter("plain").orElseThrow().arn())
        .isEqualTo("arn:aws:ssm:us-east-1:000000000000:parameter/plain");
    assertThat(cloud.ssm().describeParameter("/missing")).isEmpty();
  }

  @Test
  void delegatingNeedsExactlyOneZoneOfThatName() {
    InMemoryCloud cloud = InMemoryCloud.create();
    assertThatThrownBy(() -> cloud.delegate("example.com")).isInstanceOf(CloudException.NotFound.class)
        .hasMessageContaining("example.com.");
    assertThat(cloud.writes()).containsExactly(new Call("route53", "ChangeRegistrarNameServers", "example.com.",
        true));
    var first = cloud.route53().createHostedZone("example.com", "a", TAGS);
    cloud.delegate("Example.COM.");
    assertThat(cloud.state.delegatedZones).containsExactly(first.id());
    cloud.route53().createHostedZone("example.com", "b", TAGS);
    assertThatThrownBy(() -> cloud.delegate("example.com")).isInstanceOf(CloudException.Conflict.class)
        .hasMessageContaining("several hosted zones");
  }

  @Test
  void aDomainDelegatedByTheBuilderIsDelegatedWhenItsZoneIsCreated() {
    InMemoryCloud cloud = InMemoryCloud.builder().delegate("Shop.Example.org").build();
    assertThat(cloud.delegatedOnCreation("shop.example.org.")).isTrue();
    assertThat(cloud.delegatedOnCreation("other.org.")).isFalse();
    var zone = cloud.route53().createHostedZone("shop.example.org", "r", TAGS);
    var other = cloud.route53().createHostedZone("other.org", "o", TAGS);
    assertThat(cloud.state.delegatedZones).containsExactly(zone.id()).doesNotContain(other.id());
  }

  @Test
  void failNextFailsTheNextCallsBeforeTheyTakeEffect() {
    InMemoryCloud cloud = InMemoryCloud.create();
    cloud.faults().failNext("logs:CreateLogGroup", 2, () -> new CloudException.Throttled("slow down"));
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> cloud.logs().createLogGroup("g", TAGS)).isInstanceOf(CloudException.Throttled.class);
      assertThat(cloud.logs().findLogGroup("g")).isEmpty();
    }
    assertThat(cloud.logs().createLogGroup("g", TAGS).name()).isEqualTo("g");
    assertThat(cloud.calls()).filteredOn(c -> c.operation().equals("CreateLogGroup")).hasSize(3);
  }

  @Test
  void failAfterNextTakesEffectThenFailsAsIfTheResponseWereLost() {
    InMemoryCloud cloud = InMemoryCloud.create();
    cloud.faults().failAfterNext("logs:CreateLogGroup", () -> new CloudException.Unavailable("reset", null));
    assertThatThrownBy(() -> cloud.logs().createLogGroup("g", TAGS)).isInstanceOf(CloudException.Unavailable.class);
    assertThat(cloud.logs().findLogGroup("g")).isPresent();
    assertThatThrownBy(() -> cloud.logs().createLogGroup("g", TAGS)).isInstanceOf(CloudException.Conflict.class);
  }

  @Test
  void aScriptedDelayHoldsTheCallInRealTime() {
    InMemoryCloud cloud = InMemoryCloud.create();
    assertThatThrownBy(() -> cloud.faults().delay("x:Y", Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    cloud.faults().delay("logs:CreateLogGroup", Duration.ofMillis(60));
    long start = System.nanoTime();
    cloud.logs().createLogGroup("g", TAGS);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(60));
    assertThat(cloud.faults().delayOf("logs:CreateLogGroup")).isEqualTo(Duration.ofMillis(60));
    assertThat(cloud.faults().delayOf("logs:DeleteLogGroup")).isZero();
    cloud.faults().clear();
    assertThat(cloud.faults().delayOf("logs:CreateLogGroup")).isZero();
  }

  @Test
  void aCallInterruptedDuringAScriptedDelayFails() {
    InMemoryCloud cloud = InMemoryCloud.create();
    cloud.faults().delay("logs:CreateLogGroup", Duration.ofSeconds(5));
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> cloud.logs().createLogGroup("g", TAGS)).isInstanceOf(CloudException.class)
          .hasMessageContaining("interrupted during an injected delay of logs:CreateLogGroup");
      assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(cloud.logs().findLogGroup("g")).isEmpty();
  }

  @Test
  void aLostResponseHidesTheErrorOfACallThatFailed() {
    InMemoryCloud cloud = InMemoryCloud.create();
    cloud.logs().createLogGroup("g", TAGS);
    cloud.faults().inject(Faults.atRate(1, 1).operations("logs:CreateLogGroup").only(Faults.Fault.LOST_RESPONSE));
    assertThatThrownBy(() -> cloud.logs().createLogGroup("g", TAGS)).isInstanceOf(CloudException.Unavailable.class)
        .hasMessageContaining("injected fault: logs:CreateLogGroup")
        .satisfies(e -> assertThat(e.getSuppressed()).singleElement().isInstanceOf(CloudException.Conflict.class));
  }

  @Test
  void callsTheCloudMakesInsideAnotherAreNeverFaulted() {
    InMemoryCloud cloud = InMemoryCloud.builder().seedImages("api", List.of("1")).build();
    cloud.faults().inject(Faults.atRate(1, 1).operations("ecr:PutImage"));
    cloud.ecr().createRepository("api", false, false, TAGS);
    assertThat(cloud.ecr().imageTags("api")).containsExactly("1");
    assertThat(cloud.faults().injectedCalls()).isEmpty();
    assertThatThrownBy(() -> cloud.pushImage("api", "2")).isInstanceOf(CloudException.class)
        .hasMessageContaining("injected fault: ecr:PutImage");
  }

  @Test
  void idsComeFromTheResourcesKeyAndHowOftenItWasUsed() {
    InMemoryCloud a = InMemoryCloud.create();
    InMemoryCloud b = InMemoryCloud.create();
    String first = a.nextId("sg", "vpc/web", 17);
    assertThat(first).hasSize(17).matches("[0-9a-f]+");
    assertThat(a.nextId("sg", "vpc/web", 17)).as("the key's second use").isNotEqualTo(first);
    assertThat(b.nextId("sg", "vpc/web", 17)).as("another cloud, the same first use").isEqualTo(first);
    assertThat(b.nextId("sg", "vpc/api", 17)).isNotEqualTo(first);
    assertThat(InMemoryCloud.digest("x", 8)).isEqualTo(InMemoryCloud.digest("x", 32).substring(0, 8));
    assertThat(InMemoryCloud.digest("x", 64)).isEqualTo(
        "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881");
  }

  @Test
  void tagsAreCopiedAndNullMeansNone() {
    assertThat(InMemoryCloud.copy(null)).isEmpty();
    Map<String, String> tags = new java.util.HashMap<>(Map.of("a", "1"));
    Map<String, String> copy = InMemoryCloud.copy(tags);
    tags.put("b", "2");
    assertThat(copy).containsExactly(Map.entry("a", "1"));
    assertThat(InMemoryCloud.first(List.of(1, 2, 3), n -> n > 1)).contains(2);
    assertThat(InMemoryCloud.first(List.of(1), n -> n > 1)).isEmpty();
  }

  @Test
  void theStateFileIsWrittenAfterEveryWriteAndKeepsItsOwnAccountAndClock() throws Exception {
    Path file = dir.resolve("state.json");
    InMemoryCloud first = InMemoryCloud.builder().accountId("123456789012").region("eu-west-1").stateFile(file)
        .build();
    assertThat(file).exists();
    first.ecr().createRepository("api", false, false, TAGS);
    assertThat(Files.readString(file)).contains("\"api\"");
    first.clock().advance(Duration.ofMinutes(3));
    first.ecr().listRepositories();
    InMemoryCloud second = InMemoryCloud.builder().stateFile(file).build();
    assertThat(second.accountId()).isEqualTo("123456789012");
    assertThat(second.region()).isEqualTo("eu-west-1");
    assertThat(second.clock().now()).as("a read after time passed is persisted too")
        .isEqualTo(InMemoryCloud.EPOCH.plus(Duration.ofMinutes(3)));
    assertThat(second.ecr().findRepository("api")).isPresent();
  }

  @Test
  void readsWithoutTimePassingDoNotRewriteTheStateFile() throws Exception {
    Path file = dir.resolve("state.json");
    InMemoryCloud cloud = InMemoryCloud.builder().stateFile(file).build();
    cloud.ecr().createRepository("api", false, false, TAGS);
    Files.writeString(file, "{\"accountId\":\"999999999999\"}");
    cloud.ecr().listRepositories();
    assertThat(Files.readString(file)).isEqualTo("{\"accountId\":\"999999999999\"}");
    cloud.clock().advance(Duration.ofSeconds(1));
    cloud.ecr().listRepositories();
    assertThat(Files.readString(file)).contains("\"api\"");
  }

  @Test
  void anUnreadableStateFileIsAnErrorNamingTheFile() throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{ not json");
    assertThatThrownBy(() -> InMemoryCloud.builder().stateFile(file).build())
        .isInstanceOf(CruddurException.class).hasMessageContaining("cannot read the in-memory cloud state")
        .hasMessageContaining(file.toString());
  }

  @Test
  void anUnwritableStateFileIsAnError() throws Exception {
    Path blocker = dir.resolve("blocker");
    Files.writeString(blocker, "a file, not a directory");
    assertThatThrownBy(() -> InMemoryCloud.builder().stateFile(blocker.resolve("state.json")).build())
        .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("cannot write the in-memory cloud");
  }

  @Test
  void scriptedImageFailuresStopTasksWithTheirReason() {
    InMemoryCloud cloud = InMemoryCloud.builder().latency(Latency.instant()).build();
    cloud.failDeploymentsOfImage("nginx:broken", "Essential container in task exited");
    var cluster = cloud.ecs().createCluster("c", false, null, TAGS);
    var td = cloud.ecs().registerTaskDefinition(new io.cruddur.port.EcsPort.TaskDefinitionSpec("f", "256", "512",
        null, null, List.of(new io.cruddur.port.EcsPort.ContainerDefinition("app", "nginx:broken", 0, null, true,
            List.of(), Map.of(), Map.of(), null, null)), TAGS));
    String vpc = cloud.ec2().defaultVpc().orElseThrow().id();
    List<String> subnets = cloud.ec2().subnets(vpc).stream().map(Ec2Port.Subnet::id).toList();
    cloud.ecs().createService(new io.cruddur.port.EcsPort.ServiceSpec(cluster.name(), "web", td.arn(), 1, subnets,
        List.of(), false, List.of(), null, false, true, false, 100, 200, "NONE", TAGS), null);
    var stopped = cloud.ecs().stoppedTasks("c", "web");
    assertThat(stopped).as("the circuit breaker's threshold for one task: 3 failed tasks").hasSize(3)
        .allSatisfy(t -> {
          assertThat(t.stopCode()).isEqualTo("EssentialContainerExited");
          assertThat(t.stoppedReason()).isEqualTo("Essential container in task exited");
        });
    assertThat(cloud.ecs().findService("c", "web").orElseThrow().deployments().get(0).rolloutState())
        .isEqualTo("FAILED");
  }

  @Test
  void aRecordInANonDelegatedZoneDoesNotResolve() {
    InMemoryCloud cloud = InMemoryCloud.create();
    var zone = cloud.route53().createHostedZone("example.com", "r", TAGS);
    upsert(cloud, zone, "_x.example.com", "CNAME", List.of("v."));
    MemRoute53 dns = (MemRoute53) cloud.route53();
    assertThat(dns.resolvesCname("_x.example.com", "v.")).isFalse();
    cloud.clock().advance(cloud.settings.recordPropagation());
    assertThat(dns.resolvesCname("_x.example.com", "v.")).as("INSYNC, but not delegated").isFalse();
    cloud.delegate("example.com");
    assertThat(dns.resolvesCname("_x.example.com", "v.")).isTrue();
    assertThat(dns.resolvesCname("_x.example.com.", "w.")).isFalse();
    assertThat(dns.resolvesCname("_y.example.com", "v.")).isFalse();
  }

  @Test
  void aChangeResolvesOnlyOnceItIsInSync() {
    InMemoryCloud cloud = InMemoryCloud.builder().latency(Latency.realistic()).delegate("example.com").build();
    var zone = cloud.route53().createHostedZone("example.com", "r", TAGS);
    upsert(cloud, zone, "_x.example.com", "CNAME", List.of("v."));
    MemRoute53 dns = (MemRoute53) cloud.route53();
    cloud.clock().advance(Duration.ofSeconds(29));
    assertThat(dns.resolvesCname("_x.example.com", "v.")).as("PENDING after 29 s").isFalse();
    cloud.clock().advance(Duration.ofSeconds(1));
    assertThat(dns.resolvesCname("_x.example.com", "v.")).as("INSYNC after 30 s").isTrue();
    upsert(cloud, zone, "_x.example.com", "CNAME", List.of("w."));
    assertThat(dns.resolvesCname("_x.example.com", "w.")).as("a new value propagates too").isFalse();
    cloud.clock().advance(Duration.ofSeconds(30));
    assertThat(dns.resolvesCname("_x.example.com", "w.")).isTrue();
    assertThat(dns.resolvesCname("_x.example.com", "v.")).isFalse();
  }

  @Test
  void aSubdomainZoneIsDelegatedByNsRecordsInItsDelegatedParent() {
    InMemoryCloud cloud = InMemoryCloud.builder().latency(Latency.instant()).delegate("example.com").build();
    var parent = cloud.route53().createHostedZone("example.com", "p", TAGS);
    var child = cloud.route53().createHostedZone("api.example.com", "c", TAGS);
    upsert(cloud, child, "_x.api.example.com", "CNAME", List.of("v."));
    MemRoute53 dns = (MemRoute53) cloud.route53();
    assertThat(dns.resolvesCname("_x.api.example.com", "v.")).as("the parent answers and has no such record")
        .isFalse();
    upsert(cloud, parent, "api.example.com", "NS", List.of("ns-1.elsewhere.net."));
    assertThat(dns.resolvesCname("_x.api.example.com", "v.")).as("NS records naming other servers").isFalse();
    upsert(cloud, parent, "api.example.com", "NS", child.nameServers());
    assertThat(dns.resolvesCname("_x.api.example.com", "v.")).as("delegated to the child's servers").isTrue();
    upsert(cloud, parent, "_x.api.example.com", "CNAME", List.of("v."));
    cloud.route53().changeRecords(child.id(), List.of(Route53Port.Change.delete(new Route53Port.RecordSet(
        "_x.api.example.com", "CNAME", 300L, List.of("v."), null))));
    assertThat(dns.resolvesCname("_x.api.example.com", "v.")).as("the most specific zone answers, not the parent")
        .isFalse();
  }

  @Test
  void theCircuitBreakerThresholdIsHalfTheDesiredCountBetween3And200() {
    assertThat(List.of(1, 2, 6, 7, 10, 399, 400, 401, 1000).stream().map(MemEcs::failureThreshold))
        .containsExactly(3, 3, 3, 4, 5, 200, 200, 200, 200);
  }

  @Test
  void aFailingDeploymentFailsOnceItsFailedTasksReachTheThreshold() {
    InMemoryCloud cloud = InMemoryCloud.create();   // compact: a failed launch takes 30 s
    cloud.failDeploymentsOfImage("nginx:broken", "Essential container in task exited");
    var cluster = cloud.ecs().createCluster("c", false, null, TAGS);
    var td = cloud.ecs().registerTaskDefinition(new io.cruddur.port.EcsPort.TaskDefinitionSpec("f", "256", "512",
        null, null, List.of(new io.cruddur.port.EcsPort.ContainerDefinition("app", "nginx:broken", 0, null, true,
            List.of(), Map.of(), Map.of(), null, null)), TAGS));
    String vpc = cloud.ec2().defaultVpc().orElseThrow().id();
    List<String> subnets = cloud.ec2().subnets(vpc).stream().map(Ec2Port.Subnet::id).toList();
    for (var svc : List.of(Map.entry("one", 1), Map.entry("four", 4))) {
      cloud.ecs().createService(new io.cruddur.port.EcsPort.ServiceSpec(cluster.name(), svc.getKey(), td.arn(),
          svc.getValue(), subnets, List.of(), false, List.of(), null, false, true, false, 100, 200, "NONE", TAGS),
          null);
    }
    cloud.clock().advance(Duration.ofSeconds(30));
    assertThat(cloud.ecs().stoppedTasks("c", "four")).as("4 tasks launched, 4 failed >= 3").hasSize(4);
    assertThat(rollout(cloud, "four")).isEqualTo("FAILED");
    assertThat(cloud.ecs().stoppedTasks("c", "one")).hasSize(1);
    assertThat(rollout(cloud, "one")).isEqualTo("IN_PROGRESS");
    cloud.clock().advance(Duration.ofSeconds(59));
    assertThat(cloud.ecs().stoppedTasks("c", "one")).hasSize(2);
    assertThat(rollout(cloud, "one")).as("2 of 3 failed tasks").isEqualTo("IN_PROGRESS");
    cloud.clock().advance(Duration.ofSeconds(1));
    assertThat(cloud.ecs().stoppedTasks("c", "one")).hasSize(3);
    assertThat(rollout(cloud, "one")).isEqualTo("FAILED");
    cloud.clock().advance(Duration.ofSeconds(300));
    assertThat(cloud.ecs().stoppedTasks("c", "one")).as("a failed deployment launches no more tasks").hasSize(3);
  }

  private static String rollout(InMemoryCloud cloud, String service) {
    return cloud.ecs().findService("c", service).orElseThrow().deployments().get(0).rolloutState();
  }

  @Test
  void aDefinedPolicyCanBeAttachedAndAnUndefinedOneCannot() {
    InMemoryCloud cloud = InMemoryCloud.create();
    cloud.iam().createRole("exec", "{}", TAGS);
    String arn = "arn:aws:iam::000000000000:policy/read-db-url";
    assertThatThrownBy(() -> cloud.iam().attachRolePolicy("exec", arn)).isInstanceOf(CloudException.NotFound.class);
    cloud.definePolicy(arn, "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ssm:GetParameters\","
        + "\"Resource\":\"*\"}}");
    cloud.iam().attachRolePolicy("EXEC", arn);
    assertThat(cloud.iam().attachedPolicies("exec")).containsExactly(arn);
    assertThatThrownBy(() -> cloud.definePolicy("arn:aws:s3:::bucket", "{}")).isInstanceOf(CloudException.Invalid.class);
    assertThatThrownBy(() -> cloud.definePolicy(arn, "{not json")).isInstanceOf(CloudException.Invalid.class)
        .hasMessageContaining("MalformedPolicyDocument");
  }

  @Test
  void scriptedFailuresAreKeptInTheStateFile() {
    Path file = dir.resolve("scripted.json");
    InMemoryCloud first = InMemoryCloud.builder().stateFile(file).build();
    first.failDeploymentsOfImage("api:2", "exit 1");
    first.failContainerHealthChecks("api:3");
    first.failTargetHealthChecks("api:4");
    InMemoryCloud second = InMemoryCloud.builder().stateFile(file).build();
    assertThat(second.state.failingImages).containsExactly(Map.entry("api:2", "exit 1"));
    assertThat(second.state.failingContainerHealth).containsExactly("api:3");
    assertThat(second.state.failingTargetHealth).containsExactly("api:4");
  }

  @Test
  void aCallInterruptedDuringInjectedLatencyFailsAndKeepsTheInterrupt() throws Exception {
    InMemoryCloud cloud = InMemoryCloud.create();
    cloud.faults().inject(Faults.atRate(0, 1).operations("logs:CreateLogGroup").latency(Duration.ofSeconds(30)));
    // Work that entered the clock elsewhere keeps it from jumping, so the call really waits on it.
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    Thread busy = new Thread(() -> {
      cloud.clock().enter();
      entered.countDown();
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        cloud.clock().leave();
      }
    });
    busy.start();
    entered.await();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> cloud.logs().createLogGroup("g", TAGS)).isInstanceOf(CloudException.class)
          .hasMessage("interrupted during an injected latency of logs:CreateLogGroup");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
      done.countDown();
      busy.join(5_000);
    }
    assertThat(cloud.logs().findLogGroup("g")).isEmpty();
    assertThat(cloud.clock().now()).isEqualTo(InMemoryCloud.EPOCH);
  }
  private static void upsert(InMemoryCloud cloud, Route53Port.HostedZone zone, String name, String type,
      List<String> values) {
    cloud.route53().changeRecords(zone.id(), List.of(Route53Port.Change.upsert(
        new Route53Port.RecordSet(name, type, 300L, values, null))));
  }
}
