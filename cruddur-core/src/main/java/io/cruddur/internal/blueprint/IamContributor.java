package io.cruddur.internal.blueprint;

import io.cruddur.base.Json;
import io.cruddur.resource.Handle;
import io.cruddur.resource.NodeId;
import io.cruddur.resource.PolicyAttachmentState;
import io.cruddur.resource.RolePolicyState;
import io.cruddur.resource.RoleState;
import io.cruddur.internal.kind.Kinds;
import io.cruddur.spec.Role;
import io.cruddur.spec.Service;
import io.cruddur.spec.Sidecar;
import io.cruddur.spec.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The execution and task roles: declared ones as they are, derived ones with least privilege (pull from the stack's
 * repositories, write to its log group, read its secrets; X-Ray and ECS Exec only when a service uses them).
 */
final class IamContributor {
  private static final String ECS_TASKS = "ecs-tasks.amazonaws.com";

  /** The roles the tasks run with, and the policy nodes a task needs in place before it starts. */
  record Roles(Handle<RoleState, RoleState.Outputs> execution, Handle<RoleState, RoleState.Outputs> task,
      List<NodeId> policies) {}

  private final Stack s;
  private final Environment env;
  private final Graph graph;
  private final List<NodeId> policies = new ArrayList<>();

  private IamContributor(Stack s, Environment env, Graph graph) {
    this.s = s;
    this.env = env;
    this.graph = graph;
  }

  static Roles contribute(Stack stack, Environment env, Graph graph) {
    IamContributor c = new IamContributor(stack, env, graph);
    var execution = c.role(stack.executionRole().orElseGet(c::executionRole));
    var task = c.role(stack.taskRole().orElseGet(c::taskRole));
    return new Roles(execution, task, List.copyOf(c.policies));
  }

  private Handle<RoleState, RoleState.Outputs> role(Role r) {
    var role = graph.add(Kinds.ROLE, r.name(), new RoleState(r.name(), trust(r.trustedService())));
    var roleName = role.output("name", RoleState.Outputs::name);
    r.inlinePolicies().forEach((name, doc) -> policies.add(graph.add(Kinds.ROLE_POLICY,
        Kinds.Names.rolePolicy(r.name(), name), new RolePolicyState(roleName, name, Json.canonical(doc))).id()
        .node()));
    for (String arn : r.managedPolicyArns()) {
      graph.add(Kinds.POLICY_ATTACHMENT, Kinds.Names.policyAttachment(r.name(), arn),
          new PolicyAttachmentState(roleName, arn));
    }
    return role;
  }

  private String trust(String service) {
    Map<String, Object> statement = new TreeMap<>();
    statement.put("Effect", "Allow");
    statement.put("Principal", Map.of("Service", service));
    statement.put("Action", "sts:AssumeRole");
    if (service.equals(ECS_TASKS)) {
      // Confused-deputy protection: only tasks of this account may assume the role.
      statement.put("Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", env.accountId())));
    }
    return policy(List.of(statement));
  }

  private static String policy(List<Map<String, Object>> statements) {
    return Json.canonical(Json.write(Map.of("Version", "2012-10-17", "Statement", statements)));
  }

  private static Map<String, Object> allow(String sid, Object actions, Object resources) {
    Map<String, Object> st = new TreeMap<>();
    st.put("Sid", sid);
    st.put("Effect", "Allow");
    st.put("Action", actions);
    st.put("Resource", resources);
    return st;
  }

  private Role executionRole() {
    List<Map<String, Object>> st = new ArrayList<>();
    Set<String> repos = new TreeSet<>();
    Set<String> params = new TreeSet<>();
    for (Service svc : s.services()) {
      svc.image().repository().ifPresent(r -> repos.add(env.arn("ecr", "repository/" + r).toString()));
      svc.sidecars().forEach(sc -> sc.image().repository()
          .ifPresent(r -> repos.add(env.arn("ecr", "repository/" + r).toString())));
      svc.secrets().values().forEach(sec -> params.add(sec.arn(env.partition(), env.region(), env.accountId())
          .toString()));
    }
    if (!repos.isEmpty()) {
      st.add(allow("EcrLogin", "ecr:GetAuthorizationToken", "*"));
      st.add(allow("PullStackImages", List.of("ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage",
          "ecr:GetDownloadUrlForLayer"), List.copyOf(repos)));
    }
    st.add(allow("WriteLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
        env.arn("logs", "log-group:" + s.logGroup().name() + ":*").toString()));
    if (!params.isEmpty()) {
      st.add(allow("ReadSecrets", "ssm:GetParameters", List.copyOf(params)));
      // A customer managed key needs an explicit grant; the account's alias/aws/ssm key lets SSM decrypt for it.
      s.secretsKmsKey().ifPresent(key -> st.add(allow("DecryptSecrets", "kms:Decrypt", key)));
    }
    return Role.builder().name(s.executionRoleName()).trustedService(ECS_TASKS)
        .inlinePolicy("cruddur-execution", policy(st)).build();
  }

  private Role taskRole() {
    List<Map<String, Object>> st = new ArrayList<>();
    if (s.services().stream().anyMatch(svc -> svc.sidecars().stream().anyMatch(Sidecar::xrayDaemon))) {
      st.add(allow("XRayDaemon", List.of("xray:GetSamplingRules", "xray:GetSamplingStatisticSummaries",
          "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments"), "*"));
    }
    if (s.services().stream().anyMatch(Service::executeCommand)) {
      st.add(allow("EcsExec", List.of("ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
          "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"), "*"));
    }
    Role.Builder b = Role.builder().name(s.taskRoleName()).trustedService(ECS_TASKS);
    if (!st.isEmpty()) {
      b.inlinePolicy("cruddur-task", policy(st));
    }
    return b.build();
  }
}
