package io.cruddur.awscli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cruddur.Cruddur;
import io.cruddur.examples.LocalCloud;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.plan.Plan;
import io.cruddur.spec.Service;
import io.cruddur.spec.Stack;
import io.cruddur.stackfile.StackFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AWS CLI JSON to a stack and back: realistic bootcamp files, every supported field, every mapping said. */
class AwsCliJsonTest {
  static final Path FILES = Path.of("src/test/resources/awscli");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  static JsonNode read(String file) throws Exception {
    return JSON.readTree(FILES.resolve(file).toFile());
  }

  @Test
  void aTaskDefinitionAndItsServiceBecomeAStackWithEveryFieldAndEachMappingSaid() {
    AwsCliImport.Imported imported = AwsCliImport.fromDirectory(FILES, AwsCliImport.Options.defaults());
    Stack stack = imported.stack();
    assertThat(stack.name()).isEqualTo("cruddur");
    assertThat(stack.region()).isEqualTo("us-east-1");
    assertThat(stack.cluster().serviceConnectNamespace()).contains("cruddur");
    assertThat(stack.logGroup().name()).isEqualTo("cruddur");
    assertThat(stack.repositories()).extracting(r -> r.name()).containsExactly("backend-flask");
    assertThat(stack.loadBalancer()).isPresent();
    Service api = stack.service("backend-flask").orElseThrow();
    assertThat(api.image().repository()).contains("backend-flask");
    assertThat(api.image().tag()).isEqualTo("1.4.2");
    assertThat(api.port()).contains(4567);
    assertThat(api.user()).contains("1000:1000");
    assertThat(api.environment()).hasSize(6).containsEntry("OTEL_SERVICE_NAME", "backend-flask");
    assertThat(api.secrets()).hasSize(5);
    assertThat(api.secrets().get("CONNECTION_URL").reference()).isEqualTo("/cruddur/backend-flask/CONNECTION_URL");
    assertThat(api.containerHealthCheck().orElseThrow().startPeriodSeconds()).isEqualTo(60);
    assertThat(api.executeCommand()).isTrue();
    assertThat(api.serviceConnect()).isTrue();
    assertThat(api.routes()).singleElement().satisfies(r -> assertThat(r.pathPatterns())
        .containsExactly("/backend-flask/*"));
    assertThat(api.sidecars()).singleElement().satisfies(x -> {
      assertThat(x.name()).isEqualTo("xray");
      assertThat(x.user()).contains("1337");
      assertThat(x.port()).contains(2000);
      assertThat(x.xrayDaemon()).isTrue();
    });
    assertThat(imported.notes()).anyMatch(n -> n.contains("$.executionRoleArn") && n.contains("execution role"))
        .anyMatch(n -> n.contains("$.taskRoleArn"))
        .anyMatch(n -> n.contains("securityGroups [sg-04bdb2b6c6a3a4e1b]: the stack's service group"))
        .anyMatch(n -> n.contains("subnets [subnet-0a1b2c3d4e5f60718, subnet-0f9e8d7c6b5a40312]: the default VPC"))
        .anyMatch(n -> n.contains("targetGroupArn") && n.contains("the stack's target group"))
        .anyMatch(n -> n.contains("routed by path /backend-flask/*"));
  }

  @Test
  void theWrittenStackFileBuildsTheSameStack() throws Exception {
    AwsCliImport.Imported imported = AwsCliImport.fromDirectory(FILES, new AwsCliImport.Options(null, null,
        "cruddur.example.com"));
    String text = StackWriter.write(imported.stack(), java.util.List.of("imported"));
    assertThat(text).contains(".addService(s -> s.name(\"backend-flask\")").contains(".user(\"1000:1000\")")
        .contains(".secret(\"CONNECTION_URL\", ssm(\"/cruddur/backend-flask/CONNECTION_URL\"))")
        .doesNotContain("123456789012").doesNotContain("sg-04bdb2b6c6a3a4e1b").doesNotContain("subnet-0a1b");
    Path file = dir.resolve("cruddur.jsh");
    Files.writeString(file, text);
    assertThat(StackFile.load(file).single()).isEqualTo(imported.stack());
  }

  /**
   * JSON, then a stack applied to the in-memory cloud (account 123456789012, as the files), then JSON again: every
   * field as in the input, but those the import maps to the stack's own resources (roles, subnets, groups, target
   * group), which hold the stack's.
   */
  @Test
  void theFilesSurviveJsonToSpecToJson() throws Exception {
    Stack stack = AwsCliImport.fromDirectory(FILES, AwsCliImport.Options.defaults()).stack();
    InMemoryCloud cloud = LocalCloud.prepare(stack, InMemoryCloud.builder().accountId("123456789012"), true,
        line -> { });
    Cruddur cruddur = Cruddur.with(cloud);
    assertThat(cruddur.apply(stack).succeeded()).isTrue();
    Plan plan = cruddur.plan(stack);
    assertThat(plan.work()).isEmpty();
    Map<String, String> exported = AwsCliExport.export(plan);
    assertThat(exported).containsOnlyKeys("backend-flask-task-definition.json", "backend-flask-service.json");

    ObjectNode td = (ObjectNode) JSON.readTree(exported.get("backend-flask-task-definition.json"));
    ObjectNode expectedTd = (ObjectNode) read("backend-flask-task-definition.json");
    String account = "arn:aws:iam::123456789012:role/";
    assertThat(td.get("executionRoleArn").asText()).isEqualTo(account + "cruddur-execution-role");
    assertThat(td.get("taskRoleArn").asText()).isEqualTo(account + "cruddur-task-role");
    expectedTd.put("executionRoleArn", account + "cruddur-execution-role");
    expectedTd.put("taskRoleArn", account + "cruddur-task-role");
    assertThat(td).isEqualTo(expectedTd);

    ObjectNode svc = (ObjectNode) JSON.readTree(exported.get("backend-flask-service.json"));
    ObjectNode expectedSvc = (ObjectNode) read("backend-flask-service.json");
    String vpc = cloud.ec2().defaultVpc().orElseThrow().id();
    var awsvpc = (ObjectNode) expectedSvc.get("networkConfiguration").get("awsvpcConfiguration");
    awsvpc.set("subnets", JSON.valueToTree(cloud.ec2().subnets(vpc).stream().filter(s -> s.defaultForAz())
        .map(s -> s.id()).sorted().toList()));
    awsvpc.set("securityGroups", JSON.valueToTree(java.util.List.of(cloud.ec2().findSecurityGroup(vpc,
        "cruddur-srv-sg").orElseThrow().id())));
    ((ObjectNode) expectedSvc.get("loadBalancers").get(0)).put("targetGroupArn", cloud.elb().listTargetGroups()
        .get(0).arn());
    assertThat(svc).isEqualTo(expectedSvc);
  }

  @Test
  void anUnappliedStackExportsWhatIsNotKnownYetAsSuch() {
    Stack stack = AwsCliImport.fromDirectory(FILES, AwsCliImport.Options.defaults()).stack();
    Map<String, String> exported = AwsCliExport.export(Cruddur.with(InMemoryCloud.create()).plan(stack));
    assertThat(exported.get("backend-flask-task-definition.json")).contains("\"executionRoleArn\" : \""
        + AwsCliExport.UNKNOWN + "\"");
  }

  @Test
  void everyFieldTheModelCannotExpressIsAProblemThatNamesIt() {
    Map<String, String> files = new TreeMap<>();
    files.put("api-task-definition.json", """
        {"family": "api", "cpu": "256", "memory": "512", "networkMode": "bridge",
         "volumes": [{"name": "data"}],
         "containerDefinitions": [
           {"name": "api", "image": "nginx:1", "memory": 256, "entryPoint": ["sh"], "essential": true,
            "secrets": [{"name": "DB", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db"}],
            "logConfiguration": {"logDriver": "awsfirelens"}},
           {"name": "sidecar", "image": "busybox", "healthCheck": {"command": ["CMD", "true"]},
            "portMappings": [{"containerPort": 9000, "appProtocol": "http"}], "dependsOn": []}
         ]}
        """);
    files.put("api-service.json", """
        {"serviceName": "api", "taskDefinition": "api:3", "capacityProviderStrategy": [],
         "enableECSManagedTags": false, "healthCheckGracePeriodSeconds": 60,
         "serviceConnectConfiguration": {"enabled": true, "namespace": "arn:aws:servicediscovery:x"},
         "deploymentConfiguration": {"alarms": {}}}
        """);
    assertThatThrownBy(() -> AwsCliImport.from(files, AwsCliImport.Options.defaults()))
        .isInstanceOf(AwsCliImportException.class)
        .hasMessageContaining("api-task-definition.json: $.networkMode: 'bridge': Fargate needs awsvpc")
        .hasMessageContaining("api-task-definition.json: $.volumes: not supported: volumes and mounts")
        .hasMessageContaining("$.containerDefinitions[0].memory: not supported: a container's hard memory limit")
        .hasMessageContaining("$.containerDefinitions[0].entryPoint: not supported")
        .hasMessageContaining("$.containerDefinitions[0].secrets[0].valueFrom: a Secrets Manager secret")
        .hasMessageContaining("$.containerDefinitions[0].logConfiguration.logDriver: 'awsfirelens'")
        .hasMessageContaining("$.containerDefinitions[1].healthCheck: a sidecar has no health check")
        .hasMessageContaining("$.containerDefinitions[1].portMappings[0].appProtocol")
        .hasMessageContaining("$.containerDefinitions[1].dependsOn: not supported")
        .hasMessageContaining("api-service.json: $.capacityProviderStrategy: not supported")
        .hasMessageContaining("api-service.json: $.enableECSManagedTags: false")
        .hasMessageContaining("api-service.json: $.healthCheckGracePeriodSeconds: not supported")
        .hasMessageContaining("$.serviceConnectConfiguration.namespace: arn:aws:servicediscovery:x: give the "
            + "namespace by name")
        .hasMessageContaining("$.deploymentConfiguration.alarms: not supported");
  }

  /** Where the JSON leaves a sidecar's settings out, ECS's defaults hold, not Cruddur's sidecar defaults. */
  @Test
  void aSidecarsOmittedSettingsTakeEcssDefaults() {
    Map<String, String> files = Map.of("api.json", """
        {"family": "api", "cpu": "256", "memory": "512",
         "containerDefinitions": [
           {"name": "api", "image": "nginx:1", "portMappings": [{"containerPort": 80}]},
           {"name": "agent", "image": "busybox:1", "portMappings": [{"containerPort": 9000}]}]}
        """);
    AwsCliImport.Imported imported = AwsCliImport.from(files, AwsCliImport.Options.defaults());
    var agent = imported.stack().service("api").orElseThrow().sidecars().get(0);
    assertThat(agent.essential()).as("ECS: essential unless said").isTrue();
    assertThat(agent.protocol()).as("ECS: tcp unless said").isEqualTo("tcp");
    assertThat(imported.notes()).anyMatch(n -> n.contains("$.containerDefinitions[1].memoryReservation: absent: "
        + "Cruddur reserves 32 MiB"));
  }

  /** Values the model fixes, given otherwise, are problems: never silently replaced. */
  @Test
  void aServiceThatContradictsItsTaskDefinitionIsAProblem() {
    Map<String, String> files = new TreeMap<>();
    files.put("api-task.json", """
        {"family": "api", "containerDefinitions": [{"name": "api", "image": "nginx:1",
          "portMappings": [{"name": "web", "containerPort": 4567}]}],
         "tags": [{"key": "env", "value": "prod"}]}
        """);
    files.put("api-service.json", """
        {"serviceName": "api", "taskDefinition": "api", "tags": [{"key": "env", "value": "staging"}],
         "loadBalancers": [{"targetGroupArn": "arn:x", "containerName": "api", "containerPort": 9999}],
         "serviceConnectConfiguration": {"enabled": true, "namespace": "ns", "services": [
           {"portName": "other", "discoveryName": "api", "clientAliases": [{"port": 80}]}]}}
        """);
    assertThatThrownBy(() -> AwsCliImport.from(files, AwsCliImport.Options.defaults()))
        .hasMessageContaining("api-service.json: $.loadBalancers[0].containerPort: 9999: the load balancer forwards "
            + "to the main container's port (4567)")
        .hasMessageContaining("$.serviceConnectConfiguration.services[0].portName: 'other'")
        .hasMessageContaining("$.serviceConnectConfiguration.services[0].clientAliases[0].port: 80")
        .hasMessageContaining("api-service.json: $.tags[0].value: 'staging': another file tags env as 'prod'");
  }

  /** A value in a note cannot end the comment it is written in, nor start a Unicode escape there. */
  @Test
  void notesAreWrittenAsCommentsThatStayComments() throws Exception {
    Map<String, String> files = Map.of("api.json", """
        {"family": "api", "taskRoleArn": "arn:aws:iam::1:role/x\\nSystem.exit(3);\\\\u000aSystem.exit(4);",
         "containerDefinitions": [{"name": "api", "image": "nginx:1"}]}
        """);
    AwsCliImport.Imported imported = AwsCliImport.from(files, AwsCliImport.Options.defaults());
    String text = StackWriter.write(imported.stack(), imported.notes());
    assertThat(text.lines().filter(l -> l.contains("System.exit"))).allMatch(l -> l.startsWith("// "));
    Path file = dir.resolve("api.jsh");
    Files.writeString(file, text);
    assertThat(StackFile.load(file).single()).isEqualTo(imported.stack());
  }

  @Test
  void filesThatDoNotPairUpAreProblems() {
    assertThatThrownBy(() -> AwsCliImport.from(Map.of("x.json", "{\"serviceName\": \"x\", \"taskDefinition\": "
        + "\"missing\"}", "y.json", "[1]", "z.json", "{\"foo\": 1}"), AwsCliImport.Options.defaults()))
        .hasMessageContaining("x.json: $.taskDefinition: no task definition file has the family missing")
        .hasMessageContaining("y.json: not a JSON object")
        .hasMessageContaining("z.json: neither a task definition");
  }
}
