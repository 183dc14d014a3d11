package io.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cruddur.Cruddur;
import io.cruddur.TestStacks;
import io.cruddur.apply.ApplyEvent;
import io.cruddur.apply.Outcome;
import io.cruddur.plan.Plan;
import io.cruddur.plan.Step;
import io.cruddur.port.Clock;
import io.cruddur.port.CloudException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jline.utils.ScreenTerminal;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** The progress views, fed with a run made up of events: what a person and a machine get to read. */
class ProgressViewsTest {
  /** The cloud's clock, moved by the test. */
  static final class ManualClock implements Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public synchronized Instant now() {
      return now;
    }

    @Override
    public synchronized void sleep(Duration duration) {
      now = now.plus(duration);
    }

    void advance(Duration d) {
      sleep(d);
    }
  }

  private static final java.time.Clock WALL = java.time.Clock.fixed(Instant.parse("2026-11-30T14:03:07.412Z"),
      ZoneOffset.UTC);
  private static final String STOPPED = "CannotPullContainerError: pull image manifest has been retried 5 time(s): "
      + "failed to resolve ref 000000000000.dkr.ecr.us-east-1.amazonaws.com/api:1.0.0: not found";
  private static final CloudException.DeploymentFailed DEPLOYMENT_FAILED = new CloudException.DeploymentFailed("api",
      "arn:aws:ecs:us-east-1:000000000000:task-definition/api:1", "ECS deployment circuit breaker: tasks failed to "
      + "start.", STOPPED, "TaskFailedToStart", "arn:aws:ecs:us-east-1:000000000000:task-definition/api:1", null);

  private final ManualClock cloud = new ManualClock();
  private final Plan plan = Cruddur.with(TestStacks.cloud()).plan(TestStacks.shop());

  private Step step(String id) {
    return plan.work().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  /**
   * A run of the shop's plan, told by events: the cluster is created; an ingress rule is retried once, then
   * created; the api's service is waited on and fails for want of its image; the web's service is skipped.
   */
  private Outcome feed(ProgressView view) {
    Step cluster = step("ecs.cluster shop");
    Step ingress = plan.work().stream().filter(s -> s.id().startsWith("ec2.ingress")).findFirst().orElseThrow();
    Step waitApi = step("wait:ecs.service shop/api");
    Step web = step("ecs.service shop/web");
    view.begin(plan);
    view.on(new ApplyEvent.Started(cluster));
    cloud.advance(Duration.ofMillis(400));
    view.on(new ApplyEvent.Finished(cluster, Duration.ofMillis(400)));
    view.on(new ApplyEvent.Started(ingress));
    view.on(new ApplyEvent.Retrying(ingress, new CloudException.NotYetConsistent("InvalidGroup.NotFound: the "
        + "security group 'sg-1' does not exist (yet)"), 1, Duration.ofMillis(1000)));
    cloud.advance(Duration.ofMillis(1200));
    view.on(new ApplyEvent.Finished(ingress, Duration.ofMillis(1200)));
    view.on(new ApplyEvent.Started(waitApi));
    cloud.advance(Duration.ofSeconds(5));
    view.on(new ApplyEvent.Waiting(waitApi, "service stable: running 0/1, 1 deployment(s), rollout IN_PROGRESS; "
        + "a task stopped: " + STOPPED + " (TaskFailedToStart)", Duration.ofSeconds(5)));
    cloud.advance(Duration.ofSeconds(85));
    view.on(new ApplyEvent.Failed(waitApi, DEPLOYMENT_FAILED, Duration.ofSeconds(90)));
    view.on(new ApplyEvent.Skipped(web, "a step it depends on failed"));
    Outcome outcome = new Outcome.Failed(List.of(cluster, ingress),
        List.of(new Outcome.StepFailure(waitApi, DEPLOYMENT_FAILED)), List.of(web), Duration.ofMinutes(2));
    view.end(outcome);
    view.close();
    return outcome;
  }

  @Test
  void plainProgressWritesOneTimestampedLinePerEventThenTheTableAndTheFailures() {
    StringWriter text = new StringWriter();
    feed(new PlainProgress(new PrintWriter(text), cloud, WALL));
    List<String> lines = text.toString().lines().toList();
    assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("14:03:07.412 "));
    int total = plan.work().size();
    String ingress = plan.work().stream().filter(s -> s.id().startsWith("ec2.ingress")).findFirst().orElseThrow()
        .id();
    assertThat(lines.subList(0, 10)).containsExactly(
        "14:03:07.412 run    " + total + " step(s)",
        "14:03:07.412 start  ecs.cluster shop (create)",
        "14:03:07.412 done   ecs.cluster shop (0.4s) [1/" + total + "]",
        "14:03:07.412 start  " + ingress + " (create)",
        "14:03:07.412 retry  " + ingress + " #1 in 1000 ms: InvalidGroup.NotFound: the security group 'sg-1' does "
            + "not exist (yet)",
        "14:03:07.412 done   " + ingress + " (1.2s) [2/" + total + "]",
        "14:03:07.412 start  wait:ecs.service shop/api (wait)",
        "14:03:07.412 wait   wait:ecs.service shop/api: service stable: running 0/1, 1 deployment(s), rollout "
            + "IN_PROGRESS; a task stopped: " + STOPPED + " (TaskFailedToStart) (5.0s)",
        "14:03:07.412 FAILED wait:ecs.service shop/api (1m30s): " + DEPLOYMENT_FAILED.getMessage() + " [3/" + total
            + "]",
        "14:03:07.412 skip   ecs.service shop/web: a step it depends on failed [4/" + total + "]");
    assertThat(lines).contains("14:03:07.412 FAILED: 2/" + total + " done, 1 failed, 1 skipped in 2m00s (cloud "
        + "clock)");
    assertThat(lines).anySatisfy(l -> assertThat(l).matches("14:03:07\\.412 STEP +ACTION +TIME +RESULT"))
        .anySatisfy(l -> assertThat(l).matches("14:03:07\\.412 ecs\\.cluster shop +create +0\\.4s +done"))
        .anySatisfy(l -> assertThat(l).matches("14:03:07\\.412 " + java.util.regex.Pattern.quote(ingress)
            + " +create +1\\.2s +done \\(1 retry\\)"))
        .anySatisfy(l -> assertThat(l).matches("14:03:07\\.412 wait:ecs\\.service shop/api +wait +1m30s +FAILED"))
        .anySatisfy(l -> assertThat(l).matches("14:03:07\\.412 ecs\\.service shop/web +create +- +skipped"))
        .anySatisfy(l -> assertThat(l).matches("14:03:07\\.412 elb\\.load-balancer shop-alb +create +- +not run"));
    int report = lines.indexOf("14:03:07.412 ✗ wait:ecs.service shop/api");
    assertThat(report).as(text.toString()).isPositive();
    assertThat(lines.subList(report + 1, lines.size())).containsExactly(
        "14:03:07.412     error:       DeploymentFailed, AWS error code CannotPullContainerError",
        "14:03:07.412     message:     " + DEPLOYMENT_FAILED.getMessage(),
        "14:03:07.412     last status: service stable: running 0/1, 1 deployment(s), rollout IN_PROGRESS",
        "14:03:07.412     next:        " + FailureReport.next(DEPLOYMENT_FAILED, null));
    assertThat(FailureReport.next(DEPLOYMENT_FAILED, null)).startsWith("push the image the task definition names");
  }

  /** A wall clock the test moves. */
  static final class MovingWall extends java.time.Clock {
    private Instant now = Instant.parse("2026-11-30T14:03:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  /**
   * Plain lines of a wait that polls often and a delete tried again while held: the start, a line for each new status
   * or error, a repeated one at most every 10 s of wall time per step, and the end.
   */
  @Test
  void plainProgressPrintsAWaitsRepeatedPollsAndRetriesAtMostEveryTenSeconds() {
    MovingWall wall = new MovingWall();
    StringWriter text = new StringWriter();
    PlainProgress view = new PlainProgress(new PrintWriter(text), cloud, wall);
    Step waitApi = step("wait:ecs.service shop/api");
    Step group = step("ec2.security-group shop-alb-sg");
    CloudException held = new CloudException.InUse("DependencyViolation: resource sg-1 has a dependent object", true);
    view.begin(plan);
    view.on(new ApplyEvent.Started(waitApi));
    view.on(new ApplyEvent.Started(group));
    String pending = "service stable: running 0/1, 1 deployment(s), rollout IN_PROGRESS";
    for (int i = 1; i <= 12; i++) {
      wall.advance(Duration.ofMillis(1500));
      String status = i < 6 ? pending : "service stable: running 1/1, 1 deployment(s), rollout IN_PROGRESS";
      view.on(new ApplyEvent.Waiting(waitApi, status, Duration.ofMillis(1500L * i)));
      view.on(new ApplyEvent.Retrying(group, held, i, Duration.ofMillis(1500)));
    }
    view.on(new ApplyEvent.Retrying(group, new CloudException.Throttled("Rate exceeded"), 13, Duration.ofSeconds(1)));
    view.on(new ApplyEvent.Finished(waitApi, Duration.ofSeconds(18)));
    view.on(new ApplyEvent.Finished(group, Duration.ofSeconds(19)));
    List<String> lines = text.toString().lines().toList();
    int total = plan.work().size();
    assertThat(lines).containsExactly(
        "14:03:00.000 run    " + total + " step(s)",
        "14:03:00.000 start  wait:ecs.service shop/api (wait)",
        "14:03:00.000 start  ec2.security-group shop-alb-sg (create)",
        "14:03:01.500 wait   wait:ecs.service shop/api: " + pending + " (1.5s)",
        "14:03:01.500 retry  ec2.security-group shop-alb-sg #1 in 1500 ms: " + held.getMessage(),
        "14:03:09.000 wait   wait:ecs.service shop/api: service stable: running 1/1, 1 deployment(s), rollout "
            + "IN_PROGRESS (9.0s)",
        "14:03:12.000 retry  ec2.security-group shop-alb-sg #8 in 1500 ms: " + held.getMessage(),
        "14:03:18.000 retry  ec2.security-group shop-alb-sg #13 in 1000 ms: Rate exceeded",
        "14:03:18.000 done   wait:ecs.service shop/api (18s) [1/" + total + "]",
        "14:03:18.000 done   ec2.security-group shop-alb-sg (19s) [2/" + total + "]");
  }

  @Test
  void aFailureNamesAwsErrorCodeAndWhatToTryNext() {
    AwsServiceException sdk = AwsServiceException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails
        .builder().errorCode("AccessDeniedException").errorMessage("User: arn:aws:iam::1:user/ci is not authorized "
            + "to perform: ecs:CreateService").build()).build();
    FailureReport denied = FailureReport.of("ecs.service shop/api", new CloudException.Invalid("ecs:CreateService: "
        + "AccessDeniedException: User: arn:aws:iam::1:user/ci is not authorized", sdk), null);
    assertThat(denied.code()).as("from the SDK's exception").isEqualTo("AccessDeniedException");
    assertThat(denied.type()).isEqualTo("Invalid");
    assertThat(denied.next()).contains("IAM");

    FailureReport conflict = FailureReport.of("elb.target-group shop-api",
        new CloudException.Conflict("DuplicateTargetGroupName: shop-api"), null);
    assertThat(conflict.code()).as("the in-memory cloud's message starts with AWS's code")
        .isEqualTo("DuplicateTargetGroupName");
    assertThat(conflict.next()).contains("in the way");

    FailureReport timeout = FailureReport.of("wait:acm.certificate shop.example.org", new CloudException(
        "timed out after 30 min waiting for certificate issued (pending DNS validation)"), "certificate issued: "
        + "pending DNS validation");
    assertThat(timeout.code()).as("not AWS's error").isNull();
    assertThat(timeout.lastStatus()).isEqualTo("certificate issued: pending DNS validation");
    assertThat(timeout.next()).contains("did not become ready in time");

    FailureReport unhealthy = FailureReport.of("wait:ecs.service shop/api", new CloudException.DeploymentFailed(
        "api", "td:2", "ECS deployment circuit breaker: tasks failed to start.", "Task failed ELB health checks in "
        + "(target-group tg)", "ServiceSchedulerInitiated", "td:1", "10.0.1.7:8080 draining "
        + "(Target.DeregistrationInProgress: Target deregistration is in progress)"),
        "service stable: running 1/1, 2 deployment(s), rollout IN_PROGRESS; targets: 10.0.1.8:8080 unhealthy "
            + "(Target.ResponseCodeMismatch: Health checks failed with these codes: [404])");
    assertThat(unhealthy.code()).as("a stopped reason without an error name: the stop code")
        .isEqualTo("ServiceSchedulerInitiated");
    assertThat(unhealthy.message()).contains("Targets: 10.0.1.7:8080 draining");
    assertThat(unhealthy.lines()).contains("    last status: service stable: running 1/1, 2 deployment(s), rollout "
        + "IN_PROGRESS; targets: 10.0.1.8:8080 unhealthy (Target.ResponseCodeMismatch: Health checks failed with "
        + "these codes: [404])");
    assertThat(unhealthy.next()).contains("health-check path");
    assertThat(unhealthy.toMap()).containsEntry("targetHealth", "10.0.1.7:8080 draining "
        + "(Target.DeregistrationInProgress: Target deregistration is in progress)");
  }

  @Test
  void jsonEventsAreOneObjectPerLineEndingWithTheSummary() throws Exception {
    StringWriter text = new StringWriter();
    feed(new JsonEvents(new PrintWriter(text), cloud, WALL, "apply"));
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> events = new ArrayList<>();
    for (String line : text.toString().lines().toList()) {
      events.add(json.readTree(line));
    }
    assertThat(events).extracting(e -> e.get("event").asText()).containsExactly("plan", "started", "finished",
        "started", "retrying", "finished", "started", "waiting", "failed", "skipped", "summary");
    assertThat(events).allSatisfy(e -> assertThat(e.get("time").asText()).isEqualTo("2026-11-30T14:03:07.412Z"));
    JsonNode planned = events.get(0);
    assertThat(planned.get("command").asText()).isEqualTo("apply");
    assertThat(planned.get("stack").asText()).isEqualTo("shop");
    assertThat(planned.get("total").asInt()).isEqualTo(plan.work().size()).isEqualTo(planned.get("steps").size());
    assertThat(events.get(1).get("step").asText()).isEqualTo("ecs.cluster shop");
    assertThat(events.get(1).get("kind").asText()).isEqualTo("ecs.cluster");
    assertThat(events.get(1).get("action").asText()).isEqualTo("create");
    assertThat(events.get(2).get("elapsedMs").asLong()).isEqualTo(400);
    assertThat(events.get(2).get("ended").asInt()).isEqualTo(1);
    JsonNode retry = events.get(4);
    assertThat(retry.get("attempt").asInt()).isEqualTo(1);
    assertThat(retry.get("delayMs").asLong()).isEqualTo(1000);
    assertThat(retry.get("error").get("code").asText()).isEqualTo("InvalidGroup.NotFound");
    assertThat(retry.get("error").get("type").asText()).isEqualTo("NotYetConsistent");
    JsonNode waiting = events.get(7);
    assertThat(waiting.get("action").asText()).isEqualTo("wait");
    assertThat(waiting.get("status").asText()).startsWith("service stable: running 0/1");
    assertThat(waiting.get("elapsedMs").asLong()).isEqualTo(5000);
    JsonNode error = events.get(8).get("error");
    assertThat(error.get("type").asText()).isEqualTo("DeploymentFailed");
    assertThat(error.get("code").asText()).isEqualTo("CannotPullContainerError");
    assertThat(error.get("stoppedReason").asText()).isEqualTo(STOPPED);
    assertThat(error.get("stopCode").asText()).isEqualTo("TaskFailedToStart");
    assertThat(error.get("lastStatus").asText()).isEqualTo("service stable: running 0/1, 1 deployment(s), rollout "
        + "IN_PROGRESS");
    assertThat(error.get("next").asText()).startsWith("push the image");
    assertThat(error.has("targetHealth")).as("unknown fields are left out").isFalse();
    assertThat(events.get(9).get("reason").asText()).isEqualTo("a step it depends on failed");
    JsonNode summary = events.get(10);
    assertThat(summary.get("succeeded").asBoolean()).isFalse();
    assertThat(summary.get("elapsedMs").asLong()).isEqualTo(120_000);
    assertThat(summary.get("done").asInt()).isEqualTo(2);
    assertThat(summary.get("failed").asInt()).isEqualTo(1);
    assertThat(summary.get("skipped").asInt()).isEqualTo(1);
    assertThat(summary.get("notRun").asInt()).isEqualTo(plan.work().size() - 4);
    assertThat(summary.get("steps")).hasSize(plan.work().size());
    assertThat(summary.get("failures")).singleElement()
        .satisfies(f -> assertThat(f.get("step").asText()).isEqualTo("wait:ecs.service shop/api"));
  }

  /** The screen of a virtual xterm, and the lines that scrolled off it, as text. */
  private static List<String> lines(ScreenTerminal screen) {
    List<String> out = new ArrayList<>();
    for (long[] line : screen.getHistory()) {
      out.add(text(line));
    }
    long[] cells = new long[screen.getRows() * screen.getColumns()];
    screen.dump(cells, new int[2]);
    for (int r = 0; r < screen.getRows(); r++) {
      out.add(text(java.util.Arrays.copyOfRange(cells, r * screen.getColumns(), (r + 1) * screen.getColumns())));
    }
    return out;
  }

  private static String text(long[] cells) {
    StringBuilder b = new StringBuilder();
    for (long c : cells) {
      int cp = ScreenTerminal.cellCodePoint(c);
      b.appendCodePoint(cp == 0 ? ' ' : cp);
    }
    return b.toString().stripTrailing();
  }

  @Test
  void liveProgressKeepsALineForEachRunningStepAndScrollsEndedOnesUp() throws Exception {
    ScreenTerminal.VirtualTerminal vt = ScreenTerminal.withTerminal("test", "xterm-256color", 120, 12);
    LiveProgress view = new LiveProgress(vt.terminal(), cloud, true, Duration.ZERO);
    Step cluster = step("ecs.cluster shop");
    Step waitApi = step("wait:ecs.service shop/api");
    int total = plan.work().size();
    view.begin(plan);
    view.on(new ApplyEvent.Started(cluster));
    view.on(new ApplyEvent.Started(waitApi));
    cloud.advance(Duration.ofSeconds(25));
    view.on(new ApplyEvent.Waiting(waitApi, "service stable: running 0/1, 1 deployment(s), rollout IN_PROGRESS",
        Duration.ofSeconds(25)));
    assertThat(lines(vt.screen())).as("two live lines and the counts").containsSubsequence(
        "⠋ ecs.cluster shop  create  25s",
        "⠋ wait:ecs.service shop/api  wait  25s  service stable: running 0/1, 1 deployment(s), rollout IN_PROGRESS",
        "0/" + total + " done · 2 running · 25s");

    view.on(new ApplyEvent.Finished(cluster, Duration.ofSeconds(25)));
    List<String> afterOne = lines(vt.screen());
    assertThat(afterOne).as("the cluster's line is permanent now, above the live ones").containsSubsequence(
        "✓ ecs.cluster shop  create  25s",
        "⠋ wait:ecs.service shop/api  wait  25s  service stable: running 0/1, 1 deployment(s), rollout IN_PROGRESS",
        "1/" + total + " done · 1 running · 25s");
    assertThat(afterOne).filteredOn(l -> l.contains("ecs.cluster shop")).hasSize(1);

    cloud.advance(Duration.ofSeconds(65));
    view.on(new ApplyEvent.Failed(waitApi, DEPLOYMENT_FAILED, Duration.ofSeconds(90)));
    view.end(new Outcome.Failed(List.of(cluster), List.of(new Outcome.StepFailure(waitApi, DEPLOYMENT_FAILED)),
        List.of(), Duration.ofSeconds(90)));
    view.close();
    List<String> end = lines(vt.screen());
    assertThat(end).as("no live line is left").noneMatch(l -> l.startsWith("⠋") || l.contains(" running · "));
    assertThat(end).anySatisfy(l -> assertThat(l).startsWith("✗ wait:ecs.service shop/api  wait  1m30s  FAILED: "
        + "deployment of api failed").endsWith("…").hasSizeLessThan(120));
    assertThat(end).containsSubsequence("FAILED: 1/" + total + " done, 1 failed in 1m30s (cloud clock)",
        "✗ wait:ecs.service shop/api");
    assertThat(end).anySatisfy(l -> assertThat(l).matches("STEP +ACTION +TIME +RESULT"))
        .anySatisfy(l -> assertThat(l).matches("ecs\\.cluster shop +create +25s +done"))
        .anySatisfy(l -> assertThat(l).startsWith("    next:        push the image"));
  }

  @Test
  void liveProgressColoursOnlyWhenAsked() throws Exception {
    for (boolean color : List.of(true, false)) {
      ScreenTerminal.VirtualTerminal vt = ScreenTerminal.withTerminal("test", "xterm-256color", 100, 12);
      LiveProgress view = new LiveProgress(vt.terminal(), cloud, color, Duration.ZERO);
      Step cluster = step("ecs.cluster shop");
      view.begin(plan);
      view.on(new ApplyEvent.Started(cluster));
      view.on(new ApplyEvent.Finished(cluster, Duration.ofMillis(400)));
      long[] cells = new long[12 * 100];
      vt.screen().dump(cells, new int[2]);
      List<String> screen = lines(vt.screen());
      int row = screen.indexOf("✓ ecs.cluster shop  create  0.4s") - vt.screen().getHistory().size();
      assertThat(row).as(String.join("\n", screen)).isNotNegative();
      assertThat(ScreenTerminal.cellHasForeground(cells[row * 100])).as("the ✓ is green: " + color)
          .isEqualTo(color);
      view.close();
    }
  }
}
