package io.cruddur.awscli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cruddur.Cruddur;
import io.cruddur.apply.ExecutorOptions;
import io.cruddur.apply.Outcome;
import io.cruddur.aws.AwsCloud;
import io.cruddur.aws.Moto;
import io.cruddur.plan.PlanOptions;
import io.cruddur.spec.Stack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The bootcamp's task definition file imported and applied to moto, then read back with the raw SDK
 * (DescribeTaskDefinition): field for field as the input file says, but the two role ARNs, which are the stack's.
 */
@ExtendWith(Moto.class)
class AwsCliImportOnMotoTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anImportedTaskDefinitionReadsBackFromMotoAsTheFileSays() throws Exception {
    Moto.reset();
    Stack stack = AwsCliImport.fromDirectory(AwsCliJsonTest.FILES, AwsCliImport.Options.defaults()).stack();
    try (AwsCloud cloud = Moto.cloud().build()) {
      assertThat(cloud.accountId()).as("moto's account, as in the files").isEqualTo("123456789012");
      // moto starts no tasks: the images and secret parameters they would need do not matter here.
      Outcome o = Cruddur.with(cloud).withOptions(ExecutorOptions.defaults().withWaitForDeployments(false))
          .withPlanOptions(new PlanOptions(true, true)).apply(stack);
      assertThat(o.succeeded()).as(String.valueOf(o)).isTrue();
    }
    TaskDefinition td;
    try (EcsClient ecs = EcsClient.builder().endpointOverride(Moto.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("testing", "testing"))).build()) {
      td = ecs.describeTaskDefinition(b -> b.taskDefinition("backend-flask")).taskDefinition();
    }
    ObjectNode actual = JSON.createObjectNode();
    actual.put("family", td.family());
    actual.put("executionRoleArn", td.executionRoleArn());
    actual.put("taskRoleArn", td.taskRoleArn());
    actual.put("networkMode", td.networkModeAsString());
    actual.set("requiresCompatibilities", JSON.valueToTree(td.requiresCompatibilitiesAsStrings()));
    actual.put("cpu", td.cpu());
    actual.put("memory", td.memory());
    ArrayNode containers = actual.putArray("containerDefinitions");
    for (ContainerDefinition c : td.containerDefinitions()) {
      containers.add(container(c));
    }
    ObjectNode expected = (ObjectNode) AwsCliJsonTest.read("backend-flask-task-definition.json");
    assertThat(actual.get("executionRoleArn").asText()).endsWith(":role/cruddur-execution-role");
    assertThat(actual.get("taskRoleArn").asText()).endsWith(":role/cruddur-task-role");
    expected.put("executionRoleArn", actual.get("executionRoleArn").asText());
    expected.put("taskRoleArn", actual.get("taskRoleArn").asText());
    assertThat(actual).isEqualTo(expected);
  }

  /** A container as the file writes one: the fields the file uses, in its shape. */
  private static ObjectNode container(ContainerDefinition c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("name", c.name());
    n.put("image", c.image());
    n.put("cpu", c.cpu());
    if (c.memoryReservation() != null) {
      n.put("memoryReservation", c.memoryReservation());
    }
    n.put("essential", c.essential());
    if (c.user() != null) {
      n.put("user", c.user());
    }
    ArrayNode ports = n.putArray("portMappings");
    c.portMappings().forEach(p -> {
      ObjectNode pm = ports.addObject().put("name", p.name()).put("containerPort", p.containerPort())
          .put("protocol", p.protocolAsString());
      if (p.appProtocol() != null) {
        pm.put("appProtocol", p.appProtocolAsString());
      }
    });
    if (!c.environment().isEmpty()) {
      ArrayNode env = n.putArray("environment");
      c.environment().stream().sorted(java.util.Comparator.comparing(e -> e.name()))
          .forEach(e -> env.addObject().put("name", e.name()).put("value", e.value()));
    }
    if (!c.secrets().isEmpty()) {
      ArrayNode secrets = n.putArray("secrets");
      c.secrets().stream().sorted(java.util.Comparator.comparing(s -> s.name()))
          .forEach(s -> secrets.addObject().put("name", s.name()).put("valueFrom", s.valueFrom()));
    }
    if (c.healthCheck() != null) {
      ObjectNode h = n.putObject("healthCheck");
      h.set("command", JSON.valueToTree(c.healthCheck().command()));
      h.put("interval", c.healthCheck().interval()).put("timeout", c.healthCheck().timeout())
          .put("retries", c.healthCheck().retries()).put("startPeriod", c.healthCheck().startPeriod());
    }
    if (c.logConfiguration() != null) {
      ObjectNode l = n.putObject("logConfiguration");
      l.put("logDriver", c.logConfiguration().logDriverAsString());
      l.set("options", JSON.valueToTree(new java.util.TreeMap<>(c.logConfiguration().options())));
    }
    return n;
  }
}
