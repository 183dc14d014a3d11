package io.cruddur.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.memory.MemoryState.StoredRole;
import io.cruddur.port.IamPort;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How IAM decides what an execution role allows: Allow statements of inline policies and of the AWS managed policies
 * the role attaches, with {@code *} and {@code ?} wildcards; actions compare without case, resources with case.
 */
class PoliciesTest {
  private static final String BUCKET = "arn:aws:s3:::assets/logo.png";

  private static StoredRole role(Map<String, String> inline, List<String> attached) {
    return new StoredRole(new IamPort.Role("exec", "arn:aws:iam::000000000000:role/exec", "{}", Map.of()), 0,
        inline, attached);
  }

  private static StoredRole inline(String document) {
    return role(Map.of("p", document), List.of());
  }

  private static String allow(String action, String resource) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"" + action
        + "\",\"Resource\":\"" + resource + "\"}}";
  }

  @Test
  void aRoleWithoutPoliciesAllowsNothing() {
    assertThat(Policies.allows(role(Map.of(), List.of()), "s3:GetObject", BUCKET)).isFalse();
  }

  @Test
  void anExactStatementAllowsThatActionOnThatResourceOnly() {
    StoredRole r = inline(allow("s3:GetObject", BUCKET));
    assertThat(Policies.allows(r, "s3:GetObject", BUCKET)).isTrue();
    assertThat(Policies.allows(r, "s3:PutObject", BUCKET)).isFalse();
    assertThat(Policies.allows(r, "s3:GetObject", BUCKET + "x")).as("the whole resource must match").isFalse();
    assertThat(Policies.allows(r, "s3:GetObjectx", BUCKET)).as("the whole action must match").isFalse();
  }

  @Test
  void actionsCompareWithoutCaseButResourcesWithCase() {
    assertThat(Policies.allows(inline(allow("S3:getobject", BUCKET)), "s3:GetObject", BUCKET)).isTrue();
    assertThat(Policies.allows(inline(allow("s3:GetObject", BUCKET)), "S3:GETOBJECT", BUCKET)).isTrue();
    assertThat(Policies.allows(inline(allow("s3:GetObject", BUCKET.toUpperCase())), "s3:GetObject", BUCKET))
        .isFalse();
  }

  @Test
  void starMatchesAnyRunAndQuestionMarkExactlyOneCharacter() {
    assertThat(Policies.allows(inline(allow("s3:Get*", "arn:aws:s3:::assets/*")), "s3:GetObject", BUCKET)).isTrue();
    assertThat(Policies.allows(inline(allow("s3:Get*", "arn:aws:s3:::other/*")), "s3:GetObject", BUCKET)).isFalse();
    assertThat(Policies.allows(inline(allow("s3:Get?bject", BUCKET)), "s3:GetObject", BUCKET)).isTrue();
    assertThat(Policies.allows(inline(allow("s3:Get?bject", BUCKET)), "s3:Getbject", BUCKET)).isFalse();
    assertThat(Policies.allows(inline(allow("s3:GetObject", "arn:aws:s3:::assets/logo?png")), "s3:GetObject",
        BUCKET)).isTrue();
    // Other regular-expression characters are literal: the dot in the pattern is no wildcard.
    assertThat(Policies.allows(inline(allow("s3:GetObject", BUCKET)), "s3:GetObject", "arn:aws:s3:::assets/logoxpng"))
        .isFalse();
    assertThat(Policies.allows(inline(allow("*", "*")), "anything:AtAll", "arn:x")).isTrue();
  }

  @Test
  void statementArraysAndActionAndResourceArraysAreEachConsidered() {
    String doc = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"logs:CreateLogStream\",\"logs:PutLogEvents\"],"
        + "\"Resource\":[\"arn:a\",\"arn:b\"]},{\"Effect\":\"Allow\",\"Action\":\"ssm:GetParameters\","
        + "\"Resource\":\"arn:p\"}]}";
    StoredRole r = inline(doc);
    assertThat(Policies.allows(r, "logs:PutLogEvents", "arn:b")).isTrue();
    assertThat(Policies.allows(r, "logs:CreateLogStream", "arn:a")).isTrue();
    assertThat(Policies.allows(r, "ssm:GetParameters", "arn:p")).isTrue();
    assertThat(Policies.allows(r, "ssm:GetParameters", "arn:a")).as("an action with another statement's resource")
        .isFalse();
  }

  @Test
  void denyStatementsMalformedDocumentsAndStatementsWithoutResourceAllowNothing() {
    assertThat(Policies.allows(inline("{\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}}"),
        "s3:GetObject", BUCKET)).isFalse();
    assertThat(Policies.allows(inline("{not json"), "s3:GetObject", BUCKET)).isFalse();
    assertThat(Policies.allows(inline("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\"}}"), "s3:GetObject",
        BUCKET)).isFalse();
  }

  @Test
  void everyInlinePolicyCounts() {
    StoredRole r = role(Map.of("a", allow("s3:GetObject", BUCKET), "b", allow("sqs:SendMessage", "*")), List.of());
    assertThat(Policies.allows(r, "s3:GetObject", BUCKET)).isTrue();
    assertThat(Policies.allows(r, "sqs:SendMessage", "arn:aws:sqs:us-east-1:000000000000:q")).isTrue();
  }

  @Test
  void knownManagedPoliciesGrantWhatTheirPublishedDocumentsGrant() {
    StoredRole exec = role(Map.of(), List.of("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"));
    assertThat(Policies.allows(exec, "ecr:GetAuthorizationToken", "*")).isTrue();
    assertThat(Policies.allows(exec, "ecr:BatchGetImage", "arn:aws:ecr:us-east-1:000000000000:repository/api"))
        .isTrue();
    assertThat(Policies.allows(exec, "logs:CreateLogStream", "arn:any")).isTrue();
    assertThat(Policies.allows(exec, "ssm:GetParameters", "arn:any")).as("no secrets in the execution policy")
        .isFalse();

    StoredRole ssm = role(Map.of(), List.of("arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess"));
    assertThat(Policies.allows(ssm, "ssm:GetParameters", "arn:any")).isTrue();
    assertThat(Policies.allows(ssm, "ssm:PutParameter", "arn:any")).isFalse();

    StoredRole logs = role(Map.of(), List.of("arn:aws:iam::aws:policy/CloudWatchLogsFullAccess"));
    assertThat(Policies.allows(logs, "logs:DeleteLogGroup", "arn:any")).isTrue();

    StoredRole s3 = role(Map.of(), List.of("arn:aws:iam::aws:policy/AmazonS3FullAccess"));
    assertThat(Policies.allows(s3, "s3:GetObject", BUCKET)).isTrue();
    assertThat(Policies.allows(s3, "sqs:SendMessage", "*")).isFalse();

    StoredRole admin = role(Map.of(), List.of("arn:aws:iam::aws:policy/AdministratorAccess"));
    assertThat(Policies.allows(admin, "ecr:GetAuthorizationToken", "*")).isTrue();
    assertThat(Policies.allows(admin, "ssm:GetParameters", "arn:any")).isTrue();

    StoredRole readOnly = role(Map.of(), List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"));
    assertThat(Policies.allows(readOnly, "ssm:GetParameters", "arn:any")).isTrue();
    assertThat(Policies.allows(readOnly, "ssm:PutParameter", "arn:any")).isFalse();

    StoredRole unknown = role(Map.of(), List.of("arn:aws:iam::aws:policy/AmazonRDSFullAccess"));
    assertThat(Policies.allows(unknown, "rds:DescribeDBInstances", "*")).as("a policy whose document is not known")
        .isFalse();
  }

  @Test
  void everyKnownManagedPolicyGrantsSomething() {
    assertThat(Policies.MANAGED).hasSize(19).allSatisfy((name, statements) ->
        assertThat(statements).as(name).isNotEmpty().allSatisfy(st -> assertThat(st.actions()).isNotEmpty()));
  }

  @Test
  void aDefinedPolicyGrantsWhatItsDocumentGrants() {
    String arn = "arn:aws:iam::000000000000:policy/read-db-url";
    StoredRole r = role(Map.of(), List.of(arn));
    assertThat(Policies.allows(r, "ssm:GetParameters", "arn:p")).as("not defined: nothing").isFalse();
    Map<String, String> defined = Map.of(arn, allow("ssm:GetParameters", "arn:p"));
    assertThat(Policies.allows(r, defined, "ssm:GetParameters", "arn:p")).isTrue();
    assertThat(Policies.allows(r, defined, "ssm:GetParameters", "arn:q")).isFalse();
  }

  /** The wildcard matcher decides as the regular expression it replaced ({@code *} as .*, {@code ?} as .). */
  @Test
  void wildcardsMatchAsTheRegularExpressionWould() {
    List<String> patterns = List.of("", "*", "?", "**", "a*", "*a", "a?c", "s3:Get*", "S3:GET*", "ecr:*Image*",
        "arn:aws:s3:::assets/*", "arn:aws:s3:::*/logo.???", "a*b*c", "*.*", "x**y", "[a]*", "a.c", "\\Q*\\E");
    List<String> values = List.of("", "a", "abc", "aXc", "s3:GetObject", "s3:getobject", "ecr:BatchGetImage",
        "arn:aws:s3:::assets/logo.png", "aabbcc", "acb", "x\ny", "xy", "[a]b", "a.c", "abcabc", "a\nc", "\\Qz\\E");
    for (String pattern : patterns) {
      for (String value : values) {
        for (boolean ignoreCase : new boolean[] {true, false}) {
          StringBuilder regex = new StringBuilder();
          for (char ch : pattern.toCharArray()) {
            regex.append(ch == '*' ? ".*" : ch == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(ch)));
          }
          boolean expected = java.util.regex.Pattern.compile(regex.toString(),
              ignoreCase ? java.util.regex.Pattern.CASE_INSENSITIVE : 0)
              .matcher(ignoreCase ? value.toLowerCase(java.util.Locale.ROOT) : value).matches();
          assertThat(Policies.matches(pattern, value, ignoreCase)).as("%s against %s", pattern, value)
              .isEqualTo(expected);
        }
      }
    }
  }
}
