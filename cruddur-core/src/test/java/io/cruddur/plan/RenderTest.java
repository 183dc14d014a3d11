package io.cruddur.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.port.EcsPort;
import io.cruddur.resource.SecurityGroupState;
import io.cruddur.resource.TaskDefinitionState;
import io.cruddur.resource.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RenderTest {
  private static final String ROLE = "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"}}],\"Version\":\"2012-10-17\"}";

  private static List<String> created(String property, Object value) {
    return Render.change(Action.CREATE, new Change(property, null, value), 6);
  }

  private static List<String> updated(String property, Object before, Object after) {
    return Render.change(Action.UPDATE, new Change(property, before, after), 6);
  }

  private static String readSecrets(String... arns) {
    return "{\"Statement\":[{\"Action\":\"ssm:GetParameters\",\"Effect\":\"Allow\",\"Resource\":[\""
        + String.join("\",\"", arns) + "\"],\"Sid\":\"ReadSecrets\"}],\"Version\":\"2012-10-17\"}";
  }

  @Test
  void nestedRecordsMapsAndListsOfRecordsAreIndentedBlocksOneAttributePerLine() {
    var container = new TaskDefinitionState.Container("api", "api:1.0.0", 0, null, true,
        List.of(new EcsPort.PortMapping(8080, "tcp", "api", "http")), Map.of(), Map.of("DB_URL", "arn:db"),
        new TaskDefinitionState.LogConfiguration("awslogs", Map.of("awslogs-group", Value.unknown())), null);
    assertThat(created("containers", List.of(container))).containsExactly(
        "containers: [",
        "  {",
        "    cpu: 0",
        "    environment: {}",
        "    essential: true",
        "    image: \"api:1.0.0\"",
        "    logConfiguration: {",
        "      driver: \"awslogs\"",
        "      options: {",
        "        awslogs-group: (known after apply)",
        "      }",
        "    }",
        "    name: \"api\"",
        "    portMappings: [",
        "      {",
        "        appProtocol: \"http\"",
        "        containerPort: 8080",
        "        name: \"api\"",
        "        protocol: \"tcp\"",
        "      },",
        "    ]",
        "    secrets: {",
        "      DB_URL: \"arn:db\"",
        "    }",
        "  },",
        "]");
  }

  @Test
  void writeOnlyComponentsOfNestedRecordsStayHidden() {
    List<String> text = created("groups", List.of(new SecurityGroupState("web", "a write-only note", "vpc-1")));
    assertThat(text).containsExactly("groups: [", "  {", "    name: \"web\"", "    vpcId: \"vpc-1\"", "  },", "]");
    assertThat(String.join("\n", text)).doesNotContain("a write-only note");
  }

  @Test
  void scalarListsStayOnOneLineOnlyWhileTheyFitInTheWidth() {
    assertThat(created("subnets", List.of("subnet-a", "subnet-b"))).containsExactly(
        "subnets: [\"subnet-a\", \"subnet-b\"]");
    List<String> wide = IntStream.range(0, 5).mapToObj(i -> "subnet-0123456789abcdef" + i).toList();
    assertThat(created("subnets", wide)).hasSize(7).startsWith("subnets: [", "  \"subnet-0123456789abcdef0\",")
        .endsWith("  \"subnet-0123456789abcdef4\",", "]");
    assertThat(created("paths", List.of())).containsExactly("paths: []");
  }

  @Test
  void stringsAreEscapedSoAValueNeverSpansLines() {
    assertThat(created("command", "echo \"a\\b\"\nrm -rf /\t")).containsExactly(
        "command: \"echo \\\"a\\\\b\\\"\\nrm -rf /\\t\"");
  }

  @Test
  void aPolicyDocumentIsIndentedJson() {
    assertThat(created("assumeRolePolicy", ROLE)).containsExactly(
        "assumeRolePolicy: {",
        "  \"Statement\": [",
        "    {",
        "      \"Action\": \"sts:AssumeRole\",",
        "      \"Effect\": \"Allow\",",
        "      \"Principal\": {",
        "        \"Service\": \"ecs-tasks.amazonaws.com\"",
        "      }",
        "    }",
        "  ],",
        "  \"Version\": \"2012-10-17\"",
        "}");
  }

  @Test
  void aDocumentInsideAMapIsIndentedFromItsKey() {
    assertThat(created("environment", Map.of("CONFIG", "{\"a\":[1,2.50],\"b\":{}}"))).containsExactly(
        "environment: {",
        "  CONFIG: {",
        "    \"a\": [",
        "      1,",
        "      2.50",
        "    ],",
        "    \"b\": {}",
        "  }",
        "}");
  }

  @Test
  void aStringThatIsNotExactlyOneJsonObjectStaysAString() {
    assertThat(created("v", "{not json}")).containsExactly("v: \"{not json}\"");
    assertThat(created("v", "[1, 2]")).containsExactly("v: \"[1, 2]\"");
    assertThat(created("v", "{\"a\":1}{\"b\":2}")).containsExactly("v: \"{\\\"a\\\":1}{\\\"b\\\":2}\"");
    assertThat(created("v", "{\"a\":1,\"a\":2}")).as("a duplicate key would hide a value")
        .containsExactly("v: \"{\\\"a\\\":1,\\\"a\\\":2}\"");
  }

  @Test
  void anUpdatedPolicyShowsALineDiffOfTheTwoDocuments() {
    assertThat(updated("document", readSecrets("arn:a"), readSecrets("arn:a", "arn:b"))).containsExactly(
        "document:",
        "    {",
        "      \"Statement\": [",
        "        {",
        "          \"Action\": \"ssm:GetParameters\",",
        "          \"Effect\": \"Allow\",",
        "          \"Resource\": [",
        "  -         \"arn:a\"",
        "  +         \"arn:a\",",
        "  +         \"arn:b\"",
        "          ],",
        "          \"Sid\": \"ReadSecrets\"",
        "        }",
        "      ],",
        "      \"Version\": \"2012-10-17\"",
        "    }");
  }

  @Test
  void anUpdateOfOneLineValuesStaysOldToNew() {
    assertThat(updated("desiredCount", 1, 2)).containsExactly("desiredCount: 1 -> 2");
    assertThat(updated("taskDefinitionArn", "arn:td:1", Value.unknown()))
        .containsExactly("taskDefinitionArn: \"arn:td:1\" -> (known after apply)");
    assertThat(updated("subnets", List.of("a"), List.of("a", "b"))).containsExactly(
        "subnets: [\"a\"] -> [\"a\", \"b\"]");
  }

  @Test
  void anUpdateFromOrToABlockIsALineDiff() {
    assertThat(updated("healthCheck", null, new EcsPort.HealthCheck(List.of("CMD", "true"), 30, 5, 3, 0)))
        .containsExactly(
            "healthCheck:",
            "  - null",
            "  + {",
            "  +   command: [\"CMD\", \"true\"]",
            "  +   interval: 30",
            "  +   retries: 3",
            "  +   startPeriod: 0",
            "  +   timeout: 5",
            "  + }");
  }

  @Test
  void documentsThatDifferOnlyInSpacingShowTheirStrings() {
    assertThat(updated("document", "{\"a\":1}", "{\"a\": 1}")).containsExactly(
        "document: \"{\\\"a\\\":1}\" -> \"{\\\"a\\\": 1}\"");
  }

  @Test
  void aListOfMoreThanTwentyItemsShowsTheFirstTwentyThenCountsTheRest() {
    List<String> items = IntStream.rangeClosed(1, 55).mapToObj(i -> "arn:aws:logs:us-east-1:0:log-group:g" + i).toList();
    List<String> text = created("resources", items);
    assertThat(text).hasSize(23).startsWith("resources: [", "  \"arn:aws:logs:us-east-1:0:log-group:g1\",")
        .endsWith("  \"arn:aws:logs:us-east-1:0:log-group:g20\",", "  ... 35 more (55 in all)", "]");
    assertThat(String.join("\n", text)).doesNotContain("g21\"");
    assertThat(created("resources", items.subList(0, Render.FOLD))).as("twenty items: all shown")
        .hasSize(Render.FOLD + 2).noneMatch(l -> l.contains("more ("));
    assertThat(Render.change(Action.DELETE, new Change("resources", items, null), 6)).as("a delete folds too")
        .contains("  ... 35 more (55 in all)");
  }

  @Test
  void anUpdateOfALongListShowsWhatChangedAndCutsTheLongRunsOfUnchangedLines() {
    List<String> before = IntStream.rangeClosed(1, 55).mapToObj(i -> "arn:aws:logs:us-east-1:0:log-group:g" + i)
        .toList();
    List<String> after = new ArrayList<>(before);
    after.set(29, "arn:aws:logs:us-east-1:0:log-group:new");
    assertThat(updated("resources", before, after)).containsExactly(
        "resources:",
        "    [",
        "      \"arn:aws:logs:us-east-1:0:log-group:g1\",",
        "      \"arn:aws:logs:us-east-1:0:log-group:g2\",",
        "    ... 24 unchanged lines",
        "      \"arn:aws:logs:us-east-1:0:log-group:g27\",",
        "      \"arn:aws:logs:us-east-1:0:log-group:g28\",",
        "      \"arn:aws:logs:us-east-1:0:log-group:g29\",",
        "  -   \"arn:aws:logs:us-east-1:0:log-group:g30\",",
        "  +   \"arn:aws:logs:us-east-1:0:log-group:new\",",
        "      \"arn:aws:logs:us-east-1:0:log-group:g31\",",
        "      \"arn:aws:logs:us-east-1:0:log-group:g32\",",
        "      \"arn:aws:logs:us-east-1:0:log-group:g33\",",
        "    ... 20 unchanged lines",
        "      \"arn:aws:logs:us-east-1:0:log-group:g54\",",
        "      \"arn:aws:logs:us-east-1:0:log-group:g55\",",
        "    ]");
  }

  @Test
  void aLineDiffMatchesTheLongestCommonSubsequence() {
    assertThat(Render.lineDiff(List.of("a", "b", "c", "d"), List.of("a", "x", "c", "d", "e")))
        .containsExactly("  a", "- b", "+ x", "  c", "  d", "+ e");
    assertThat(Render.lineDiff(List.of("b", "a"), List.of("a", "b"))).containsExactly("- b", "  a", "+ b");
  }
}
