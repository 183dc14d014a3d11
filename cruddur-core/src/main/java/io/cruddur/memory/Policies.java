package io.cruddur.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cruddur.memory.MemoryState.StoredRole;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Whether a role's policies allow an action on a resource, as IAM decides it for what ECS does with an execution
 * role: Allow statements of its inline policies and of the AWS managed policies it is known to attach, with
 * {@code *} and {@code ?} wildcards in actions (case-insensitive) and resources. Explicit denies, conditions and
 * permission boundaries are not modelled.
 */
final class Policies {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The statements of the AWS managed policies execution roles usually carry (from their published documents). */
  private static final Map<String, List<Statement>> MANAGED = Map.of(
      "AmazonECSTaskExecutionRolePolicy", List.of(new Statement(List.of("ecr:GetAuthorizationToken",
          "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage",
          "logs:CreateLogStream", "logs:PutLogEvents"), List.of("*"))),
      "AmazonSSMReadOnlyAccess", List.of(new Statement(List.of("ssm:Describe*", "ssm:Get*", "ssm:List*"),
          List.of("*"))),
      "CloudWatchLogsFullAccess", List.of(new Statement(List.of("logs:*"), List.of("*"))));

  private record Statement(List<String> actions, List<String> resources) {}

  private Policies() {}

  static boolean allows(StoredRole role, String action, String resource) {
    List<Statement> statements = new ArrayList<>();
    role.inlinePolicies().values().forEach(doc -> statements.addAll(parse(doc)));
    for (String arn : role.attachedPolicies()) {
      statements.addAll(MANAGED.getOrDefault(arn.substring(arn.lastIndexOf('/') + 1), List.of()));
    }
    return statements.stream().anyMatch(s -> s.actions().stream().anyMatch(a -> matches(a, action, true))
        && s.resources().stream().anyMatch(r -> matches(r, resource, false)));
  }

  private static List<Statement> parse(String document) {
    List<Statement> out = new ArrayList<>();
    try {
      JsonNode root = JSON.readTree(document);
      JsonNode st = root.path("Statement");
      for (JsonNode s : st.isArray() ? st : List.of(st)) {
        if ("Allow".equals(s.path("Effect").asText())) {
          out.add(new Statement(strings(s.path("Action")), strings(s.path("Resource"))));
        }
      }
    } catch (IOException e) {
      // IAM refuses a malformed document at PutRolePolicy; one that got here allows nothing.
    }
    return out;
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    } else if (!node.isMissingNode()) {
      out.add(node.asText());
    }
    return out;
  }

  private static boolean matches(String pattern, String value, boolean ignoreCase) {
    StringBuilder regex = new StringBuilder();
    for (char ch : pattern.toCharArray()) {
      regex.append(ch == '*' ? ".*" : ch == '?' ? "." : Pattern.quote(String.valueOf(ch)));
    }
    Pattern p = Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    return p.matcher(ignoreCase ? value.toLowerCase(Locale.ROOT) : value).matches();
  }
}
