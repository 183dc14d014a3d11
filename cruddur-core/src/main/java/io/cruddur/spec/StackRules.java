package io.cruddur.spec;

import io.cruddur.base.Tags;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks the stack's own settings: name, region, tags, cluster, ECR repositories, log group and IAM roles. */
final class StackRules {
  private static final Pattern STACK_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]{0,31}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");
  private static final Pattern NAMESPACE = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9._-]{0,1022}[a-zA-Z0-9])?");
  private static final Pattern REPOSITORY = Pattern.compile(
      "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
  private static final Pattern LOG_GROUP = Pattern.compile("[.\\-_/#A-Za-z0-9]{1,512}");
  private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
  private static final Set<Integer> RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
      545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

  private final Problems problems;

  StackRules(Problems problems) {
    this.problems = problems;
  }

  /** The stack's name, region, tags and cluster. */
  void identity(Stack s) {
    if (!STACK_NAME.matcher(s.name()).matches()) {
      problems.add("name", "'" + s.name() + "' must be 1-32 letters, digits or hyphens, starting with a letter");
    }
    if (!REGION.matcher(s.region()).matches()) {
      problems.add("region", "'" + s.region() + "' is not an AWS region name (like us-east-1)");
    }
    tags(s);
    if (!ServiceRules.ECS_NAME.matcher(s.cluster().name()).matches()) {
      problems.add("cluster.name", "'" + s.cluster().name()
          + "' must be 1-255 letters, digits, hyphens or underscores");
    }
    s.cluster().serviceConnectNamespace().ifPresent(ns -> {
      if (!NAMESPACE.matcher(ns).matches()) {
        problems.add("cluster.serviceConnectNamespace", "'" + ns
            + "' must be 1-1024 letters, digits, dots, hyphens or underscores");
      }
    });
  }

  /** The characters AWS allows in tag keys and values (the Tag data type of every tagging API). */
  private static final java.util.regex.Pattern TAG_CHARACTERS =
      java.util.regex.Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

  private void tags(Stack s) {
    // Count what Cruddur itself puts on every resource against the AWS limit, not only the stack's own tags.
    int added = s.resourceTags().size() - s.tags().size();
    if (s.resourceTags().size() > Tags.MAX_PER_RESOURCE) {
      problems.add("tags", s.tags().size() + " tags, at most " + (Tags.MAX_PER_RESOURCE - added) + ": AWS allows "
          + Tags.MAX_PER_RESOURCE + " per resource and Cruddur adds " + added + " (" + Tags.OWNER + ")");
    }
    s.tags().forEach((k, v) -> {
      if (k.isEmpty() || k.length() > 128) {
        problems.add("tags[" + k + "]", "keys are 1-128 characters");
      }
      if (v.length() > 256) {
        problems.add("tags[" + k + "]", "values are at most 256 characters");
      }
      if (!TAG_CHARACTERS.matcher(k).matches() || !TAG_CHARACTERS.matcher(v).matches()) {
        problems.add("tags[" + k + "]", "keys and values may hold only letters, digits, spaces and _ . : / = + - @");
      }
      if (k.toLowerCase().startsWith("aws:")) {
        problems.add("tags[" + k + "]", "the aws: prefix is reserved by AWS");
      }
      if (k.equals(Stack.OWNER_TAG)) {
        problems.add("tags[" + k + "]", "is set by Cruddur to the stack name");
      }
    });
  }

  /** Returns the declared repository names, which service images may refer to. */
  Set<String> repositories(Stack s) {
    Set<String> names = new HashSet<>();
    for (Repository r : s.repositories()) {
      String path = "repositories[" + r.name() + "]";
      if (r.name().length() < 2 || r.name().length() > 256 || !REPOSITORY.matcher(r.name()).matches()) {
        problems.add(path + ".name", "must be 2-256 lowercase letters, digits and . _ - / separators");
      }
      if (!names.add(r.name())) {
        problems.add(path, "duplicate repository name");
      }
    }
    return names;
  }

  void logGroup(Stack s) {
    if (!LOG_GROUP.matcher(s.logGroup().name()).matches()) {
      problems.add("logGroup.name", "'" + s.logGroup().name() + "' must be 1-512 of letters, digits and . - _ / #");
    }
    if (!RETENTION_DAYS.contains(s.logGroup().retentionDays())) {
      problems.add("logGroup.retentionDays", s.logGroup().retentionDays()
          + " is not a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)");
    }
  }

  private static final java.util.regex.Pattern KMS_KEY_ARN = java.util.regex.Pattern.compile(
      "arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
          + "[0-9a-f]{12})");

  void roles(Stack s) {
    s.executionRole().ifPresent(r -> role("executionRole", r));
    s.secretsKmsKey().ifPresent(key -> {
      if (!KMS_KEY_ARN.matcher(key).matches()) {
        problems.add("secretsKmsKey", "'" + key + "' is not a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID): IAM "
            + "grants kms:Decrypt by key ARN, not by alias");
      } else if (!key.split(":")[3].equals(s.region())) {
        problems.add("secretsKmsKey", "the key is in " + key.split(":")[3] + " but the stack in " + s.region()
            + ": SSM encrypts with a key of its own region");
      }
    });
    s.taskRole().ifPresent(r -> role("taskRole", r));
  }

  private void role(String path, Role r) {
    if (!ROLE_NAME.matcher(r.name()).matches()) {
      problems.add(path + ".name", "'" + r.name() + "' must be 1-64 of letters, digits and +=,.@_-");
    }
    r.managedPolicyArns().forEach(arn -> {
      if (!arn.startsWith("arn:aws") || !arn.contains(":policy/")) {
        problems.add(path + ".managedPolicyArns", "'" + arn + "' is not an IAM policy ARN");
      }
    });
    r.inlinePolicies().forEach((name, doc) -> {
      if (!doc.strip().startsWith("{") || !doc.contains("Statement")) {
        problems.add(path + ".inlinePolicies[" + name + "]", "is not a JSON policy document with a Statement");
      }
    });
  }
}
