package io.cruddur;

import io.cruddur.base.CruddurException;
import io.cruddur.plan.Plan;
import io.cruddur.port.EcsPort;
import io.cruddur.port.ReadPorts;
import io.cruddur.resource.ServiceState;
import io.cruddur.spec.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An ECS Exec session into a running task of a service: the {@code aws ecs execute-command} line that opens it,
 * after checking what it needs (execute-command enabled on the service and its task, the task role allowed the
 * four {@code ssmmessages} actions, a running task with the container). {@code problems} says what is missing
 * ({@code warnings}: what could not be checked);
 * {@code command} is empty then. Immutable.
 */
public record ExecCommand(List<String> command, List<String> problems, List<String> warnings) {
  /** What the SSM agent in the task needs the task role to allow (ECS developer guide, "ECS Exec"). */
  public static final List<String> SSM_MESSAGES = List.of("ssmmessages:CreateControlChannel",
      "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel");

  public ExecCommand {
    command = List.copyOf(command);
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
  }

  /** Whether the session can be opened. */
  public boolean ready() {
    return problems.isEmpty();
  }

  /** The command line, quoted for a POSIX shell. */
  public String toShell() {
    List<String> out = new ArrayList<>();
    for (String a : command) {
      out.add(a.matches("[A-Za-z0-9_./:=@%+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return String.join(" ", out);
  }

  static ExecCommand of(Plan plan, ReadPorts reads, String service, String container, String shellCommand) {
    var stack = plan.stack();
    Service svc = stack.service(service).orElseThrow(() -> new CruddurException("stack " + stack.name()
        + " has no service '" + service + "'"));
    String name = container == null ? service : container;
    List<String> problems = new ArrayList<>();
    if (!svc.executeCommand()) {
      problems.add("service " + service + " does not enable execute-command: set executeCommand(true) on it in the "
          + "stack file and apply (the task role then gets the ssmmessages permissions)");
    }
    Record out = plan.knownOutputs().get(plan.service(service));
    if (!(out instanceof ServiceState.Outputs o)) {
      problems.add("service " + service + " is not deployed: apply the stack first");
      return new ExecCommand(List.of(), problems, List.of());
    }
    Optional<EcsPort.Service> live = reads.ecs().findService(o.cluster(), o.name());
    if (live.isPresent() && !live.get().spec().enableExecuteCommand() && svc.executeCommand()) {
      problems.add("the live service " + service + " does not enable execute-command (the spec does): apply the "
          + "stack, which also starts tasks that have the SSM agent set up");
    }
    List<String> unverified = new ArrayList<>();
    taskRole(plan, reads, service).ifPresentOrElse(role -> {
      List<String> missing = missing(reads, role, unverified);
      if (!missing.isEmpty()) {
        problems.add("the task role " + role + " does not allow " + missing + " (or denies them), which the SSM agent "
            + "in the task needs: with Cruddur's task role, executeCommand(true) on the service grants them; with a "
            + "role of your own, grant them to it");
      }
    }, () -> problems.add("service " + service + " has no task role, so the SSM agent cannot open a channel: "
        + "enable executeCommand(true) on the service (Cruddur then makes one) and apply"));
    List<EcsPort.Task> running = reads.ecs().tasks(o.cluster(), o.name()).stream()
        .filter(t -> t.lastStatus().equals("RUNNING")).toList();
    Optional<EcsPort.Task> task = running.stream().filter(EcsPort.Task::enableExecuteCommand).findFirst();
    if (running.isEmpty()) {
      problems.add("service " + service + " has no running task (see `cruddur status " + stack.name() + "`)");
    } else if (task.isEmpty()) {
      problems.add("none of the " + running.size() + " running task(s) of " + service + " was started with "
          + "execute-command enabled: start new ones with `cruddur redeploy " + stack.name() + " " + service + "`");
    } else if (!task.get().containers().contains(name)) {
      problems.add("the task has no container '" + name + "' (its containers: " + task.get().containers() + ")");
    }
    if (!problems.isEmpty()) {
      return new ExecCommand(List.of(), problems, List.of());
    }
    return new ExecCommand(List.of("aws", "ecs", "execute-command", "--region", plan.region(), "--cluster",
        o.cluster(), "--task", task.get().id(), "--container", name, "--interactive", "--command", shellCommand),
        List.of(), unverified.isEmpty() ? List.of() : List.of(unverified.get(0) + ": if they do not allow "
            + unverified.subList(1, unverified.size()) + ", the session will not open"));
  }

  /** The name of the task role of the service's task definition, as planned. */
  private static Optional<String> taskRole(Plan plan, ReadPorts reads, String service) {
    var found = Plans.taskDefinition(plan, service);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    var td = found.get();
    Object arn = td.taskRoleArn() instanceof io.cruddur.resource.Value.Known<String> k ? k.value() : null;
    if (arn == null && td.taskRoleArn() instanceof io.cruddur.resource.Ref<String> ref) {
      arn = ref.resolveFrom(plan.knownOutputs().get(ref.target())) instanceof io.cruddur.resource.Value.Known<String> k
          ? k.value() : null;
    }
    return arn == null ? Optional.empty() : Optional.of(arn.toString().substring(arn.toString().lastIndexOf('/') + 1));
  }

  /**
   * The ssmmessages actions the inline policies of {@code role} do not grant: no Allow statement names them (IAM
   * wildcards {@code *} and {@code ?}, case-insensitive), or a Deny statement does. Managed policies attached to the
   * role are not read (the port holds no call for their documents): with any attached, actions the inline policies
   * leave out are not counted as missing, and {@code unverified} says so.
   */
  private static List<String> missing(ReadPorts reads, String role, List<String> unverified) {
    List<String> allowed = new ArrayList<>();
    List<String> denied = new ArrayList<>();
    List<String> attached;
    try {
      attached = reads.iam().attachedPolicies(role);
      for (String doc : reads.iam().rolePolicies(role).values()) {
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(doc);
        com.fasterxml.jackson.databind.JsonNode st = root.path("Statement");
        for (com.fasterxml.jackson.databind.JsonNode s : st.isArray() ? st : List.of(st)) {
          List<String> into = "Allow".equals(s.path("Effect").asText()) ? allowed
              : "Deny".equals(s.path("Effect").asText()) ? denied : null;
          com.fasterxml.jackson.databind.JsonNode a = s.path("Action");
          if (into != null) {
            (a.isArray() ? a : List.of(a)).forEach(x -> into.add(x.asText()));
          }
        }
      }
    } catch (io.cruddur.port.CloudException.NotFound | com.fasterxml.jackson.core.JsonProcessingException e) {
      return SSM_MESSAGES;
    }
    List<String> out = new ArrayList<>();
    for (String action : SSM_MESSAGES) {
      if (denied.stream().anyMatch(p -> matches(p, action))) {
        out.add(action);
      } else if (allowed.stream().noneMatch(p -> matches(p, action))) {
        if (attached.isEmpty()) {
          out.add(action);
        } else if (!unverified.contains(action)) {
          unverified.add(action);
        }
      }
    }
    if (!unverified.isEmpty()) {
      unverified.add(0, "the task role's managed policies " + attached + " were not read");
    }
    return out;
  }

  /** Whether IAM action pattern {@code pattern} (with {@code *} and {@code ?}) names {@code action}. */
  static boolean matches(String pattern, String action) {
    StringBuilder regex = new StringBuilder();
    for (char ch : pattern.toLowerCase(Locale.ROOT).toCharArray()) {
      regex.append(ch == '*' ? ".*" : ch == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(ch)));
    }
    return action.toLowerCase(Locale.ROOT).matches(regex.toString());
  }
}
