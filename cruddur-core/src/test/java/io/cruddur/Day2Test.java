package io.cruddur;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cruddur.base.CruddurException;
import io.cruddur.base.Tags;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.plan.Action;
import io.cruddur.plan.Plan;
import io.cruddur.plan.Step;
import io.cruddur.port.EcsPort;
import io.cruddur.port.LogsPort;
import io.cruddur.spec.Stack;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Day-2 operations on the in-memory cloud: status, logs, scale, rollback, deploy --image, diff and exec. */
class Day2Test {
  private final InMemoryCloud cloud = TestStacks.cloud();
  private final Cruddur cruddur = Cruddur.with(cloud);
  private final Stack shop = TestStacks.shop();

  private EcsPort.Service api() {
    return cloud.ecs().findService("shop", "api").orElseThrow();
  }

  private static List<String> work(Plan plan) {
    return plan.work().stream().map(s -> s.action() + " " + s.id()).toList();
  }

  @Test
  void statusShowsCountsDeploymentsTargetHealthUrlsAndNoDrift() throws Exception {
    StackStatus before = cruddur.status(shop);
    assertThat(before.services()).allSatisfy(s -> assertThat(s.deployed()).isFalse());
    assertThat(before.healthy()).isFalse();
    assertThat(cruddur.apply(shop).succeeded()).isTrue();

    StackStatus st = cruddur.status(shop);
    assertThat(st.healthy()).isTrue();
    var api = st.services().get(0);
    assertThat(api.name()).isEqualTo("api");
    assertThat(api.steady()).isTrue();
    assertThat(api.desired()).isEqualTo(1);
    assertThat(api.running()).isEqualTo(1);
    assertThat(api.taskDefinition()).isEqualTo("api:1");
    assertThat(api.targets()).singleElement().satisfies(tg -> {
      assertThat(tg.port()).isEqualTo(8080);
      assertThat(tg.targets()).singleElement().satisfies(t -> assertThat(t.state()).isEqualTo("healthy"));
    });
    assertThat(st.urls()).containsExactly("https://shop.example.org/", "https://api.shop.example.org/");
    assertThat(st.differences()).isEmpty();
    assertThat(st.toText()).contains("service api   ACTIVE   desired 1, running 1, pending 0   api:1   steady")
        .contains("target group ").contains("1 healthy").contains("differences from the spec: none");
    var json = new ObjectMapper().readTree(st.toJson());
    assertThat(json.get("healthy").asBoolean()).isTrue();
    assertThat(json.get("services").get(0).get("targetGroups").get(0).get("targets").get(0).get("state").asText())
        .isEqualTo("healthy");
  }

  @Test
  void aFailedDeploymentShowsItsStoppedReasonsAndItsTargetsHealth() {
    assertThat(cruddur.apply(shop).succeeded()).isTrue();
    cloud.pushImage("api", "2.0.0");
    cloud.pushImage("web", "2.0.0");
    cloud.failTargetHealthChecks("api:2.0.0");
    assertThat(cruddur.apply(TestStacks.shop("2.0.0", 1)).succeeded()).isFalse();
    var api = cruddur.status(TestStacks.shop("2.0.0", 1)).services().get(0);
    assertThat(api.steady()).isFalse();
    assertThat(api.stoppedTasks()).isNotEmpty().hasSizeLessThanOrEqualTo(StackStatus.STOPPED_SHOWN)
        .allSatisfy(t -> assertThat(t.stoppedReason()).contains("Task failed ELB health checks"));
    assertThat(api.deployments()).anySatisfy(d -> assertThat(d.rolloutState()).isEqualTo("FAILED"));
  }

  @Test
  void scaleToZeroAndBackShowsAsDriftUntilTheSpecOrAnApplySettlesIt() throws Exception {
    assertThat(cruddur.apply(shop).succeeded()).isTrue();
    Plan scale = cruddur.planScale(shop, "api", 0, null, null);
    assertThat(work(scale)).containsExactly("UPDATE ecs.service shop/api", "WAIT wait:ecs.service shop/api");
    assertThat(scale.work().get(0).changes()).singleElement()
        .satisfies(c -> assertThat(c.property() + " " + c.before() + " -> " + c.after()).isEqualTo(
            "desiredCount 1 -> 0"));
    assertThat(cruddur.apply(scale).succeeded()).isTrue();
    assertThat(api().desiredCount()).isZero();
    assertThat(api().runningCount()).isZero();
    assertThat(api().spec().tags().get(Tags.OVERRIDE)).startsWith("cruddur scale 0 at ");
    assertThat(api().spec().tags()).containsEntry(Tags.OWNER, "shop");

    Plan spec = cruddur.plan(shop);
    assertThat(spec.drift()).singleElement().satisfies(d -> {
      assertThat(d.resource()).isEqualTo("ecs.service shop/api");
      assertThat(d.by()).startsWith("cruddur scale 0 at ");
      assertThat(d.keep()).contains("desiredCount(0)");
    });
    assertThat(spec.toText()).contains("! drift: changed outside the spec by Cruddur's day-2 commands")
        .contains("desiredCount: 0 -> 1   (live -> spec)").contains("to keep it instead: set desiredCount(0)");
    assertThat(new ObjectMapper().readTree(spec.toJson()).get("drift").get(0).get("changes").get(0).get("live")
        .asInt()).isZero();
    assertThat(cruddur.plan(shop).toDiffText()).contains("~ ecs.service shop/api").contains("    desiredCount: 0 -> 1   (live -> spec)").contains("1 resource(s) differ");
    assertThat(cruddur.status(shop).differences()).singleElement()
        .satisfies(d -> assertThat(d.properties()).containsExactly("desiredCount", "tags." + Tags.OVERRIDE));

    // The spec's apply restores the count and takes the override back.
    assertThat(cruddur.apply(shop).succeeded()).isTrue();
    assertThat(api().runningCount()).isEqualTo(1);
    assertThat(api().spec().tags()).doesNotContainKey(Tags.OVERRIDE);
    assertThat(cruddur.plan(shop).drift()).isEmpty();
    assertThat(cruddur.plan(shop).toDiffText()).contains("No differences");

    // Scaling to what runs already does nothing.
    assertThat(cruddur.planScale(shop, "api", 1, null, null).isEmpty()).isTrue();
    assertThatThrownBy(() -> cruddur.planScale(shop, "api", -1, null, null)).isInstanceOf(CruddurException.class);
    assertThatThrownBy(() -> cruddur.planScale(shop, "api", 2, 1, 3)).isInstanceOf(CruddurException.class)
        .hasMessageContaining("no auto scaling");
    assertThatThrownBy(() -> cruddur.planScale(shop, "nope", 1, null, null)).isInstanceOf(CruddurException.class)
        .hasMessageContaining("[api, web]");
  }

  @Test
  void scalingAnAutoScaledServiceSetsItsRangeToo() {
    Stack scaled = Stack.builder().from(shop).services(List.of()).addService(io.cruddur.spec.Service.builder()
        .from(shop.services().get(0)).autoScaling(io.cruddur.spec.AutoScaling.of(1, 4, 60)).build()).addService(shop.services().get(1)).build();
    assertThat(cruddur.apply(scaled).succeeded()).isTrue();
    Plan zero = cruddur.planScale(scaled, "api", 0, null, null);
    assertThat(work(zero)).contains("UPDATE ecs.service shop/api",
        "UPDATE applicationautoscaling.scalable-target service/shop/api");
    assertThat(cruddur.apply(zero).succeeded()).isTrue();
    var capacity = cruddur.status(scaled).services().get(0).autoScaling().orElseThrow();
    assertThat(capacity).isEqualTo(new StackStatus.Capacity(0, 0, 0));
    assertThat(cruddur.apply(cruddur.planScale(scaled, "api", 2, 1, 6)).succeeded()).isTrue();
    assertThat(cruddur.status(scaled).services().get(0).autoScaling()).contains(new StackStatus.Capacity(1, 6, 2));
    // The spec's range comes back with an apply.
    assertThat(cruddur.apply(scaled).succeeded()).isTrue();
    assertThat(cruddur.status(scaled).services().get(0).autoScaling().orElseThrow().max()).isEqualTo(4);
  }

  @Test
  void deployAnImageTagFromTheCommandLineThenRollBack() {
    assertThat(cruddur.apply(shop).succeeded()).isTrue();
    assertThat(cruddur.planDeployImage(shop, "api", null, "9.9.9").problems()).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("tag 9.9.9 is not in repository api"));
    assertThatThrownBy(() -> cruddur.planDeployImage(shop, "api", "nginx", "2.0.0"))
        .isInstanceOf(CruddurException.class).hasMessageContaining("[api, xray]");

    cloud.pushImage("api", "2.0.0");
    Plan deploy = cruddur.planDeployImage(shop, "api", null, "2.0.0");
    assertThat(work(deploy)).containsExactly("UPDATE ecs.task-definition api", "UPDATE ecs.service shop/api",
        "WAIT wait:ecs.service shop/api");
    assertThat(deploy.work().get(0).changes()).singleElement().satisfies(c -> {
      assertThat(c.property()).isEqualTo("containers[api].image");
      assertThat(c.after().toString()).endsWith("/api:2.0.0");
    });
    assertThat(cruddur.apply(deploy).succeeded()).isTrue();
    assertThat(api().spec().taskDefinitionArn()).endsWith("task-definition/api:2");
    assertThat(cloud.ecs().latestTaskDefinition("api").orElseThrow().spec().containers().get(0).image())
        .endsWith("/api:2.0.0");
    assertThat(api().spec().tags().get(Tags.OVERRIDE)).contains("deploy api image ").contains("api:2.0.0");
    Plan spec = cruddur.plan(shop);
    assertThat(spec.drift()).singleElement().satisfies(d -> assertThat(d.keep())
        .contains("set the image of container api to ").contains("api:2.0.0"));
    assertThat(spec.work()).extracting(Step::id).contains("ecs.task-definition api", "ecs.service shop/api");

    // Back to the revision before, the spec's.
    Plan rollback = cruddur.planRollback(shop, "api", null);
    assertThat(rollback.problems()).isEmpty();
    assertThat(rollback.work().get(0).changes()).singleElement().satisfies(c -> {
      assertThat(c.property()).isEqualTo("taskDefinitionArn");
      assertThat(c.after().toString()).endsWith("api:1");
    });
    assertThat(cruddur.apply(rollback).succeeded()).isTrue();
    assertThat(api().spec().taskDefinitionArn()).endsWith("api:1");
    assertThat(api().spec().tags().get(Tags.OVERRIDE)).startsWith("cruddur rollback to api:1 at ");
    assertThat(cruddur.planRollback(shop, "api", null).problems()).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("no earlier ACTIVE revision"));
    assertThat(cruddur.planRollback(shop, "api", 7).problems()).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("api:7 is not ACTIVE").contains("[1, 2]"));
    // Forward again to 2 by number; then an apply of the spec registers 3 and deregisters 1.
    assertThat(cruddur.apply(cruddur.planRollback(shop, "api", 2)).succeeded()).isTrue();
    assertThat(cruddur.apply(shop).succeeded()).isTrue();
    assertThat(api().spec().taskDefinitionArn()).endsWith("api:3");
    assertThat(cruddur.planRollback(shop, "api", 1).problems()).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("api:1 is not ACTIVE").contains("[2, 3]"));
  }

  @Test
  void logsInterleaveTheContainersEventsByTimeAndFollowSendsEachOnce() {
    assertThatThrownBy(() -> cruddur.logs(shop, "api", "nope")).isInstanceOf(CruddurException.class)
        .hasMessageContaining("[api, xray]");
    assertThat(cruddur.apply(shop).succeeded()).isTrue();
    List<ServiceLogs.Line> lines = cruddur.logs(shop, "api", null).since(Instant.EPOCH);
    assertThat(lines).extracting(ServiceLogs.Line::container).containsExactlyInAnyOrder("api", "xray");
    assertThat(lines).allSatisfy(l -> assertThat(l.message()).contains("started from image"));
    String task = lines.get(0).task();
    Instant t0 = lines.get(0).time();
    cloud.logs().putLogEvents("shop", "api/api/" + task, List.of(
        new LogsPort.LogMessage(t0.toEpochMilli() + 2000, "GET /health 200"),
        new LogsPort.LogMessage(t0.toEpochMilli() + 4000, "GET /api 500")));
    cloud.logs().putLogEvents("shop", "api-xray/xray/" + task, List.of(
        new LogsPort.LogMessage(t0.toEpochMilli() + 3000, "segment sent")));
    assertThat(cruddur.logs(shop, "api", null).since(t0.plusMillis(1))).extracting(ServiceLogs.Line::message)
        .containsExactly("GET /health 200", "segment sent", "GET /api 500");
    assertThat(cruddur.logs(shop, "api", "xray").since(t0.plusMillis(1))).extracting(ServiceLogs.Line::toText)
        .containsExactly(t0.plusMillis(3000) + " xray/" + task.substring(0, 8) + " segment sent");

    List<String> seen = new ArrayList<>();
    AtomicInteger polls = new AtomicInteger();
    cruddur.logs(shop, "api", "api").follow(t0.plusMillis(2000), l -> seen.add(l.message()), () -> {
      int n = polls.getAndIncrement();
      if (n == 2) {
        // Same millisecond as the last event seen, and a later one: both new.
        cloud.logs().putLogEvents("shop", "api/api/" + task, List.of(
            new LogsPort.LogMessage(t0.toEpochMilli() + 4000, "same instant"),
            new LogsPort.LogMessage(t0.toEpochMilli() + 5000, "later")));
      }
      return n >= 5;
    });
    assertThat(seen).containsExactly("GET /health 200", "GET /api 500", "same instant", "later");
  }

  @Test
  void execNeedsExecuteCommandAndTheTaskRolesPermissionsAndARunningTask() {
    assertThat(cruddur.apply(shop).succeeded()).isTrue();
    ExecCommand refused = cruddur.exec(shop, "api", null, "/bin/sh");
    assertThat(refused.ready()).isFalse();
    assertThat(refused.problems()).anySatisfy(p -> assertThat(p).contains("does not enable execute-command"));
    assertThat(refused.command()).isEmpty();

    Stack exec = Stack.builder().from(shop).services(List.of())
        .addService(io.cruddur.spec.Service.builder().from(shop.services().get(0)).executeCommand(true).build()).addService(shop.services().get(1)).build();
    assertThat(cruddur.exec(exec, "api", null, "/bin/sh").problems())
        .anySatisfy(p -> assertThat(p).contains("live service api does not enable execute-command"));
    assertThat(cruddur.apply(exec).succeeded()).isTrue();
    ExecCommand ok = cruddur.exec(exec, "api", null, "/bin/sh -c 'echo hi'");
    assertThat(ok.problems()).isEmpty();
    String task = cloud.ecs().tasks("shop", "api").get(0).id();
    assertThat(ok.command()).containsExactly("aws", "ecs", "execute-command", "--region", "us-east-1", "--cluster",
        "shop", "--task", task, "--container", "api", "--interactive", "--command", "/bin/sh -c 'echo hi'");
    assertThat(ok.toShell()).endsWith("--interactive --command '/bin/sh -c '\\''echo hi'\\'''");
    assertThat(cruddur.exec(exec, "api", "xray", "sh").command()).contains("xray");

    // Without the permissions on the task role, it says which are missing.
    String role = cloud.iam().rolePolicies("shop-task-role").keySet().iterator().next();
    cloud.iam().putRolePolicy("shop-task-role", role, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
        + "\"Allow\",\"Action\":[\"ssmmessages:CreateControlChannel\"],\"Resource\":\"*\"}]}");
    assertThat(cruddur.exec(exec, "api", null, "sh").problems()).singleElement().satisfies(p -> assertThat(p)
        .contains("ssmmessages:CreateDataChannel").doesNotContain("[ssmmessages:CreateControlChannel"));
    // A Deny wins over Cruddur's Allow.
    cloud.iam().putRolePolicy("shop-task-role", role, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
        + "\"Allow\",\"Action\":\"ssmmessages:*\",\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":"
        + "\"ssmmessages:Open*\",\"Resource\":\"*\"}]}");
    assertThat(cruddur.exec(exec, "api", null, "sh").problems()).singleElement().satisfies(p -> assertThat(p)
        .contains("[ssmmessages:OpenControlChannel, ssmmessages:OpenDataChannel]"));
    // Granted by a managed policy, which is not read: a warning, not a refusal.
    cloud.iam().putRolePolicy("shop-task-role", role, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
        + "\"Allow\",\"Action\":\"xray:PutTraceSegments\",\"Resource\":\"*\"}]}");
    cloud.iam().attachRolePolicy("shop-task-role", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
    ExecCommand managed = cruddur.exec(exec, "api", null, "sh");
    assertThat(managed.problems()).isEmpty();
    assertThat(managed.warnings()).singleElement().satisfies(w -> assertThat(w)
        .contains("AmazonSSMManagedInstanceCore").contains("were not read"));
    assertThat(ExecCommand.matches("ssmmessages:Create*", "ssmmessages:CreateDataChannel")).isTrue();
    assertThat(ExecCommand.matches("ssm(messages):*", "ssmmessages:CreateDataChannel")).isFalse();
    assertThat(cruddur.apply(cruddur.planScale(exec, "api", 0, null, null)).succeeded()).isTrue();
    assertThat(cruddur.exec(exec, "api", null, "sh").problems()).anySatisfy(p -> assertThat(p)
        .contains("has no running task"));
  }

  @Test
  void keepingADay2ChangeInTheSpecTakesTheTagBackAndSpecEditsAreNotBlamedOnTheCommand() {
    assertThat(cruddur.apply(shop).succeeded()).isTrue();
    assertThat(cruddur.apply(cruddur.planScale(shop, "api", 2, null, null)).succeeded()).isTrue();
    // The spec now says 2, as the drift advised, and edits the image too.
    cloud.pushImage("api", "1.1.0");
    cloud.pushImage("web", "1.1.0");
    Stack kept = TestStacks.shop("1.1.0", 2);
    Plan plan = cruddur.plan(kept);
    assertThat(plan.drift()).as("the image edit is the spec's, not the scale's").isEmpty();
    assertThat(plan.work()).filteredOn(s -> s.id().equals("ecs.service shop/api")).singleElement()
        .satisfies(s -> assertThat(s.changes()).extracting(c -> c.property())
            .containsExactly("taskDefinitionArn", "tags." + Tags.OVERRIDE));
    assertThat(cruddur.apply(plan).succeeded()).isTrue();
    assertThat(api().spec().tags()).doesNotContainKey(Tags.OVERRIDE);
    assertThat(cruddur.plan(kept).isEmpty()).isTrue();

    // Kept with nothing else to change: the apply only takes the tag back.
    assertThat(cruddur.apply(cruddur.planScale(kept, "api", 1, null, null)).succeeded()).isTrue();
    Stack one = TestStacks.shop("1.1.0", 1);
    Plan tagOnly = cruddur.plan(one);
    assertThat(tagOnly.drift()).isEmpty();
    assertThat(tagOnly.work()).extracting(Step::id).contains("ecs.service shop/api");
    assertThat(cruddur.apply(tagOnly).succeeded()).isTrue();
    assertThat(api().spec().tags()).doesNotContainKey(Tags.OVERRIDE);
    assertThat(cruddur.plan(one).isEmpty()).isTrue();
  }

  @Test
  void aDeployAfterARollbackKeepsTheRevisionTheServiceRuns() {
    assertThat(cruddur.apply(shop).succeeded()).isTrue();
    cloud.pushImage("api", "2.0.0");
    cloud.pushImage("api", "3.0.0");
    assertThat(cruddur.apply(cruddur.planDeployImage(shop, "api", null, "2.0.0")).succeeded()).isTrue();
    assertThat(cruddur.apply(cruddur.planRollback(shop, "api", null)).succeeded()).isTrue();
    cloud.failTargetHealthChecks("api:3.0.0");
    assertThat(cruddur.apply(cruddur.planDeployImage(shop, "api", null, "3.0.0")).succeeded()).isFalse();
    // The circuit breaker took the service back to api:1, which must still be ACTIVE for the next change.
    assertThat(api().spec().taskDefinitionArn()).endsWith("api:1");
    assertThat(cloud.ecs().taskDefinitions("api")).extracting(EcsPort.TaskDefinition::revision).contains(1, 3);
    assertThat(cruddur.apply(cruddur.planScale(shop, "api", 2, null, null)).succeeded()).isTrue();
    assertThat(api().runningCount()).isEqualTo(2);
  }
}
