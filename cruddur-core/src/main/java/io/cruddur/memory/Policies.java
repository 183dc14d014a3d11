package io.cruddur.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cruddur.memory.MemoryState.StoredRole;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Whether a role's policies allow an action on a resource, as IAM decides it for what ECS does with an execution
 * role: Allow statements of its inline policies, of the AWS managed policies it attaches (those {@link #MANAGED}
 * knows) and of the policies defined with {@link InMemoryCloud#definePolicy}, with
 * {@code *} and {@code ?} wildcards in actions (case-insensitive) and resources. Explicit denies, conditions and
 * permission boundaries are not modelled.
 */
final class Policies {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The AWS managed policies the cloud knows, by their path and name after {@code arn:<partition>:iam::aws:policy/},
   * with the Allow statements of their published documents (AWS Managed Policy Reference), reduced to actions and
   * resources. Where a document lists dozens of services ({@code ReadOnlyAccess}), the statement keeps its
   * read-only verbs for every service.
   */
  static final Map<String, List<Statement>> MANAGED = Map.ofEntries(
      Map.entry("service-role/AmazonECSTaskExecutionRolePolicy", all("ecr:GetAuthorizationToken",
          "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage",
          "logs:CreateLogStream", "logs:PutLogEvents")),
      Map.entry("CloudWatchAgentServerPolicy", List.of(new Statement(List.of("cloudwatch:PutMetricData",
          "ec2:DescribeVolumes", "ec2:DescribeTags", "logs:PutLogEvents", "logs:PutRetentionPolicy",
          "logs:DescribeLogStreams", "logs:DescribeLogGroups", "logs:CreateLogStream", "logs:CreateLogGroup",
          "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets",
          "xray:GetSamplingStatisticSummaries"), List.of("*")),
          new Statement(List.of("ssm:GetParameter"), List.of("arn:aws:ssm:*:*:parameter/AmazonCloudWatch-*")))),
      Map.entry("AmazonSSMReadOnlyAccess", all("ssm:Describe*", "ssm:Get*", "ssm:List*")),
      Map.entry("AWSXRayDaemonWriteAccess", all("xray:PutTraceSegments", "xray:PutTelemetryRecords",
          "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries")),
      Map.entry("AmazonEC2ContainerRegistryReadOnly", all("ecr:GetAuthorizationToken",
          "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:GetRepositoryPolicy",
          "ecr:DescribeRepositories", "ecr:ListImages", "ecr:DescribeImages", "ecr:BatchGetImage",
          "ecr:GetLifecyclePolicy", "ecr:GetLifecyclePolicyPreview", "ecr:ListTagsForResource",
          "ecr:DescribeImageScanFindings")),
      Map.entry("CloudWatchLogsFullAccess", all("logs:*", "cloudwatch:GenerateQuery")),
      Map.entry("AmazonS3ReadOnlyAccess", all("s3:Get*", "s3:List*", "s3:Describe*", "s3-object-lambda:Get*",
          "s3-object-lambda:List*")),
      Map.entry("AmazonS3FullAccess", all("s3:*", "s3-object-lambda:*")),
      Map.entry("AmazonDynamoDBReadOnlyAccess", all("dynamodb:BatchGetItem", "dynamodb:Describe*",
          "dynamodb:List*", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:PartiQLSelect",
          "cloudwatch:Describe*", "cloudwatch:Get*", "cloudwatch:List*")),
      Map.entry("AmazonDynamoDBFullAccess", all("dynamodb:*", "dax:*", "application-autoscaling:*",
          "cloudwatch:*", "iam:GetRole", "iam:ListRoles", "kms:DescribeKey", "kms:ListAliases", "sns:*")),
      Map.entry("AmazonSQSFullAccess", all("sqs:*")),
      Map.entry("AmazonSNSFullAccess", all("sns:*")),
      Map.entry("AmazonSESFullAccess", all("ses:*")),
      Map.entry("SecretsManagerReadWrite", all("secretsmanager:*", "cloudformation:CreateChangeSet",
          "cloudformation:DescribeChangeSet", "cloudformation:DescribeStackResource",
          "cloudformation:DescribeStacks", "cloudformation:ExecuteChangeSet", "ec2:DescribeSecurityGroups",
          "ec2:DescribeSubnets", "ec2:DescribeVpcs", "kms:DescribeKey", "kms:ListAliases", "kms:ListKeys",
          "lambda:ListFunctions", "rds:DescribeDBClusters", "rds:DescribeDBInstances", "redshift:DescribeClusters",
          "tag:GetResources")),
      Map.entry("AmazonSSMManagedInstanceCore", all("ssm:DescribeAssociation",
          "ssm:GetDeployablePatchSnapshotForInstance", "ssm:GetDocument", "ssm:DescribeDocument",
          "ssm:GetManifest", "ssm:GetParameter", "ssm:GetParameters", "ssm:ListAssociations",
          "ssm:ListInstanceAssociations", "ssm:PutInventory", "ssm:PutComplianceItems",
          "ssm:PutConfigurePackageResult", "ssm:UpdateAssociationStatus", "ssm:UpdateInstanceAssociationStatus",
          "ssm:UpdateInstanceInformation", "ssmmessages:*", "ec2messages:*")),
      Map.entry("AmazonPrometheusRemoteWriteAccess", all("aps:RemoteWrite")),
      Map.entry("AWSAppMeshEnvoyAccess", all("appmesh:StreamAggregatedResources")),
      Map.entry("ReadOnlyAccess", all("*:Describe*", "*:Get*", "*:List*", "*:BatchGet*", "*:Query", "*:Scan")),
      Map.entry("AdministratorAccess", all("*")));

  private static List<Statement> all(String... actions) {
    return List.of(new Statement(List.of(actions), List.of("*")));
  }

  record Statement(List<String> actions, List<String> resources) {}

  private Policies() {}

  /** Whether {@code role} may do {@code action} on {@code resource}, with no policies defined out of band. */
  static boolean allows(StoredRole role, String action, String resource) {
    return allows(role, Map.of(), action, resource);
  }

  /**
   * Whether {@code role} may do {@code action} on {@code resource}.
   *
   * @param defined documents of the managed policies defined in the cloud (customer managed, or AWS managed ones
   *     not in {@link #MANAGED}), by ARN
   */
  static boolean allows(StoredRole role, Map<String, String> defined, String action, String resource) {
    List<Statement> statements = new ArrayList<>();
    role.inlinePolicies().values().forEach(doc -> statements.addAll(parse(doc)));
    for (String arn : role.attachedPolicies()) {
      if (defined.containsKey(arn)) {
        statements.addAll(parse(defined.get(arn)));
      } else {
        String managed = awsManagedName(arn);
        statements.addAll(managed == null ? List.of() : MANAGED.getOrDefault(managed, List.of()));
      }
    }
    return statements.stream().anyMatch(s -> s.actions().stream().anyMatch(a -> matches(a, action, true))
        && s.resources().stream().anyMatch(r -> matches(r, resource, false)));
  }

  /** The path and name of an AWS managed policy's ARN ({@code service-role/AmazonECS...}), or null. */
  static String awsManagedName(String arn) {
    java.util.regex.Matcher m = AWS_MANAGED.matcher(arn);
    return m.matches() ? m.group(1) : null;
  }

  private static final Pattern AWS_MANAGED = Pattern.compile("arn:aws[a-z-]*:iam::aws:policy/(.+)");

  /**
   * Parsed documents: a task launch checks its role's policies on every refresh of its service, and the documents
   * are few. Bounded, for a process that makes many clouds.
   */
  private static final Map<String, List<Statement>> PARSED = new ConcurrentHashMap<>();

  private static List<Statement> parse(String document) {
    List<Statement> parsed = PARSED.get(document);
    if (parsed == null) {
      if (PARSED.size() > 10_000) {
        PARSED.clear();
      }
      parsed = List.copyOf(read(document));
      PARSED.put(document, parsed);
    }
    return parsed;
  }

  private static List<Statement> read(String document) {
    List<Statement> out = new ArrayList<>();
    try {
      JsonNode root = JSON.readTree(document);
      JsonNode st = root.path("Statement");
      for (JsonNode s : st.isArray() ? st : List.of(st)) {
        if ("Allow".equals(s.path("Effect").asText())) {
          out.add(new Statement(List.copyOf(strings(s.path("Action"))), List.copyOf(strings(s.path("Resource")))));
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

  /**
   * Whether {@code value} matches IAM's wildcards in {@code pattern} ({@code *} any run of characters, {@code ?} one
   * character; neither a line terminator), the action ignoring ASCII case. Matched by hand, not by a regular
   * expression compiled on every call: an apply of hundreds of services checks thousands of these.
   */
  static boolean matches(String pattern, String value, boolean ignoreCase) {
    String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
    int p = 0;
    int i = 0;
    int star = -1;
    int resume = 0;
    while (i < v.length()) {
      char c = p < pattern.length() ? pattern.charAt(p) : 0;
      if (p < pattern.length() && c != '*' && (c == '?' ? !lineTerminator(v.charAt(i))
          : same(c, v.charAt(i), ignoreCase))) {
        p++;
        i++;
      } else if (p < pattern.length() && c == '*') {
        star = p++;
        resume = i;
      } else if (star >= 0 && !lineTerminator(v.charAt(resume))) {
        // Let the last star take one more character, and match the rest of the pattern after it again.
        p = star + 1;
        i = ++resume;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  /** As {@link java.util.regex.Pattern#CASE_INSENSITIVE} compares: US-ASCII letters without regard to case. */
  private static boolean same(char a, char b, boolean ignoreCase) {
    if (a == b) {
      return true;
    }
    return ignoreCase && a < 128 && b < 128 && Character.toLowerCase(a) == Character.toLowerCase(b);
  }

  /** What a regular expression's {@code .} does not match. */
  private static boolean lineTerminator(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }
}
