package io.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cruddur.Cruddur;
import io.cruddur.Golden;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.plan.Plan;
import io.cruddur.port.EcsPort;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
  @TempDir
  Path dir;

  record Result(int code, String out, String err) {}

  /** Runs the CLI as main does (logging set up from its options), with its output captured. */
  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine(new Main());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private JsonNode summary(String state) throws Exception {
    Result r = run("plan", "--json", "--state", state, "cruddur");
    assertThat(r.code()).isZero();
    return new ObjectMapper().readTree(r.out()).get("summary");
  }

  @Test
  void applyThenPlanThenDestroyTheReferenceStack() throws Exception {
    String state = dir.resolve("state.json").toString();
    Result apply = run("apply", "--yes", "--state", state, "cruddur");
    assertThat(apply.code()).as(apply.err()).isZero();
    assertThat(apply.out()).contains("Plan: 34 to create");
    assertThat(apply.err()).as("a fresh cloud: the images go in when the stack creates their repositories")
        .contains("seed   image backend-flask:latest (generated; pushed into the embedded cloud when the stack "
            + "creates repository backend-flask)")
        .contains("seed   image frontend-react-js:latest (generated; pushed into the embedded cloud when the stack "
            + "creates repository frontend-react-js)");
    JsonNode after = summary(state);
    assertThat(after.get("create").asInt() + after.get("update").asInt() + after.get("replace").asInt()
        + after.get("delete").asInt()).isZero();
    assertThat(after.get("noop").asInt()).isEqualTo(34);
    Result outputs = run("outputs", "--json", "--state", state, "cruddur");
    assertThat(outputs.code()).as(outputs.err()).isZero();
    JsonNode o = new ObjectMapper().readTree(outputs.out());
    assertThat(o.get("urls").toString()).contains("https://cruddur.example.com/")
        .contains("https://api.cruddur.example.com/");
    assertThat(o.get("loadBalancerDnsName").asText()).contains(".elb.amazonaws.com");
    assertThat(o.get("nameServers")).hasSize(4);
    assertThat(o.get("repositoryUris").get("backend-flask").asText()).endsWith(".amazonaws.com/backend-flask");
    assertThat(o.get("notDeployed").asInt()).isZero();
    assertThat(run("outputs", "--state", state, "cruddur").out()).contains("url            https://cruddur.example.com/");
    Result destroy = run("destroy", "--yes", "--state", state, "cruddur");
    assertThat(destroy.code()).as(destroy.err()).isZero();
    assertThat(Files.readString(Path.of(state))).doesNotContain("cruddur:stack");
  }

  /** A user's own app: stack files of both kinds, applied and destroyed from the CLI, chosen by name. */
  @Test
  void aUsersStackFilesAreAppliedFromTheCli() throws Exception {
    Path jsh = dir.resolve("shop.jsh");
    Files.writeString(jsh, """
        var tag = "1.0.0";
        Stack.builder()
            .name("shop").region("eu-west-1")
            .repository(r -> r.name("web").forceDelete(true))
            .addService(s -> s.name("web")
                .image(Image.ecr("web", tag)).port(8080))
            .build()
        """);
    String state = dir.resolve("state.json").toString();
    Result apply = run("apply", "--yes", "--state", state, jsh.toString());
    assertThat(apply.code()).as(apply.err()).isZero();
    assertThat(apply.err()).contains("done:");
    assertThat(run("plan", "--state", state, jsh.toString()).out()).contains("0 to create");

    Path java = dir.resolve("Envs.java");
    Files.writeString(java, """
        import io.cruddur.spec.Stack;

        class Envs {
          static Stack staging() {
            return Stack.builder().name("staging").region("eu-west-1").repository("staging-web").build();
          }

          static Stack production() {
            return Stack.builder().name("production").region("eu-west-1").repository("production-web").build();
          }
        }
        """);
    Result unnamed = run("plan", "--state", state, java.toString());
    assertThat(unnamed.code()).isEqualTo(Main.UNKNOWN_STACK);
    assertThat(unnamed.err()).contains("defines 2 stacks (staging, production)");
    Result production = run("apply", "--yes", "--state", state, "--stack", "production", java.toString());
    assertThat(production.code()).as(production.err()).isZero();
    var cloud = InMemoryCloud.builder().stateFile(Path.of(state)).build();
    assertThat(cloud.ecr().listRepositories()).extracting(r -> r.name())
        .containsExactlyInAnyOrder("web", "production-web");
    assertThat(run("destroy", "--yes", "--state", state, jsh.toString()).code()).isZero();
  }

  @Test
  void initWritesAStarterStackFileThatPlansAndAppliesAsItIs() throws Exception {
    Path file = dir.resolve("my-app.jsh");
    Result init = run("init", file.toString());
    assertThat(init.code()).as(init.err()).isZero();
    assertThat(init.out()).contains("wrote " + file + " (stack my-app)");
    assertThat(Files.readString(file)).contains(".name(\"my-app\")").doesNotContain("STACK");
    String state = dir.resolve("state.json").toString();
    Result apply = run("apply", "--yes", "--state", state, file.toString());
    assertThat(apply.code()).as(apply.err()).isZero();
    assertThat(run("init", file.toString()).code()).as("never overwrites").isEqualTo(2);
  }

  /** The AWS CLI way in and out: init --from-aws-cli, apply the stack file it wrote, export it back. */
  @Test
  void aStackImportedFromAwsCliJsonIsAppliedAndExportedBack() throws Exception {
    Path file = dir.resolve("cruddur.jsh");
    Result init = run("init", "--from-aws-cli", "src/test/resources/awscli", file.toString());
    assertThat(init.code()).as(init.err()).isZero();
    assertThat(Files.readString(file)).contains("// Imported from the AWS CLI JSON files")
        .contains("$.executionRoleArn").contains(".addService(s -> s.name(\"backend-flask\")");
    String state = dir.resolve("state.json").toString();
    Result apply = run("apply", "--yes", "--state", state, file.toString());
    assertThat(apply.code()).as(apply.err()).isZero();
    Path out = dir.resolve("exported");
    Result export = run("export", "--aws-cli", out.toString(), "--state", state, file.toString());
    assertThat(export.code()).as(export.err()).isZero();
    assertThat(export.err()).doesNotContain("known only once");
    assertThat(Files.readString(out.resolve("backend-flask-task-definition.json")))
        .contains("\"family\" : \"backend-flask\"").contains("\"user\" : \"1337\"");
    assertThat(out.resolve("backend-flask-service.json")).exists();
    Result bad = run("init", "--from-aws-cli", dir.toString(), dir.resolve("x.jsh").toString());
    assertThat(bad.code()).isEqualTo(Main.INVALID);
  }

  /** In a checkout, {@code cruddur} is also the launcher script: the bare name means the stack file. */
  @Test
  void aBareNameIsLookedUpAsAStackFileEvenBesideAFileOfThatName() throws Exception {
    Files.writeString(dir.resolve("cruddur"), "#!/usr/bin/env bash\n");
    Files.createDirectories(dir.resolve("stacks"));
    Path file = Files.writeString(dir.resolve("stacks/cruddur.java"), "class C {}\n");
    assertThat(Main.stackFile("cruddur", java.util.List.of(dir, dir.resolve("stacks")))).contains(file);
    assertThat(Main.stackFile(dir.resolve("cruddur").toString(), java.util.List.of())).as("a path is a path")
        .contains(dir.resolve("cruddur"));
    assertThat(Main.stackFile("nope", java.util.List.of(dir, dir.resolve("stacks")))).isEmpty();
  }

  @Test
  void errorsInAStackFileArePrintedAsACompilerPrintsThemWithExitCode3() throws Exception {
    Path jsh = dir.resolve("typo.jsh");
    Files.writeString(jsh, "Stack.builder()\n    .name(\"x\")\n    .regoin(\"eu-west-1\")\n    .build()\n");
    Result r = run("plan", jsh.toString());
    assertThat(r.code()).isEqualTo(Main.INVALID);
    assertThat(r.err()).startsWith(jsh + ":3:5: error: cannot find symbol").contains("1 error; nothing was called");
    Result missing = run("plan", dir.resolve("nope.jsh").toString());
    assertThat(missing.code()).isEqualTo(Main.UNKNOWN_STACK);
    assertThat(missing.err()).contains("no stack file").contains("cruddur");
  }

  /**
   * The secret scan on the local target, now that values pass through Cruddur: canary values pushed from an env
   * file, then plan (text and JSON), apply with --json and progress, a failing apply, destroy. No output, no
   * exception message, no toString() of the stack or of a parameter, and not the state file holds a canary.
   */
  @Test
  void noSecretValueAppearsInAnyOutputTheStateFileOrAnyValue() throws Exception {
    java.util.Map<String, String> canaries = new java.util.LinkedHashMap<>();
    for (String name : java.util.List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "CONNECTION_URL",
        "ROLLBAR_ACCESS_TOKEN", "OTEL_EXPORTER_OTLP_HEADERS")) {
      canaries.put(name, "canary-" + java.util.UUID.randomUUID());
    }
    Path env = dir.resolve(".env");
    StringBuilder text = new StringBuilder();
    canaries.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    Files.writeString(env, text);
    String state = dir.resolve("state.json").toString();
    java.util.List<Result> results = new java.util.ArrayList<>();
    results.add(run("secrets", "push", "--state", state, "--env-file", env.toString(), "cruddur"));
    assertThat(results.get(0).code()).as(results.get(0).err()).isZero();
    assertThat(results.get(0).out()).contains("5 created");
    results.add(run("secrets", "push", "--state", state, "--env-file", env.toString(), "cruddur"));
    assertThat(results.get(1).out()).contains("5 unchanged");
    results.add(run("plan", "--state", state, "cruddur"));
    results.add(run("plan", "--json", "--state", state, "cruddur"));
    results.add(run("apply", "--yes", "--json", "--state", state, "cruddur"));
    assertThat(results.get(4).code()).as(results.get(4).err()).isZero();
    results.add(run("apply", "--yes", "--json", "--state", state, "--no-seed-images", "--allow-missing-images",
        "--stack", "cruddur", Examples.STACKS.resolve("cruddur.java").toString()));
    Files.writeString(env, "CONNECTION_URL=" + canaries.get("CONNECTION_URL") + "\nCONNECTION_URL=again\n");
    results.add(run("secrets", "push", "--state", state, "--env-file", env.toString(), "cruddur"));
    assertThat(results.get(6).code()).as("a malformed env file is refused, by line").isEqualTo(2);
    results.add(run("destroy", "--yes", "--json", "--state", state, "cruddur"));
    assertThat(results.get(7).code()).as(results.get(7).err()).isZero();

    var cloud = InMemoryCloud.builder().stateFile(Path.of(state)).build();
    StringBuilder values = new StringBuilder(Examples.cruddur().toString());
    for (String name : canaries.keySet()) {
      values.append(cloud.ssm().describeParameter("/cruddur/backend-flask/" + name).orElseThrow());
    }
    values.append(cloud.calls());
    for (Result r : results) {
      assertThat(r.out() + r.err()).doesNotContain(canaries.values());
    }
    assertThat(values.toString()).doesNotContain(canaries.values());
    assertThat(Files.readString(Path.of(state))).doesNotContain(canaries.values());
  }

  @Test
  void theReferenceStackHasEveryPartOfTheWorkload() {
    InMemoryCloud cloud = io.cruddur.examples.LocalCloud.prepare(Examples.cruddur());
    Cruddur cruddur = Cruddur.with(cloud);
    assertThat(cruddur.apply(Examples.cruddur()).succeeded()).isTrue();
    assertThat(cloud.ecr().listRepositories()).hasSize(3);
    assertThat(cloud.logs().findLogGroup("cruddur").orElseThrow().retentionDays()).isEqualTo(1);
    var cluster = cloud.ecs().findCluster("cruddur").orElseThrow();
    assertThat(cluster.containerInsights()).isTrue();
    assertThat(cluster.defaultNamespaceArn()).contains(":namespace/ns-");
    var backend = cloud.ecs().findService("cruddur", "backend-flask").orElseThrow();
    assertThat(backend.spec().serviceConnect().discoveryName()).isEqualTo("backend-flask");
    assertThat(backend.spec().enableExecuteCommand()).isTrue();
    var td = cloud.ecs().latestTaskDefinition("backend-flask").orElseThrow().spec();
    assertThat(td.containers()).extracting(c -> c.name()).containsExactly("backend-flask", "xray");
    assertThat(td.containers().get(0).secrets()).hasSize(5);
    assertThat(td.containers().get(0).logConfiguration().driver()).isEqualTo("awslogs");
    var lb = cloud.elb().findLoadBalancer("cruddur-alb").orElseThrow();
    var listeners = cloud.elb().listeners(lb.arn());
    assertThat(listeners).extracting(l -> l.port() + ":" + l.defaultAction().type())
        .containsExactlyInAnyOrder("80:redirect", "443:forward");
    var https = listeners.stream().filter(l -> l.port() == 443).findFirst().orElseThrow();
    assertThat(cloud.elb().rules(https.arn())).extracting(r -> r.hosts().get(0))
        .containsExactlyInAnyOrder("api.cruddur.example.com", "cruddur.example.com");
    assertThat(cloud.elb().listTargetGroups()).allSatisfy(tg -> assertThat(tg.deregistrationDelaySeconds())
        .isEqualTo(30)).anySatisfy(tg -> assertThat(tg.healthCheck().path()).isEqualTo("/api/health-check"));
    var zone = cloud.route53().findHostedZone("cruddur.example.com").orElseThrow();
    assertThat(cloud.route53().listRecords(zone.id())).filteredOn(r -> r.type().equals("A"))
        .extracting(r -> r.name()).containsExactlyInAnyOrder("cruddur.example.com.", "api.cruddur.example.com.");
    assertThat(cloud.acm().listCertificates()).singleElement().satisfies(c -> {
      assertThat(c.status()).isEqualTo("ISSUED");
      assertThat(c.subjectAlternativeNames()).containsExactly("cruddur.example.com", "*.cruddur.example.com");
    });
    String vpc = cloud.ec2().defaultVpc().orElseThrow().id();
    var albSg = cloud.ec2().findSecurityGroup(vpc, "cruddur-alb-sg").orElseThrow();
    var srvSg = cloud.ec2().findSecurityGroup(vpc, "cruddur-srv-sg").orElseThrow();
    assertThat(srvSg.ingress()).allSatisfy(r -> assertThat(r.permission().sourceGroupId()).isEqualTo(albSg.id()));
    var dbSg = cloud.ec2().findSecurityGroup(vpc, "cruddur-db-sg").orElseThrow();
    assertThat(dbSg.ingress()).singleElement().satisfies(r -> {
      assertThat(r.permission().fromPort()).isEqualTo(5432);
      assertThat(r.permission().sourceGroupId()).isEqualTo(srvSg.id());
    });
  }

  @Test
  void referencePlanMatchesTheGoldenFile() {
    Plan plan = Cruddur.with(InMemoryCloud.create()).plan(Examples.cruddur());
    Golden.assertMatches("cruddur-create.txt", plan.toText());
  }

  @Test
  void anInvalidSpecIsPrintedWholeAndLeavesTheStateFileUntouched() throws Exception {
    Path state = dir.resolve("state.json");
    Files.writeString(state, "{\"sentinel\":true}");
    Result r = run("apply", "--yes", "--state", state.toString(), "broken-example");
    assertThat(r.code()).isEqualTo(Main.INVALID);
    assertThat(r.err()).contains("6 problems in the spec").contains("services[backend-flask].cpu")
        .contains("loadBalancer.defaultService").contains("logGroup.retentionDays")
        .contains("services[backend-flask].secrets[CONNECTION_URL]")
        .contains("services[backend-flask].healthCheck.path").contains("services[backend-flask].routes[0].host");
    assertThat(Files.readString(state)).isEqualTo("{\"sentinel\":true}");
  }

  @Test
  void redeployStartsANewDeploymentOfOneService() throws Exception {
    String state = dir.resolve("state.json").toString();
    assertThat(run("apply", "--yes", "--state", state, "cruddur").code()).isZero();
    var before = InMemoryCloud.builder().stateFile(Path.of(state)).build().ecs();
    var backendBefore = before.findService("cruddur", "backend-flask").orElseThrow();
    var frontendBefore = before.findService("cruddur", "frontend-react-js").orElseThrow();
    var taskDefinitionBefore = before.latestTaskDefinition("backend-flask").orElseThrow();
    Result r = run("redeploy", "--state", state, "cruddur", "backend-flask");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("start  wait:ecs.service cruddur/backend-flask").contains("redeployed backend-flask");
    var after = InMemoryCloud.builder().stateFile(Path.of(state)).build().ecs();
    var backendAfter = after.findService("cruddur", "backend-flask").orElseThrow();
    assertThat(backendAfter.deployments()).extracting(EcsPort.Deployment::id).as("a new deployment")
        .doesNotContainAnyElementsOf(backendBefore.deployments().stream().map(EcsPort.Deployment::id).toList());
    assertThat(backendAfter.deployments()).singleElement().satisfies(d -> {
      assertThat(d.status()).isEqualTo("PRIMARY");
      assertThat(d.rolloutState()).as("the redeploy waited for it").isEqualTo("COMPLETED");
      assertThat(d.taskDefinitionArn()).as("same task definition").isEqualTo(taskDefinitionBefore.arn());
    });
    assertThat(backendAfter.spec()).as("nothing but the deployment changes").isEqualTo(backendBefore.spec());
    assertThat(after.latestTaskDefinition("backend-flask").orElseThrow())
        .as("no new task definition revision").isEqualTo(taskDefinitionBefore);
    assertThat(after.findService("cruddur", "frontend-react-js").orElseThrow())
        .as("the other service is untouched").isEqualTo(frontendBefore);
    assertThat(run("redeploy", "--state", state, "cruddur", "nope").code()).isEqualTo(Main.UNKNOWN_STACK);
    assertThat(summary(state).get("update").asInt()).as("a redeploy is not drift").isZero();
  }

  /** The embedded cloud is as strict as AWS: an image that was never pushed fails the deployment, with why. */
  @Test
  void withoutTheSeededImagesTheDeploymentFailsAndSaysWhichImageIsMissing() {
    String state = dir.resolve("state.json").toString();
    Result r = run("apply", "--yes", "--no-seed-images", "--state", state, "cruddur");
    assertThat(r.code()).isEqualTo(Main.FAILED);
    assertThat(r.err()).as("an apply that seeds says so, line by line")
        .contains("seed   ssm parameter /cruddur/backend-flask/CONNECTION_URL")
        .contains("seed   delegation of cruddur.example.com to the hosted zone the stack creates")
        .doesNotContain("seed   image")
        .contains("FAILED").contains("wait:ecs.service cruddur/frontend-react-js")
        .contains("CannotPullContainerError")
        .contains("000000000000.dkr.ecr.us-east-1.amazonaws.com/frontend-react-js:latest: not found")
        .contains("000000000000.dkr.ecr.us-east-1.amazonaws.com/backend-flask:latest: not found");
  }

  /**
   * After a deployment failed for want of its images, the next apply pushes them into the repositories that exist
   * by now, says so, and redeploys each service whose deployment failed for good (nothing else would start a new
   * deployment of it): it succeeds.
   */
  @Test
  void anApplyAfterOneWithoutImagesPushesThemAndRedeploysTheFailedServices() throws Exception {
    String state = dir.resolve("state.json").toString();
    Result failed = run("apply", "--yes", "--no-seed-images", "--state", state, "cruddur");
    assertThat(failed.code()).as(failed.err()).isEqualTo(Main.FAILED);
    assertThat(failed.err()).contains("CannotPullContainerError");
    java.util.List<String> services = java.util.List.of("backend-flask", "frontend-react-js");
    java.util.List<String> failedForGood = recordTheCircuitBreakersVerdict(state, services);
    assertThat(failedForGood).as("the circuit breaker stopped both deployments").isEqualTo(services);

    Result refused = run("apply", "--yes", "--no-seed-images", "--state", state, "cruddur");
    assertThat(refused.code()).as("the plan sees the missing tags now that the repositories exist")
        .isEqualTo(Main.REFUSED);
    assertThat(refused.out()).contains("! problem: services[backend-flask].image: tag latest is not in repository "
        + "backend-flask, so the tasks could not start: push it first, or allow it (PlanOptions.allowMissingImages, "
        + "CLI --allow-missing-images)");

    Result stillMissing = run("apply", "--yes", "--no-seed-images", "--allow-missing-images", "--state", state,
        "cruddur");
    assertThat(stillMissing.code()).as(stillMissing.err()).isEqualTo(Main.FAILED);
    assertThat(stillMissing.err()).as("nothing seeded twice").doesNotContain("seed   image")
        .doesNotContain("seed   ssm parameter").contains("CannotPullContainerError");
    for (String service : failedForGood) {
      assertThat(stillMissing.out()).as("the plan says why it redeploys, and that the tag is still missing")
          .contains("warning: ecs.service cruddur/" + service + ": its last deployment FAILED")
          .contains("services[" + service + "].image: tag latest is not in repository " + service)
          .contains("↻ ecs.service cruddur/" + service);
    }
    recordTheCircuitBreakersVerdict(state, services);

    Result r = run("apply", "--yes", "--state", state, "cruddur");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Plan: 0 to create, 0 to update, 0 to replace, 0 to delete, 2 to redeploy");
    assertThat(r.err()).as("the seed lines say what was done, and only that")
        .contains("seed   image backend-flask:latest (generated; pushed into the existing repository backend-flask)")
        .contains("seed   image frontend-react-js:latest (generated; pushed into the existing repository "
            + "frontend-react-js)")
        .doesNotContain("when the stack creates").doesNotContain("seed   ssm parameter")
        .contains("seed   delegation of cruddur.example.com to its existing hosted zone")
        .doesNotContain("FAILED wait").contains("done: " + failedForGood.size() + " change(s)");
    for (String service : failedForGood) {
      assertThat(r.err()).contains("done   ecs.service cruddur/" + service)
          .contains("done   wait:ecs.service cruddur/" + service);
    }
    var ecs = InMemoryCloud.builder().stateFile(Path.of(state)).build().ecs();
    for (String service : services) {
      var svc = ecs.findService("cruddur", service).orElseThrow();
      assertThat(svc.runningCount()).as(service).isEqualTo(1);
      assertThat(svc.deployments()).as(service).filteredOn(d -> d.status().equals("PRIMARY")).singleElement()
          .satisfies(d -> assertThat(d.rolloutState()).isEqualTo("COMPLETED"));
    }

    Result again = run("apply", "--yes", "--state", state, "cruddur");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.err()).as("nothing left to seed or redeploy").contains("nothing to do")
        .doesNotContain("seed   image").doesNotContain("↻");
  }

  /**
   * Lets the cloud's time run on past the circuit breaker's threshold and records what it decided in the state
   * file: the services whose primary deployment FAILED. (The in-memory cloud works a deployment's progress out when
   * it is read, but writes it, and its clock, to the state file only with the next write; so whether the apply that
   * failed left a FAILED deployment in the file depends on the order of its last calls. On AWS it always would.)
   */
  private static java.util.List<String> recordTheCircuitBreakersVerdict(String state,
      java.util.List<String> services) {
    InMemoryCloud cloud = InMemoryCloud.builder().stateFile(Path.of(state)).build();
    cloud.clock().advance(java.time.Duration.ofMinutes(30));
    java.util.List<String> failed = services.stream().filter(name -> cloud.ecs().findService("cruddur", name)
        .orElseThrow().deployments().stream()
        .anyMatch(d -> d.status().equals("PRIMARY") && "FAILED".equals(d.rolloutState()))).toList();
    cloud.delegate(Examples.DOMAIN);   // a write that changes nothing (as the next apply's seeding does): persists
    return failed;
  }

  @Test
  void applyJsonPrintsThePlanThenTheOutcomeWithTheStoppedReason() throws Exception {
    String state = dir.resolve("state.json").toString();
    Result r = run("apply", "--yes", "--json", "--no-seed-images", "--state", state, "cruddur");
    assertThat(r.code()).isEqualTo(Main.FAILED);
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    java.util.List<com.fasterxml.jackson.databind.JsonNode> docs = json.readerFor(
        com.fasterxml.jackson.databind.JsonNode.class).<com.fasterxml.jackson.databind.JsonNode>readValues(r.out())
        .readAll();
    assertThat(docs).as("the plan, then the outcome").hasSize(2);
    assertThat(docs.get(0).get("summary")).isNotNull();
    com.fasterxml.jackson.databind.JsonNode outcome = docs.get(1);
    assertThat(outcome.get("succeeded").asBoolean()).isFalse();
    assertThat(outcome.get("completed").size()).isPositive();
    com.fasterxml.jackson.databind.JsonNode frontend = null;
    for (com.fasterxml.jackson.databind.JsonNode f : outcome.get("failures")) {
      if (f.get("step").asText().equals("wait:ecs.service cruddur/frontend-react-js")) {
        frontend = f;
      }
    }
    assertThat(frontend).as("the frontend's wait failed: %s", outcome).isNotNull();
    assertThat(frontend.get("error").asText()).isEqualTo("DeploymentFailed");
    assertThat(frontend.get("service").asText()).isEqualTo("frontend-react-js");
    assertThat(frontend.get("stoppedReason").asText()).startsWith("CannotPullContainerError")
        .contains("frontend-react-js:latest: not found");
    assertThat(frontend.get("stopCode").asText()).isEqualTo("TaskFailedToStart");
    assertThat(frontend.get("rolloutStateReason").asText()).contains("circuit breaker");
  }

  /** The events of a run, one JSON document per line of standard output. */
  private static java.util.List<JsonNode> events(Result r) throws Exception {
    java.util.List<JsonNode> events = new java.util.ArrayList<>();
    for (String line : r.out().lines().toList()) {
      events.add(new ObjectMapper().readTree(line));
    }
    return events;
  }

  /**
   * {@code --json-events}: standard output holds only the events, a line each: the plan, then each step's started
   * before its finished, then the summary; the plan's text and the progress lines go to standard error, which is not
   * a terminal here, so they are timestamped lines.
   */
  @Test
  void applyWithJsonEventsWritesOneJsonObjectPerLineAndPlainLinesOnStandardError() throws Exception {
    String state = dir.resolve("state.json").toString();
    Result r = run("apply", "--yes", "--json-events", "--state", state, "cruddur");
    assertThat(r.code()).as(r.err()).isZero();
    java.util.List<JsonNode> events = events(r);
    JsonNode plan = events.get(0);
    assertThat(plan.get("event").asText()).isEqualTo("plan");
    assertThat(plan.get("command").asText()).isEqualTo("apply");
    assertThat(plan.get("stack").asText()).isEqualTo("cruddur");
    int total = plan.get("total").asInt();
    assertThat(total).isEqualTo(39);
    JsonNode summary = events.get(events.size() - 1);
    assertThat(summary.get("event").asText()).isEqualTo("summary");
    assertThat(summary.get("succeeded").asBoolean()).isTrue();
    assertThat(summary.get("done").asInt()).isEqualTo(total);
    java.util.Map<String, java.util.List<String>> byStep = new java.util.LinkedHashMap<>();
    for (JsonNode e : events.subList(1, events.size() - 1)) {
      assertThat(e.get("event").asText()).isIn("started", "waiting", "retrying", "finished");
      assertThat(java.time.Instant.parse(e.get("time").asText())).isNotNull();
      byStep.computeIfAbsent(e.get("step").asText(), k -> new java.util.ArrayList<>()).add(e.get("event").asText());
    }
    assertThat(byStep).hasSize(total);
    byStep.forEach((step, seq) -> {
      assertThat(seq.get(0)).as(step).isEqualTo("started");
      assertThat(seq.get(seq.size() - 1)).as(step).isEqualTo("finished");
    });
    assertThat(byStep.get("wait:ecs.service cruddur/backend-flask")).contains("waiting");
    assertThat(r.err()).as("the plan's text").contains("Plan: 34 to create");
    java.util.List<String> err = r.err().lines().toList();
    int first = err.indexOf(err.stream().filter(l -> l.endsWith(" run    39 step(s)")).findFirst().orElseThrow());
    int last = err.indexOf(err.stream().filter(l -> l.startsWith("done: ")).findFirst().orElseThrow());
    assertThat(err.subList(first, last)).as("every line of the progress, the table and the counts")
        .hasSizeGreaterThan(2 * total)
        .allSatisfy(l -> assertThat(l).matches("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} .*"))
        .anySatisfy(l -> assertThat(l).endsWith(" start  ecs.cluster cruddur (create)"))
        .anySatisfy(l -> assertThat(l).contains(" done   ecs.cluster cruddur ("))
        .anySatisfy(l -> assertThat(l).contains(" succeeded: 39/39 done in "))
        .anySatisfy(l -> assertThat(l).matches(".{12} STEP +ACTION +TIME +RESULT"));

    Result again = run("apply", "--yes", "--json-events", "--state", state, "cruddur");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(events(again)).as("nothing to do: the plan, then the summary")
        .extracting(e -> e.get("event").asText()).containsExactly("plan", "summary");
  }

  @Test
  void jsonEventsOfAFailedDeploymentNameTheStoppedReasonAndWhatToDo() throws Exception {
    String state = dir.resolve("state.json").toString();
    Result r = run("apply", "--yes", "--json-events", "--no-seed-images", "--state", state, "cruddur");
    assertThat(r.code()).isEqualTo(Main.FAILED);
    java.util.List<JsonNode> events = events(r);
    java.util.List<JsonNode> failed = events.stream().filter(e -> e.get("event").asText().equals("failed")).toList();
    assertThat(failed).extracting(e -> e.get("step").asText()).containsExactlyInAnyOrder(
        "wait:ecs.service cruddur/backend-flask", "wait:ecs.service cruddur/frontend-react-js");
    for (JsonNode f : failed) {
      JsonNode error = f.get("error");
      assertThat(error.get("type").asText()).isEqualTo("DeploymentFailed");
      assertThat(error.get("code").asText()).isEqualTo("CannotPullContainerError");
      assertThat(error.get("stopCode").asText()).isEqualTo("TaskFailedToStart");
      assertThat(error.get("stoppedReason").asText()).contains(":latest: not found");
      assertThat(error.get("next").asText()).contains("push the image");
      assertThat(f.get("elapsedMs").asLong()).isPositive();
    }
    JsonNode summary = events.get(events.size() - 1);
    assertThat(summary.get("succeeded").asBoolean()).isFalse();
    assertThat(summary.get("failed").asInt()).isEqualTo(2);
    assertThat(summary.get("failures")).hasSize(2);
    assertThat(r.err()).as("the person's report").contains("✗ wait:ecs.service cruddur/frontend-react-js")
        .contains("DeploymentFailed, AWS error code CannotPullContainerError")
        .contains("next:        push the image");
  }

  @Test
  void jsonAndJsonEventsTogetherAreRefused() throws Exception {
    Path state = dir.resolve("state.json");
    Result r = run("apply", "--yes", "--json", "--json-events", "--state", state.toString(), "cruddur");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("--json and --json-events both write to standard output");
    assertThat(InMemoryCloud.builder().stateFile(state).build().ecs().listClusters()).as("nothing applied").isEmpty();
  }

  @Test
  void exitCodesForUsageUnknownStackAndUnconfirmedApply() {
    String state = dir.resolve("s.json").toString();
    assertThat(run("plan", "--state", state, "nope").code()).isEqualTo(Main.UNKNOWN_STACK);
    assertThat(run("plan", "--bogus", "cruddur").code()).isEqualTo(2);
    assertThat(run("apply", "--state", state, "cruddur").code()).as("no console, no --yes")
        .isEqualTo(Main.NOT_CONFIRMED);
    Result help = run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("Exit codes:").contains("3   the stack file has errors, or its spec is invalid");
  }

  @Test
  void aResourceInTheWayIsRefusedWithExitCode4() {
    Path state = dir.resolve("s.json");
    InMemoryCloud cloud = InMemoryCloud.builder().stateFile(state).build();
    cloud.ecr().createRepository("backend-flask", false, true, java.util.Map.of());
    Result r = run("apply", "--yes", "--state", state.toString(), "cruddur");
    assertThat(r.code()).isEqualTo(Main.REFUSED);
    assertThat(r.out()).contains("! problem: ecr.repository backend-flask: exists and is not owned by stack cruddur");
    assertThat(InMemoryCloud.builder().stateFile(state).build().ecs().listClusters()).isEmpty();
  }

  @Test
  void aSecondRunOnTheSameStateFailsAtOnceNamingTheHolderAndChangesNothing() throws Exception {
    Path state = dir.resolve("s.json");
    try (var other = new io.cruddur.lease.FileLeases(state).acquire("cruddur",
        io.cruddur.lease.LeaseOptions.defaults().withHolder("alice@ci (pid 4242)"))) {
      Result r = run("apply", "--yes", "--state", state.toString(), "cruddur");
      assertThat(r.code()).isEqualTo(Main.LEASED);
      assertThat(r.err()).isEqualTo("state file " + state.toAbsolutePath() + " is locked by alice@ci (pid 4242) since "
          + other.holder().since() + "; waited 0 s. Another apply or destroy is running: wait for it, or wait "
          + "longer for the lease (pass --lease-wait 10m to wait for it)\n");
      assertThat(r.out()).as("nothing planned").isEmpty();
      assertThat(Files.exists(state)).as("the state file was not even read").isFalse();
      assertThat(run("destroy", "--yes", "--state", state.toString(), "cruddur").code()).isEqualTo(Main.LEASED);
      assertThat(run("plan", "--state", state.toString(), "cruddur").code()).as("a plan only reads: no lease")
          .isZero();
    }
  }

  @Test
  void aRunThatWaitsForTheLeaseAppliesOnceTheHolderIsDone() throws Exception {
    Path state = dir.resolve("s.json");
    var other = new io.cruddur.lease.FileLeases(state).acquire("cruddur",
        io.cruddur.lease.LeaseOptions.defaults().withHolder("alice"));
    // Released once the run says it waits (a fixed delay raced the loading of the stack file on a busy machine).
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    var code = new java.util.concurrent.atomic.AtomicInteger(-1);
    Thread apply = new Thread(() -> code.set(cli.execute("apply", "--yes", "--lease-wait", "1m", "--state",
        state.toString(), "cruddur")));
    apply.start();
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(50).toNanos();
    while (!err.toString().contains("waiting for the lease") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    other.close();
    apply.join();
    Result r = new Result(code.get(), out.toString(), err.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).startsWith("lease  waiting for the lease of state file " + state.toAbsolutePath()
        + ": held by alice since ").contains(" for stack cruddur\n");
    assertThat(run("apply", "--lease-wait", "soon", "cruddur").code()).as("not a duration").isEqualTo(2);
  }
}
