package io.cruddur.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cruddur.CloudView;
import io.cruddur.Cruddur;
import io.cruddur.Golden;
import io.cruddur.plan.PlanRefusedException;
import io.cruddur.TestStacks;
import io.cruddur.apply.Outcome;
import io.cruddur.memory.Call;
import io.cruddur.port.CloudException;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.spec.Stack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private final InMemoryCloud cloud = TestStacks.cloud();
  private final Cruddur cruddur = Cruddur.with(cloud);

  private void applied(Stack stack) {
    PlanChecks.applied(cruddur, stack);
  }

  private static List<String> work(Plan plan) {
    return PlanChecks.work(plan);
  }

  /** Route 53 tags a zone only after creating it: a run that died in between left an untagged zone of its own. */
  /** Rule priorities by host, read from the cloud's HTTPS listener. */
  private Map<String, Integer> priorities() {
    var lb = cloud.elb().listLoadBalancers().get(0);
    var https = cloud.elb().listeners(lb.arn()).stream().filter(l -> l.port() == 443).findFirst().orElseThrow();
    Map<String, Integer> byHost = new java.util.TreeMap<>();
    cloud.elb().rules(https.arn()).stream().filter(r -> r.priority() > 0)
        .forEach(r -> byHost.put(String.join(",", r.hosts()) + String.join(",", r.paths()), r.priority()));
    return byHost;
  }

  @Test
  void routesAddedOrRemovedBetweenRunsNeverRenumberTheOthersNorCollide() {
    applied(TestStacks.shop());
    Map<String, Integer> before = priorities();
    assertThat(before).hasSize(2);
    Stack more = TestStacks.shop().toBuilder()
        .addService(s -> s.name("admin").image(io.cruddur.spec.Image.ecr("web", "1.0.0")).port(8081)
            .route(r -> r.host("admin.shop.example.org")))
        .addService(s -> s.name("docs").image(io.cruddur.spec.Image.ecr("web", "1.0.0")).port(8082)
            .route(r -> r.host("api.shop.example.org").addPathPattern("/docs/*")))
        .build();
    applied(more);
    Map<String, Integer> after = priorities();
    assertThat(after).hasSize(4).containsAllEntriesOf(before);
    assertThat(new java.util.HashSet<>(after.values())).as("no two rules share a priority").hasSize(4);
    assertThat(after.get("api.shop.example.org/docs/*")).as("host and path come before host alone")
        .isLessThan(after.get("api.shop.example.org"));
    applied(TestStacks.shop());
    assertThat(priorities()).as("removing routes leaves the others as they were").isEqualTo(before);
    assertThat(cruddur.plan(TestStacks.shop()).work()).isEmpty();
  }

  @Test
  void aZoneWhoseTagsADeadRunNeverWroteIsStillTheStacksByItsCallerReference() {
    InMemoryCloud cloud = TestStacks.cloud();
    cloud.route53().createHostedZone("shop.example.org", "cruddur-shop-0123456789abcdef01234567", Map.of());
    Plan plan = Cruddur.with(cloud).plan(TestStacks.shop());
    assertThat(plan.problems()).isEmpty();
    assertThat(plan.steps()).filteredOn(st -> st.id().toString().equals("route53.hosted-zone shop.example.org"))
        .singleElement().satisfies(st -> assertThat(st.action()).isEqualTo(Action.NOOP));

    InMemoryCloud other = TestStacks.cloud();
    other.route53().createHostedZone("shop.example.org", "cruddur-shopping-0123456789abcdef01234567", Map.of());
    assertThat(Cruddur.with(other).plan(TestStacks.shop()).problems()).extracting(Object::toString)
        .anyMatch(p -> p.startsWith("route53.hosted-zone shop.example.org: exists and is not owned by stack shop"));
  }

  @Test
  void theSecureDefaultsPlanWithoutASecurityWarningAndEachOptOutIsSaid() {
    InMemoryCloud cloud = TestStacks.cloud();
    Cruddur cruddur = Cruddur.with(cloud);
    assertThat(cruddur.plan(TestStacks.shop()).warnings()).noneMatch(w -> w.startsWith("loadBalancer")
        || w.contains("reachable other than") || w.contains("grants far more"));
    Stack optedOut = TestStacks.shop().toBuilder()
        .loadBalancer(lb -> lb.name("shop-alb").defaultService("web").redirectHttpToHttps(false))
        .securityGroup(g -> g.name("debug").ingress(i -> i.port(8080).cidr("0.0.0.0/0")))
        .services(List.of(io.cruddur.spec.Service.builder().from(TestStacks.shop().service("api").orElseThrow())
            .addSecurityGroup("debug").build(), TestStacks.shop().service("web").orElseThrow()))
        .taskRole(io.cruddur.spec.Role.builder().name("shop-task-role")
            .addManagedPolicyArn("arn:aws:iam::aws:policy/AmazonS3FullAccess").build())
        .build();
    assertThat(cruddur.plan(optedOut).warnings()).contains(
        "loadBalancer.redirectHttpToHttps: false: port 80 forwards plain HTTP to the services instead of "
            + "redirecting to HTTPS",
        "services[api].securityGroups: group debug accepts 0.0.0.0/0 on port 8080, so the service is reachable "
            + "other than through the load balancer",
        "taskRole.managedPolicyArns: arn:aws:iam::aws:policy/AmazonS3FullAccess grants far more than the tasks "
            + "need; prefer an inline policy scoped to their resources");
  }

  @Test
  void planOnAnEmptyCloudCreatesEverythingAndMatchesTheGoldenFile() {
    InMemoryCloud cloud = InMemoryCloud.create();
    Plan plan = Cruddur.with(cloud).plan(TestStacks.shop());
    assertThat(plan.count(Action.CREATE)).isEqualTo(plan.steps().size() - plan.count(Action.WAIT));
    assertThat(cloud.writes()).as("planning never writes").isEmpty();
    Golden.assertMatches("shop-create.txt", plan.toText());
    Golden.assertMatches("shop-create.json", plan.toJson() + "\n");
  }

  /** Regression: several resource types listed the same things again (196 reads for a no-op plan on moto). */
  @Test
  void eachReadIsMadeOncePerPlan() {
    applied(TestStacks.shop());
    cloud.clearCalls();
    cruddur.plan(TestStacks.shop());
    var reads = cloud.calls();
    assertThat(reads).isNotEmpty().allMatch(c -> !c.write());
    assertThat(reads).doesNotHaveDuplicates();
  }

  /** Issue 11: a plan with nothing to do finds each declared resource in the listing of its kind. */
  @Test
  void aNoOpPlanMakesAtMostOneReadPerResourcePlusFive() {
    applied(TestStacks.shop());
    cloud.clearCalls();
    Plan plan = cruddur.plan(TestStacks.shop());
    long resources = plan.steps().stream().filter(s -> s.action() != Action.WAIT).count();
    assertThat(plan.isEmpty()).isTrue();
    assertThat(cloud.calls()).as(cloud.calls().toString()).hasSizeLessThanOrEqualTo((int) resources + 5);
  }

  /**
   * Planning lists the kinds on several threads: here the listing of repositories and that of log groups wait for
   * each other, which they could not do one after the other.
   */
  @Test
  void aPlanListsWhatTheStackOwnsKindByKindInParallel() {
    applied(TestStacks.shop());
    java.util.concurrent.CyclicBarrier meet = new java.util.concurrent.CyclicBarrier(2);
    java.util.concurrent.atomic.AtomicBoolean met = new java.util.concurrent.atomic.AtomicBoolean();
    Runnable rendezvous = () -> {
      try {
        meet.await(20, java.util.concurrent.TimeUnit.SECONDS);
        met.set(true);
      } catch (Exception e) {
        // the other listing never came: no parallelism
      }
    };
    var ports = cloud.ports();
    var view = new io.cruddur.port.Ports(meeting(io.cruddur.port.EcrPort.class, ports.ecr(), "listRepositories",
        rendezvous), meeting(io.cruddur.port.LogsPort.class, ports.logs(), "listLogGroups", rendezvous), ports.ecs(),
        ports.serviceDiscovery(), ports.iam(), ports.ec2(), ports.elb(), ports.route53(), ports.acm(), ports.ssm(),
        ports.autoScaling());
    Plan plan = new Planner(new CloudView(cloud, cloud.clock(), view, "Meeting")).plan(TestStacks.shop());
    assertThat(met).as("the two listings were made at the same time").isTrue();
    assertThat(plan.toText()).isEqualTo(cruddur.plan(TestStacks.shop()).toText());
  }

  /**
   * Regression: a read retried after throttling pauses on the cloud's clock while other planning threads wait for
   * it; the read threads once entered the clock as work, so a virtual clock never ended the pause (the plan hung).
   */
  @Test
  @org.junit.jupiter.api.Timeout(120)
  void aReadRetriedOnTheVirtualClockWhileOtherThreadsWaitForItEnds() {
    applied(TestStacks.shop());
    cloud.faults().failNext("iam:GetAccountAuthorizationDetails", 2, () -> new CloudException.Throttled("slow down"));
    cloud.faults().failNext("elbv2:DescribeLoadBalancers", 2, () -> new CloudException.Throttled("slow down"));
    assertThat(cruddur.plan(TestStacks.shop()).isEmpty()).isTrue();
  }

  /** {@code port}, whose {@code method} first runs {@code before}. */
  private static <T> T meeting(Class<T> type, T port, String method, Runnable before) {
    return type.cast(java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (proxy, m, args) -> {
          if (m.getName().equals(method)) {
            before.run();
          }
          try {
            return m.invoke(port, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        }));
  }

  /**
   * The checks of images and secrets are about the services a plan deploys: a parameter deleted under a service
   * that the plan leaves alone is no problem of that plan (and no read), and is one as soon as the plan deploys it.
   */
  @Test
  void aSecretDeletedUnderAServiceThePlanLeavesAloneIsNoProblemUntilThePlanDeploysIt() {
    applied(TestStacks.shop());
    cloud.ssm().deleteParameter("/shop/api/DB_URL");
    cloud.clearCalls();
    Plan plan = cruddur.plan(TestStacks.shop());
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.problems()).isEmpty();
    assertThat(cloud.calls()).extracting(Call::operation).doesNotContain("DescribeParameters", "ListImages");
    cloud.pushImage("api", "1.1.0");
    cloud.pushImage("web", "1.1.0");
    assertThat(cruddur.plan(TestStacks.shop("1.1.0", 1)).problems()).extracting(Object::toString)
        .singleElement().asString().startsWith("services[api].secrets[DB_URL]: SSM parameter /shop/api/DB_URL does "
            + "not exist");
  }

  @Test
  void planJsonHasTheSummaryAtTheTopLevel() throws Exception {
    JsonNode json = new ObjectMapper().readTree(cruddur.plan(TestStacks.shop()).toJson());
    assertThat(json.get("summary").get("create").asInt()).isGreaterThan(20);
    assertThat(json.get("summary").get("update").asInt()).isZero();
    assertThat(json.get("summary").get("noop").asInt()).isZero();
    assertThat(json.get("steps").get(0).get("action").asText()).isEqualTo("create");
  }

  @Test
  void afterApplyThePlanIsEmptyAndApplyingItWritesNothing() {
    applied(TestStacks.shop());
    cloud.clearCalls();
    Plan plan = cruddur.plan(TestStacks.shop());
    assertThat(plan.summary()).containsEntry("create", 0L).containsEntry("update", 0L).containsEntry("replace", 0L)
        .containsEntry("delete", 0L);
    assertThat(plan.work()).isEmpty();
    assertThat(cruddur.apply(plan).succeeded()).isTrue();
    assertThat(cloud.writes()).isEmpty();
  }

  @Test
  void newImageTagRegistersARevisionAndUpdatesOnlyTheServices() {
    applied(TestStacks.shop());
    Plan plan = cruddur.plan(TestStacks.shop("1.1.0", 1));
    assertThat(work(plan)).containsExactly("~ ecs.task-definition api", "~ ecs.task-definition web",
        "~ ecs.service shop/api", "~ ecs.service shop/web");
    Golden.assertMatches("shop-new-image.txt", plan.toText());
    applied(TestStacks.shop("1.1.0", 1));
    assertThat(cloud.ecs().findService("shop", "api").orElseThrow().spec().taskDefinitionArn()).endsWith("api:2");
    assertThat(cruddur.plan(TestStacks.shop("1.1.0", 1)).work()).isEmpty();
  }

  @Test
  void anImageChangedOutsideCruddurShowsUpAsDrift() {
    applied(TestStacks.shop());
    var current = cloud.ecs().latestTaskDefinition("api").orElseThrow().spec();
    var container = current.containers().get(0);
    var hotfix = new io.cruddur.port.EcsPort.ContainerDefinition(container.name(), container.image()
        .replace(":1.0.0", ":hotfix"), container.cpu(), container.memoryReservation(), container.essential(),
        container.portMappings(), container.environment(), container.secrets(), container.logConfiguration(),
        container.healthCheck());
    var containers = new java.util.ArrayList<>(current.containers());
    containers.set(0, hotfix);
    var registered = cloud.ecs().registerTaskDefinition(new io.cruddur.port.EcsPort.TaskDefinitionSpec(
        current.family(), current.cpu(), current.memory(), current.executionRoleArn(), current.taskRoleArn(),
        containers, current.tags()));
    var svc = cloud.ecs().findService("shop", "api").orElseThrow().spec();
    cloud.ecs().updateService(new io.cruddur.port.EcsPort.ServiceSpec(svc.cluster(), svc.name(), registered.arn(),
        svc.desiredCount(), svc.subnets(), svc.securityGroups(), svc.assignPublicIp(), svc.loadBalancers(),
        svc.serviceConnect(), svc.enableExecuteCommand(), svc.circuitBreaker(), svc.rollback(),
        svc.minHealthyPercent(), svc.maxPercent(), svc.propagateTags(), svc.tags()), false);
    Plan plan = cruddur.plan(TestStacks.shop());
    assertThat(work(plan)).containsExactly("~ ecs.task-definition api", "~ ecs.service shop/api");
    assertThat(plan.work().get(0).changes()).singleElement().satisfies(c -> {
      assertThat(c.property()).isEqualTo("containers[api].image");
      assertThat(c.before().toString()).endsWith("api:hotfix");
      assertThat(c.after().toString()).endsWith("api:1.0.0");
    });
  }

  @Test
  void scaleToZeroAndBackTouchesOnlyTheDesiredCount() {
    applied(TestStacks.shop());
    Plan zero = cruddur.plan(TestStacks.shop("1.0.0", 0));
    assertThat(work(zero)).containsExactly("~ ecs.service shop/api");
    assertThat(zero.work().get(0).changes()).containsExactly(new Change("desiredCount", 1, 0));
    applied(TestStacks.shop("1.0.0", 0));
    assertThat(cloud.ecs().findService("shop", "api").orElseThrow().runningCount()).isZero();
    applied(TestStacks.shop("1.0.0", 2));
    assertThat(cloud.ecs().findService("shop", "api").orElseThrow().runningCount()).isEqualTo(2);
  }

  @Test
  void removingAServiceDeletesWhatOnlyItUsedAfterItsUsersAreGone() {
    applied(TestStacks.shop());
    Stack withoutApi = TestStacks.shop().toBuilder()
        .services(List.of(TestStacks.shop().service("web").orElseThrow())).build();
    Plan plan = cruddur.plan(withoutApi);
    assertThat(work(plan)).contains("- ecs.service shop/api", "- ecs.task-definition api",
        "- route53.record api.shop.example.org. A")
        .anyMatch(s -> s.startsWith("- elb.listener-rule shop-alb:443 priority "))
        .anyMatch(s -> s.startsWith("- elb.target-group shop-api-"))
        .anyMatch(s -> s.startsWith("- ec2.ingress shop-srv-sg tcp:8080"))
        .as("the web rule keeps its priority").noneMatch(s -> s.contains("listener-rule") && s.startsWith("~"))
        .as("the execution role no longer needs the api secret").contains(
            "~ iam.role-policy shop-execution-role/cruddur-execution");
    String rule = plan.work().stream().filter(s -> s.resource().type().equals("elb.listener-rule"))
        .findFirst().orElseThrow().id();
    Step tg = plan.steps().stream().filter(s -> s.resource().type().equals("elb.target-group")
        && s.action() == Action.DELETE).findFirst().orElseThrow();
    assertThat(tg.dependsOn()).extracting(Object::toString).contains(rule, "ecs.service shop/api");
    applied(withoutApi);
    assertThat(cruddur.plan(withoutApi).work()).isEmpty();
    assertThat(cloud.ecs().findService("shop", "api")).isEmpty();
  }

  private static Stack scaled(int min, int max, int cpu) {
    Stack shop = TestStacks.shop();
    return shop.toBuilder().services(List.of(io.cruddur.spec.Service.builder()
        .from(shop.service("api").orElseThrow()).autoScaling(min, max, cpu).build(),
        shop.service("web").orElseThrow())).build();
  }

  @Test
  void autoScalingAddsATargetAndACpuPolicyAfterTheServiceAndOwnsTheCountFromThenOn() {
    applied(TestStacks.shop());
    Plan plan = cruddur.plan(scaled(1, 4, 60));
    assertThat(work(plan)).containsExactly("+ applicationautoscaling.scalable-target service/shop/api",
        "+ applicationautoscaling.scaling-policy service/shop/api cruddur-shop-api-cpu");
    Step policy = plan.work().stream().filter(s -> s.resource().type().endsWith("scaling-policy")).findFirst()
        .orElseThrow();
    assertThat(policy.dependsOn()).extracting(Object::toString)
        .containsExactly("applicationautoscaling.scalable-target service/shop/api");
    assertThat(plan.toText()).contains("predefinedMetric: \"ECSServiceAverageCPUUtilization\"")
        .contains("targetValue: 60.0").contains("maxCapacity: 4").contains("resourceId: \"service/shop/api\"");
    applied(scaled(1, 4, 60));
    assertThat(cloud.autoScaling().findScalableTarget("ecs", "service/shop/api", "ecs:service:DesiredCount"))
        .hasValueSatisfying(t -> assertThat(t.maxCapacity()).isEqualTo(4));
    assertThat(cloud.autoScaling().listScalingPolicies("ecs", "service/shop/api", "ecs:service:DesiredCount"))
        .singleElement().satisfies(p -> assertThat(p.targetTracking().targetValue()).isEqualTo(60.0));

    // The scaler sets the count; the spec's desiredCount is only where the service starts.
    var api = cloud.ecs().findService("shop", "api").orElseThrow().spec();
    cloud.ecs().updateService(new io.cruddur.port.EcsPort.ServiceSpec(api.cluster(), api.name(),
        api.taskDefinitionArn(), 3, api.subnets(), api.securityGroups(), api.assignPublicIp(), api.loadBalancers(),
        api.serviceConnect(), api.enableExecuteCommand(), api.circuitBreaker(), api.rollback(),
        api.minHealthyPercent(), api.maxPercent(), api.propagateTags(), api.tags()), false);
    cloud.clock().advance(java.time.Duration.ofMinutes(1));
    assertThat(cloud.ecs().findService("shop", "api").orElseThrow().runningCount()).isEqualTo(3);
    assertThat(cruddur.plan(scaled(1, 4, 60)).work()).as("a count set by auto scaling is not drift").isEmpty();

    assertThat(work(cruddur.plan(scaled(1, 6, 70)))).containsExactly(
        "~ applicationautoscaling.scalable-target service/shop/api",
        "~ applicationautoscaling.scaling-policy service/shop/api cruddur-shop-api-cpu");
    applied(scaled(1, 6, 70));
    assertThat(cruddur.plan(scaled(1, 6, 70)).work()).isEmpty();

    Plan off = cruddur.plan(TestStacks.shop());
    assertThat(work(off)).containsExactlyInAnyOrder(
        "- applicationautoscaling.scaling-policy service/shop/api cruddur-shop-api-cpu",
        "- applicationautoscaling.scalable-target service/shop/api", "~ ecs.service shop/api");
    assertThat(off.work().stream().filter(s -> s.resource().type().endsWith("scalable-target")).findFirst()
        .orElseThrow().dependsOn()).extracting(Object::toString)
            .contains("applicationautoscaling.scaling-policy service/shop/api cruddur-shop-api-cpu");
    applied(TestStacks.shop());
    assertThat(cloud.autoScaling().listScalableTargets("ecs")).isEmpty();
    assertThat(cloud.ecs().findService("shop", "api").orElseThrow().desiredCount()).isEqualTo(1);
  }

  /** Regression (review): every target and policy on an owned service counted as owned, so a plan deleted them. */
  @Test
  void autoScalingSomeoneAddedByHandToTheStacksServiceIsLeftAlone() {
    applied(TestStacks.shop());
    cloud.autoScaling().registerScalableTarget("ecs", "service/shop/api", "ecs:service:DesiredCount", 1, 2, Map.of());
    cloud.autoScaling().putScalingPolicy("team-manual", "ecs", "service/shop/api", "ecs:service:DesiredCount",
        new io.cruddur.port.AutoScalingPort.TargetTracking("ECSServiceAverageCPUUtilization", 40, 60, 60));
    assertThat(cruddur.plan(TestStacks.shop()).work()).isEmpty();
    assertThat(cruddur.planDestroy(TestStacks.shop()).work()).extracting(Step::id)
        .noneMatch(id -> id.contains("applicationautoscaling"));
  }

  /** Regression (review): an update sent the count read at plan time, undoing a scale-out made since. */
  @Test
  void anUpdateOfAnAutoScaledServiceKeepsTheCountItHasWhenApplied() {
    applied(scaled(1, 4, 60));
    Plan newImage = cruddur.plan(scaled(1, 4, 60).toBuilder().services(List.of(io.cruddur.spec.Service.builder()
        .from(scaled(1, 4, 60).service("api").orElseThrow()).image(io.cruddur.spec.Image.ecr("api", "1.1.0"))
        .build(), TestStacks.shop().service("web").orElseThrow())).build());
    var api = cloud.ecs().findService("shop", "api").orElseThrow().spec();
    cloud.ecs().updateService(new io.cruddur.port.EcsPort.ServiceSpec(api.cluster(), api.name(),
        api.taskDefinitionArn(), 4, api.subnets(), api.securityGroups(), api.assignPublicIp(), api.loadBalancers(),
        api.serviceConnect(), api.enableExecuteCommand(), api.circuitBreaker(), api.rollback(),
        api.minHealthyPercent(), api.maxPercent(), api.propagateTags(), api.tags()), false);
    assertThat(cruddur.apply(newImage).succeeded()).isTrue();
    assertThat(cloud.ecs().findService("shop", "api").orElseThrow().desiredCount()).isEqualTo(4);
  }

  @Test
  void destroyDeletesAutoScalingBeforeTheService() {
    applied(scaled(1, 4, 60));
    Plan destroy = cruddur.planDestroy(scaled(1, 4, 60));
    Step service = destroy.work().stream().filter(s -> s.id().equals("ecs.service shop/api")).findFirst()
        .orElseThrow();
    assertThat(service.dependsOn()).extracting(Object::toString)
        .contains("applicationautoscaling.scalable-target service/shop/api",
        "applicationautoscaling.scaling-policy service/shop/api cruddur-shop-api-cpu");
    assertThat(cruddur.apply(destroy).succeeded()).isTrue();
    assertThat(cloud.autoScaling().listScalableTargets("ecs")).isEmpty();
    assertThat(cloud.ecs().listServices("shop")).isEmpty();
  }

  @Test
  void aResourceInTheWayThatTheStackDoesNotOwnIsAProblemAndNothingIsApplied() {
    cloud.ecr().createRepository("api", false, false, Map.of("team", "someone-else"));
    Plan plan = cruddur.plan(TestStacks.shop());
    assertThat(plan.problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("ecr.repository api");
      assertThat(p.message()).contains("not owned by stack shop");
    });
    cloud.clearCalls();
    assertThatThrownBy(() -> cruddur.apply(plan)).isInstanceOf(PlanRefusedException.class);
    assertThat(cloud.writes()).isEmpty();
  }

  @Test
  void aRecordOfSomeoneElseInAZoneTheStackOnlyUsesIsAProblem() {
    var zone = cloud.route53().createHostedZone("shop.example.org", "someone-else", Map.of());
    var other = cloud.elb().createLoadBalancer("other-alb", true, cloud.ec2().subnets(
        cloud.ec2().defaultVpc().orElseThrow().id()).stream().map(s -> s.id()).toList(), List.of(), Map.of());
    cloud.route53().changeRecords(zone.id(), List.of(io.cruddur.port.Route53Port.Change.upsert(
        new io.cruddur.port.Route53Port.RecordSet("api.shop.example.org.", "A", null, List.of(),
            new io.cruddur.port.Route53Port.AliasTarget(other.dnsName(), other.canonicalHostedZoneId(), false)))));
    Stack lookupZone = TestStacks.shop().toBuilder()
        .domain(d -> d.name("shop.example.org").createZone(false).certificateFor("*.shop.example.org")).build();
    Plan plan = cruddur.plan(lookupZone);
    assertThat(plan.problems()).extracting(p -> p.path()).containsExactly("route53.record api.shop.example.org. A");
    // Once that record is gone the stack may write its own; the zone itself is never touched.
    cloud.route53().changeRecords(zone.id(), List.of(io.cruddur.port.Route53Port.Change.delete(
        cloud.route53().listRecords(zone.id()).stream().filter(r -> r.type().equals("A")).findFirst().orElseThrow())));
    applied(lookupZone);
    assertThat(cruddur.plan(lookupZone).work()).isEmpty();
    assertThat(cruddur.planDestroy(lookupZone).work()).extracting(Step::id)
        .noneMatch(id -> id.startsWith("route53.hosted-zone"))
        .contains("route53.record api.shop.example.org. A", "route53.record shop.example.org. A");
    assertThat(cruddur.destroy(lookupZone).succeeded()).isTrue();
    assertThat(cloud.route53().listRecords(zone.id())).extracting(r -> r.type()).containsExactlyInAnyOrder("NS", "SOA");
  }

  @Test
  void aSecurityGroupDescriptionIsSetAtCreationOnly() {
    Stack first = TestStacks.shop().toBuilder().securityGroup(g -> g.name("db").description("PostgreSQL")
        .ingress(i -> i.port(5432).fromGroup("shop-srv-sg"))).build();
    applied(first);
    Stack renamed = TestStacks.shop().toBuilder().securityGroup(g -> g.name("db").description("Postgres 16")
        .ingress(i -> i.port(5432).fromGroup("shop-srv-sg"))).build();
    assertThat(cruddur.plan(renamed).work()).as("EC2 cannot change it; a replace of a group in use would fail")
        .isEmpty();
  }

  @Test
  void destroyDeletesOnlyWhatTheStackOwns() {
    applied(TestStacks.shop());
    cloud.ecr().createRepository("unrelated", false, false, Map.of());
    cloud.logs().createLogGroup("/other/stack", Map.of(Stack.OWNER_TAG, "other"));
    Plan destroy = cruddur.planDestroy(TestStacks.shop());
    assertThat(destroy.work()).filteredOn(s -> s.action() != Action.DELETE)
        .as("the only waits: until each deleted service has drained").extracting(Step::id)
        .containsExactlyInAnyOrder("gone:ecs.service shop/api", "gone:ecs.service shop/web");
    assertThat(destroy.work()).noneMatch(s -> s.resource().name().equals("unrelated")
        || s.resource().name().equals("/other/stack"));
    assertThat(cruddur.apply(destroy).succeeded()).isTrue();
    assertThat(cloud.ecr().listRepositories()).extracting(r -> r.name()).containsExactly("unrelated");
    assertThat(cloud.logs().listLogGroups()).extracting(g -> g.name()).containsExactly("/other/stack");
    assertThat(cloud.elb().listLoadBalancers()).isEmpty();
    assertThat(cloud.route53().listHostedZones()).isEmpty();
    assertThat(cloud.acm().listCertificates()).isEmpty();
    assertThat(cloud.iam().listRoles()).isEmpty();
    assertThat(cruddur.planDestroy(TestStacks.shop()).work()).isEmpty();
  }

  @Test
  void aMissingSecretParameterIsAPlanProblemUnlessAllowed() {
    InMemoryCloud cloud = InMemoryCloud.create();
    Plan plan = Cruddur.with(cloud).plan(TestStacks.shop());
    assertThat(plan.problems()).extracting(Object::toString).containsExactly("services[api].secrets[DB_URL]: SSM "
        + "parameter /shop/api/DB_URL does not exist, so the tasks could not start: create it (aws ssm put-parameter "
        + "--type SecureString --name /shop/api/DB_URL ...), or allow it (PlanOptions.allowMissingSecrets, CLI "
        + "--allow-missing-secrets)");
    Plan allowed = Cruddur.with(cloud).withPlanOptions(PlanOptions.defaults().withAllowMissingSecrets(true))
        .plan(TestStacks.shop());
    assertThat(allowed.problems()).isEmpty();
    assertThat(allowed.warnings()).filteredOn(w -> w.startsWith("services[")).singleElement().asString()
        .contains("services[api].secrets[DB_URL]").contains("/shop/api/DB_URL");
    cloud.putParameter("/shop/api/DB_URL", "SecureString");
    assertThat(Cruddur.with(cloud).plan(TestStacks.shop()).problems()).isEmpty();
  }

  /**
   * A task definition comes after the repositories the stack creates for its images: a task cannot pull from a
   * repository that does not exist yet, and the executor starts the steps with the longest chains first, which
   * need not be the repositories.
   */
  @Test
  void aTaskDefinitionComesAfterTheRepositoriesOfItsImages() {
    Plan plan = Cruddur.with(TestStacks.cloud()).plan(TestStacks.shop());
    assertThat(plan.steps()).filteredOn(st -> st.id().equals("ecs.task-definition api")).singleElement()
        .satisfies(st -> assertThat(st.dependsOn()).extracting(Object::toString).contains("ecr.repository api")
            .doesNotContain("ecr.repository web"));
    assertThat(plan.steps()).filteredOn(st -> st.id().equals("ecs.task-definition web")).singleElement()
        .satisfies(st -> assertThat(st.dependsOn()).extracting(Object::toString).contains("ecr.repository web"));
  }

  /** All the secrets a plan deploys are checked in one DescribeParameters call, and each missing one is named. */
  @Test
  void theSecretsOfEveryDeployedServiceAreCheckedInOneRead() {
    Stack base = TestStacks.shop();
    var api = io.cruddur.spec.Service.builder().from(base.services().get(0))
        .secret("TOKEN", io.cruddur.spec.Secret.ssm("/shop/api/TOKEN"))
        .secret("GONE", io.cruddur.spec.Secret.ssm("/shop/api/GONE")).build();
    var web = io.cruddur.spec.Service.builder().from(base.services().get(1))
        .secret("KEY", io.cruddur.spec.Secret.ssm("arn:aws:ssm:us-east-1:" + cloud.accountId()
            + ":parameter/shop/web/KEY")).build();
    Stack stack = Stack.builder().from(base).services(List.of(api, web)).build();
    cloud.putParameter("/shop/api/TOKEN", "SecureString");
    cloud.putParameter("/shop/web/KEY", "SecureString");
    cloud.clearCalls();
    Plan plan = cruddur.plan(stack);
    assertThat(cloud.calls()).filteredOn(c -> c.operation().equals("DescribeParameters")).hasSize(1);
    assertThat(plan.problems()).extracting(Object::toString).map(p -> p.substring(0, p.indexOf(':')))
        .containsExactly("services[api].secrets[GONE]");
  }

  @Test
  void anImageTagMissingFromItsRepositoryIsAPlanProblemAndAllowedItsDeploymentFailsWithTheReason() {
    applied(TestStacks.shop());
    assertThat(cruddur.plan(TestStacks.shop("9.9.9", 1)).problems()).extracting(Object::toString).containsExactly(
        "services[api].image: tag 9.9.9 is not in repository api, so the tasks could not start: push it first, or "
            + "allow it (PlanOptions.allowMissingImages, CLI --allow-missing-images)",
        "services[web].image: tag 9.9.9 is not in repository web, so the tasks could not start: push it first, or "
            + "allow it (PlanOptions.allowMissingImages, CLI --allow-missing-images)");
    Cruddur cruddur = this.cruddur.withPlanOptions(PlanOptions.defaults().withAllowMissingImages(true));
    Plan plan = cruddur.plan(TestStacks.shop("9.9.9", 1));
    assertThat(plan.warnings()).filteredOn(w -> w.contains(".image:")).containsExactly(
        "services[api].image: tag 9.9.9 is not in repository api; tasks will not start until it is pushed",
        "services[web].image: tag 9.9.9 is not in repository web; tasks will not start until it is pushed");
    Outcome o = cruddur.apply(plan);
    assertThat(o).isInstanceOf(Outcome.Failed.class);
    assertThat(((Outcome.Failed) o).failures()).extracting(f -> f.cause().getMessage()).allSatisfy(m ->
        assertThat(m).contains("rolled back").contains("Last stopped task: CannotPullContainerError")
            .contains(":9.9.9: not found"));
    cloud.pushImage("api", "9.9.9");
    cloud.pushImage("web", "9.9.9");
    assertThat(cruddur.plan(TestStacks.shop("9.9.9", 1)).warnings()).noneMatch(w -> w.contains(".image:"));
    applied(TestStacks.shop("9.9.9", 1));
  }

  @Test
  void aServiceWhoseFirstDeploymentFailedForGoodIsRedeployedOnceItsImageIsPushed() {
    InMemoryCloud bare = TestStacks.withSecret(InMemoryCloud.builder().delegate("shop.example.org").build());
    Cruddur c = Cruddur.with(bare);
    Outcome first = c.apply(TestStacks.shop());
    assertThat(first).as("no images: nothing to roll back to").isInstanceOf(Outcome.Failed.class);
    bare.clock().advance(java.time.Duration.ofMinutes(10));
    Plan still = c.plan(TestStacks.shop());
    assertThat(work(still)).containsExactlyInAnyOrder("↻ ecs.service shop/api", "↻ ecs.service shop/web");
    assertThat(still.warnings()).anyMatch(w -> w.startsWith("ecs.service shop/api: its last deployment FAILED")
        && w.contains("CannotPullContainerError"));
    for (String tag : TestStacks.TAGS) {
      bare.pushImage("api", tag);
      bare.pushImage("web", tag);
    }
    Plan plan = c.plan(TestStacks.shop());
    assertThat(plan.toText()).contains("deployment: \"FAILED\" -> \"a new deployment\"");
    assertThat(c.apply(plan).succeeded()).isTrue();
    assertThat(c.plan(TestStacks.shop()).work()).as("converged").isEmpty();
  }

  @Test
  void creatingAHostedZoneWarnsThatItMustBeDelegated() {
    assertThat(cruddur.plan(TestStacks.shop()).warnings()).filteredOn(w -> w.startsWith("domain:"))
        .singleElement().asString().contains("name servers are set at the domain's registrar");
    applied(TestStacks.shop());
    assertThat(cruddur.plan(TestStacks.shop()).warnings()).noneMatch(w -> w.startsWith("domain:"));
  }

  @Test
  void derivedRolesAreLeastPrivilege() {
    Plan plan = cruddur.plan(TestStacks.shop());
    String exec = policy(plan, "iam.role-policy shop-execution-role/cruddur-execution");
    assertThat(exec).contains("arn:aws:ssm:us-east-1:000000000000:parameter/shop/api/DB_URL")
        .contains("arn:aws:ecr:us-east-1:000000000000:repository/api")
        .contains("arn:aws:logs:us-east-1:000000000000:log-group:shop:*")
        .doesNotContain("\"ssm:*\"").doesNotContain("parameter/*");
    assertThat(exec).as("the account's alias/aws/ssm key needs no grant").doesNotContain("kms:");
    String task = policy(plan, "iam.role-policy shop-task-role/cruddur-task");
    assertThat(task).contains("xray:PutTraceSegments").doesNotContain("ssmmessages");

    String key = "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    String withKey = policy(cruddur.plan(TestStacks.shop().toBuilder().secretsKmsKey(key).build()),
        "iam.role-policy shop-execution-role/cruddur-execution");
    assertThat(withKey).as("a customer managed key: decrypt with it, and only it")
        .contains("\"kms:Decrypt\"").contains("\"Resource\":\"" + key + "\"").doesNotContain("kms:*");
  }

  private static String policy(Plan plan, String id) {
    return ((io.cruddur.resource.RolePolicyState) plan.steps().stream().filter(s -> s.id().equals(id)).findFirst()
        .orElseThrow().desired().state()).document();
  }

  @Test
  void planShowsSecretsAsParameterArnsOnly() {
    String text = cruddur.plan(TestStacks.shop()).toText();
    assertThat(text).contains("""
                  secrets: {
                    DB_URL: "arn:aws:ssm:us-east-1:000000000000:parameter/shop/api/DB_URL"
                  }
        """);
  }
}
