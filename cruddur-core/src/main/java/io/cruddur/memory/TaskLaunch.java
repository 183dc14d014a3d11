package io.cruddur.memory;

import io.cruddur.memory.MemoryState.StoredParameter;
import io.cruddur.memory.MemoryState.StoredRole;
import io.cruddur.port.EcsPort.ContainerDefinition;
import io.cruddur.port.EcsPort.TaskDefinition;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why the tasks of a task definition fail to start, in the order Fargate finds out and with the reasons it gives:
 * the execution role cannot get the registry's credentials or a secret, a secret's parameter does not exist, an
 * image is not in its ECR repository, the log group does not exist or may not be written. Null when tasks start.
 * Images outside this account's ECR registry are taken as pullable. Called under the cloud's lock.
 */
final class TaskLaunch {
  private static final Pattern ECR = Pattern.compile("(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com/"
      + "([^:@]+)(?::([^@]+))?");
  private static final String INIT = "ResourceInitializationError: unable to pull secrets or registry auth: "
      + "execution resource retrieval failed: ";

  private final InMemoryCloud c;

  TaskLaunch(InMemoryCloud c) {
    this.c = c;
  }

  /** The stopped reason of this task definition's tasks, or null if they start. */
  String failure(TaskDefinition td) {
    Optional<StoredRole> role = role(td.spec().executionRoleArn());
    if (role.isPresent() && !trustsEcsTasks(role.get().role().assumeRolePolicy())) {
      // The role's trust policy must let ECS tasks assume it (ECS docs, "Task execution IAM role").
      return INIT + "unable to assume the execution role " + role.get().role().arn() + ": AccessDeniedException: "
          + "ecs-tasks.amazonaws.com is not authorized to perform: sts:AssumeRole (its trust policy does not allow "
          + "the ecs-tasks.amazonaws.com service principal)";
    }
    if (role.isPresent() && !((MemIam) c.iam()).assumable(role.get().role().arn())) {
      // IAM is eventually consistent: a role created moments ago cannot be assumed by ECS yet.
      return INIT + "unable to assume the execution role " + role.get().role().arn() + ": AccessDeniedException: "
          + "ecs-tasks.amazonaws.com is not authorized to perform: sts:AssumeRole";
    }
    for (ContainerDefinition cd : td.spec().containers()) {
      Matcher ecr = ecr(cd.image());
      if (ecr != null) {
        String repository = c.arn("ecr", "repository/" + ecr.group(3));
        if (!allowed(role, "ecr:GetAuthorizationToken", "*") || !allowed(role, "ecr:BatchGetImage", repository)) {
          boolean auth = allowed(role, "ecr:GetAuthorizationToken", "*");
          return INIT + "unable to retrieve ecr registry auth: service call has been retried 3 time(s): "
              + (auth ? denied(role, "ecr:BatchGetImage", repository) : denied(role, "ecr:GetAuthorizationToken", "*"));
        }
      }
      for (String valueFrom : cd.secrets().values()) {
        Optional<StoredParameter> p = c.state.parameters.values().stream()
            .filter(x -> x.arn().equals(valueFrom) || x.name().equals(valueFrom)).findFirst();
        if (p.isEmpty()) {
          return INIT + "unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid ssm "
              + "parameters: " + parameterName(valueFrom);
        }
        if (!allowed(role, "ssm:GetParameters", p.get().arn())) {
          return INIT + "unable to retrieve secrets from ssm: service call has been retried 1 time(s): "
              + denied(role, "ssm:GetParameters", p.get().arn());
        }
      }
    }
    for (ContainerDefinition cd : td.spec().containers()) {
      Matcher ecr = ecr(cd.image());
      if (ecr != null) {
        String tag = ecr.group(4) == null ? "latest" : ecr.group(4);
        if (!c.state.repositories.containsKey(ecr.group(3))
            || !c.state.images.getOrDefault(ecr.group(3), java.util.List.of()).contains(tag)) {
          return "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref "
              + cd.image() + ": " + cd.image() + ": not found";
        }
      }
    }
    for (ContainerDefinition cd : td.spec().containers()) {
      if (cd.logConfiguration() != null && "awslogs".equals(cd.logConfiguration().driver())) {
        String group = cd.logConfiguration().options().get("awslogs-group");
        boolean create = "true".equals(cd.logConfiguration().options().get("awslogs-create-group"));
        String groupArn = c.arn("logs", "log-group:" + group);
        if (group != null && create && !c.state.logGroups.containsKey(group)
            && !allowed(role, "logs:CreateLogGroup", groupArn)) {
          // awslogs-create-group needs logs:CreateLogGroup, which AmazonECSTaskExecutionRolePolicy does not grant.
          return "ResourceInitializationError: failed to validate logger args: failed to create Cloudwatch log "
              + "group: " + denied(role, "logs:CreateLogGroup", groupArn) + " : exit status 1";
        }
        if (group != null && !create && !c.state.logGroups.containsKey(group)) {
          return "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 "
              + "times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group "
              + "does not exist. : exit status 1";
        }
        String stream = c.arn("logs", "log-group:" + group + ":log-stream:" + cd.name());
        if (group != null && !allowed(role, "logs:CreateLogStream", stream)) {
          return "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 "
              + "times: failed to create Cloudwatch log stream: " + denied(role, "logs:CreateLogStream", stream)
              + " : exit status 1";
        }
      }
    }
    return null;
  }

  /**
   * Whether a trust policy lets {@code ecs-tasks.amazonaws.com} call {@code sts:AssumeRole}: an Allow statement
   * whose Principal's Service names it (or is {@code *}) and whose Action matches. A malformed document trusts no one.
   */
  static boolean trustsEcsTasks(String trustPolicy) {
    if (trustPolicy == null) {
      return false;
    }
    // Asked on every refresh of every service whose deployment is in progress, of a few distinct documents.
    Boolean known = TRUSTS.get(trustPolicy);
    if (known == null) {
      if (TRUSTS.size() > 10_000) {
        TRUSTS.clear();
      }
      known = readTrust(trustPolicy);
      TRUSTS.put(trustPolicy, known);
    }
    return known;
  }

  private static final java.util.Map<String, Boolean> TRUSTS = new java.util.concurrent.ConcurrentHashMap<>();
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private static boolean readTrust(String trustPolicy) {
    try {
      com.fasterxml.jackson.databind.JsonNode root = JSON.readTree(trustPolicy);
      com.fasterxml.jackson.databind.JsonNode st = root.path("Statement");
      for (com.fasterxml.jackson.databind.JsonNode s : st.isArray() ? st : java.util.List.of(st)) {
        com.fasterxml.jackson.databind.JsonNode principal = s.path("Principal");
        boolean anyone = "*".equals(principal.asText(null));
        boolean service = values(principal.path("Service")).contains("ecs-tasks.amazonaws.com")
            || values(principal.path("AWS")).contains("*");
        boolean action = values(s.path("Action")).stream()
            .anyMatch(a -> a.equalsIgnoreCase("sts:AssumeRole") || a.equals("sts:*") || a.equals("*"));
        if ("Allow".equals(s.path("Effect").asText()) && (anyone || service) && action) {
          return true;
        }
      }
      return false;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static java.util.List<String> values(com.fasterxml.jackson.databind.JsonNode node) {
    java.util.List<String> out = new java.util.ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    } else if (node.isTextual()) {
      out.add(node.asText());
    }
    return out;
  }

  private Matcher ecr(String image) {
    Matcher m = ECR.matcher(image);
    return m.matches() && m.group(1).equals(c.state.accountId) && m.group(2).equals(c.state.region) ? m : null;
  }

  private Optional<StoredRole> role(String arn) {
    return arn == null ? Optional.empty()
        : c.state.roles.values().stream().filter(r -> r.role().arn().equals(arn)).findFirst();
  }

  private boolean allowed(Optional<StoredRole> role, String action, String resource) {
    return role.map(r -> Policies.allows(r, c.state.definedPolicies, action, resource)).orElse(false);
  }

  private String denied(Optional<StoredRole> role, String action, String resource) {
    String name = role.map(r -> r.role().name()).orElse("(no execution role)");
    return "AccessDeniedException: User: arn:" + c.partition() + ":sts::" + c.state.accountId + ":assumed-role/"
        + name + "/task is not authorized to perform: " + action + " on resource: " + resource
        + " because no identity-based policy allows the " + action + " action";
  }

  private static String parameterName(String valueFrom) {
    int i = valueFrom.indexOf(":parameter");
    return i < 0 ? valueFrom : valueFrom.substring(i + ":parameter".length());
  }
}
