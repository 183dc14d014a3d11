package io.cruddur.cli;

import io.cruddur.Cruddur;
import io.cruddur.ExecCommand;
import io.cruddur.ServiceLogs;
import io.cruddur.StackStatus;
import io.cruddur.apply.Outcome;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.plan.Plan;
import io.cruddur.spec.Stack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The day-2 commands: status, logs, scale, rollback, deploy --image, diff and exec. */
final class Day2Commands {
  private Day2Commands() {}

  /** A command about one service of the stack: its name is the second parameter. */
  abstract static class ServiceCommand extends Main.Common {
    @Override
    boolean readsLiveState() {
      return true;
    }

    @Parameters(index = "1", paramLabel = "SERVICE", description = "The service, by its name in the stack.")
    String service;

    /** The exit code for an unknown service, after saying which there are; 0 if the stack has it. */
    int unknownService(Stack stack) {
      if (stack.service(service).isPresent()) {
        return 0;
      }
      err().println("stack " + stack.name() + " has no service '" + service + "' (it has: "
          + stack.services().stream().map(io.cruddur.spec.Service::name).toList() + ")");
      return Main.UNKNOWN_STACK;
    }

  }

  /** A day-2 command that changes the service: it shows its plan, then its progress as apply does. */
  abstract static class ChangingServiceCommand extends ServiceCommand {
    @CommandLine.Mixin
    ProgressOptions progress;

    @Override
    boolean changes() {
      return true;
    }

    /** Prints {@code plan}, applies it unless it has problems or nothing to do, and says how it went. */
    int applyPlan(Cruddur cruddur, Plan plan, String what) {
      progress.textOut(out(), err()).print(plan.toText());
      out().flush();
      if (!plan.problems().isEmpty()) {
        err().println("the plan has problems; nothing was changed");
        return Main.REFUSED;
      }
      if (plan.work().isEmpty()) {
        progress.nothingToDo(spec.name(), plan, out(), cruddur.cloud().clock());
        err().println("nothing to do: " + service + " is that way already");
        return 0;
      }
      Outcome outcome = progress.run(spec.name(), cruddur, plan, out(), err());
      if (!outcome.succeeded()) {
        return Main.FAILED;
      }
      err().println(what + " in " + Main.seconds(outcome.elapsed()) + " (cloud clock); the next plan of the spec "
          + "shows it as drift: edit the stack file to keep it, or apply the stack to restore the spec");
      return 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Show how the deployed stack is doing: for each service its desired, running and pending "
          + "tasks, deployments with their rollout state, the last stopped tasks with their reasons, target health "
          + "and auto-scaling capacity; the stack's URLs; and what differs from the spec (drift). Reads only.")
  static final class StatusCommand extends Main.Common {
    @Override
    boolean readsLiveState() {
      return true;
    }

    @Option(names = "--json", description = "Print the status as JSON (with \"healthy\": every service steady and "
        + "no drift).")
    boolean json;

    @Override
    int run(Cruddur cruddur, Stack stack) {
      StackStatus status = cruddur.status(stack);
      out().print(json ? status.toJson() + "\n" : status.toText());
      return 0;
    }
  }

  @Command(name = "diff", mixinStandardHelpOptions = true,
      description = "Show only where what is live differs from the spec, field by field (like plan, without "
          + "steps), including what day-2 commands changed. Reads only.")
  static final class DiffCommand extends Main.Common {
    @Override
    boolean readsLiveState() {
      return true;
    }

    @Option(names = "--exit-code", description = "Exit with 1 when something differs (0 when nothing does), as "
        + "git diff --exit-code does: for drift checks in CI.")
    boolean exitCode;

    @Option(names = "--json", description = "Print the plan as JSON instead (its non-noop steps are the "
        + "differences, and \"drift\" the day-2 changes).")
    boolean json;

    @Override
    int run(Cruddur cruddur, Stack stack) {
      Plan plan = cruddur.plan(stack);
      out().print(json ? plan.toJson() + "\n" : plan.toDiffText());
      boolean differs = plan.steps().stream().anyMatch(s -> s.action().writes()
          && s.action() != io.cruddur.plan.Action.REDEPLOY);
      return exitCode && differs ? Main.FAILED : 0;
    }
  }

  @Command(name = "logs", mixinStandardHelpOptions = true,
      description = "Show the recent log events of a service's containers (CloudWatch Logs, the awslogs streams), "
          + "interleaved by time. Reads only.")
  static final class LogsCommand extends ServiceCommand {
    @Option(names = "--since", defaultValue = "10m", paramLabel = "DURATION", converter = Main.Durations.class,
        description = "How far back to start (e.g. 30s, 10m, 2h; default: ${DEFAULT-VALUE}).")
    Duration since;

    @Option(names = "--follow", description = "Keep polling for new events (after 1 s, backing off to 10 s while "
        + "none come) until interrupted (Ctrl-C).")
    boolean follow;

    @Option(names = "--container", paramLabel = "NAME",
        description = "Only this container's events (default: all the service's containers, sidecars included).")
    String container;

    @Option(names = "--json", description = "One JSON object per event: time, container, task, message.")
    boolean json;

    @Override
    int run(Cruddur cruddur, Stack stack) {
      int unknown = unknownService(stack);
      if (unknown != 0) {
        return unknown;
      }
      ServiceLogs logs = cruddur.logs(stack, service, container);
      Instant from = cruddur.cloud().clock().now().minus(since);
      if (!follow) {
        List<ServiceLogs.Line> lines = logs.since(from);
        lines.forEach(this::print);
        if (lines.isEmpty()) {
          err().println("no events since " + from + " (try a longer --since)");
        } else if (lines.size() >= ServiceLogs.LIMIT) {
          err().println("the first " + ServiceLogs.LIMIT + " events since " + from + ": pass a shorter --since for "
              + "the latest ones");
        }
        return 0;
      }
      // The embedded cloud's clock is virtual: pace the polls by the wall clock there, so that they do not spin.
      ServiceLogs paced = cruddur.cloud() instanceof InMemoryCloud ? logs.pacedBy(io.cruddur.port.Clock.SYSTEM)
          : logs;
      paced.follow(from, this::print, () -> false);
      return 0;
    }

    private void print(ServiceLogs.Line l) {
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", l.time().toString());
        m.put("container", l.container());
        m.put("task", l.task());
        m.put("message", l.message());
        out().println(io.cruddur.base.Json.write(m));
      } else {
        out().println(l.toText());
      }
      out().flush();
    }
  }

  @Command(name = "scale", mixinStandardHelpOptions = true,
      description = "Set a service's desired count without a spec change, to 0 and back included, and wait until "
          + "it is stable. With auto scaling, the scalable target's range follows (pinned at COUNT unless --min or "
          + "--max say otherwise). The next plan shows it as drift.")
  static final class ScaleCommand extends ChangingServiceCommand {
    @Parameters(index = "2", paramLabel = "COUNT", description = "The number of tasks.")
    int count;

    @Option(names = "--min", paramLabel = "N", description = "With auto scaling: the range's minimum (default: "
        + "COUNT).")
    Integer min;

    @Option(names = "--max", paramLabel = "N", description = "With auto scaling: the range's maximum (default: "
        + "COUNT).")
    Integer max;

    @Override
    int run(Cruddur cruddur, Stack stack) {
      int unknown = unknownService(stack);
      if (unknown != 0) {
        return unknown;
      }
      try {
        return applyPlan(cruddur, cruddur.planScale(stack, service, count, min, max),
            "scaled " + service + " to " + count);
      } catch (io.cruddur.base.CruddurException e) {
        err().println(e.getMessage());
        return 2;
      }
    }
  }

  @Command(name = "rollback", mixinStandardHelpOptions = true,
      description = "Return a service to the task definition revision before the one it runs (or --to one), and "
          + "wait until it is stable. The next plan shows it as drift.")
  static final class RollbackCommand extends ChangingServiceCommand {
    @Option(names = "--to", paramLabel = "REVISION", description = "The revision number to return to (it must be "
        + "ACTIVE).")
    Integer revision;

    @Override
    int run(Cruddur cruddur, Stack stack) {
      int unknown = unknownService(stack);
      return unknown != 0 ? unknown
          : applyPlan(cruddur, cruddur.planRollback(stack, service, revision), "rolled back " + service);
    }
  }

  @Command(name = "deploy", mixinStandardHelpOptions = true,
      description = "Deploy another image for a service without editing the spec (for CI pipelines): a new task "
          + "definition revision running it, then the service on it, and wait until it is stable. The next plan "
          + "shows it as drift.")
  static final class DeployCommand extends ChangingServiceCommand {
    @Option(names = "--image", required = true, paramLabel = "TAG",
        description = "A tag of the container's image repository (v42), or a whole image reference "
            + "(registry/repo:tag).")
    String image;

    @Option(names = "--container", paramLabel = "NAME",
        description = "The container to change (default: the service's own; a sidecar by its name).")
    String container;

    @Override
    int run(Cruddur cruddur, Stack stack) {
      int unknown = unknownService(stack);
      if (unknown != 0) {
        return unknown;
      }
      if (cruddur.cloud() instanceof InMemoryCloud local && !noSeedImages && !image.contains("/")
          && !image.contains(":")) {
        // As CI would have pushed it before deploying: the embedded cloud has no registry to push to.
        stack.service(service).flatMap(s -> container == null || container.equals(service) ? s.image().repository()
            : s.sidecars().stream().filter(sc -> sc.name().equals(container)).findFirst()
                .flatMap(sc -> sc.image().repository()))
            .filter(r -> local.ecr().findRepository(r).isPresent())
            .filter(r -> !local.ecr().imageTags(r).contains(image)).ifPresent(r -> {
              local.pushImage(r, image);
              err().println("seed   pushed a generated image " + r + ":" + image + " (as CI would; "
                  + "--no-seed-images to leave it out)");
            });
      }
      try {
        return applyPlan(cruddur, cruddur.planDeployImage(stack, service, container, image),
            "deployed " + image + " to " + service);
      } catch (io.cruddur.base.CruddurException e) {
        err().println(e.getMessage());
        return Main.UNKNOWN_STACK;
      }
    }
  }

  @Command(name = "exec", mixinStandardHelpOptions = true,
      description = "Open a shell (or run a command) in a running task of a service with ECS Exec: checks that "
          + "execute-command is enabled and that the task role has the ssmmessages permissions, then prints the "
          + "aws ecs execute-command line, or runs it when the aws CLI and the Session Manager plugin are on PATH.")
  static final class ExecCommandLine extends ServiceCommand {
    @Option(names = "--container", paramLabel = "NAME", description = "The container (default: the service's own).")
    String container;

    @Option(names = "--print", description = "Only print the command line, even when it could run.")
    boolean print;

    @Parameters(index = "2..*", arity = "0..*", paramLabel = "CMD",
        description = "The command to run, after -- (default: /bin/sh).")
    List<String> command = new ArrayList<>();

    @Override
    int run(Cruddur cruddur, Stack stack) {
      int unknown = unknownService(stack);
      if (unknown != 0) {
        return unknown;
      }
      // One string for ECS Exec, which runs it through a shell: each argument quoted, so that -- sh -c "echo a b"
      // keeps its three arguments.
      String cmd = command.isEmpty() ? "/bin/sh" : String.join(" ", command.stream().map(a ->
          a.matches("[A-Za-z0-9_./:=@%+,-]+") ? a : "'" + a.replace("'", "'\\''") + "'").toList());
      ExecCommand exec = cruddur.exec(stack, service, container, cmd);
      if (!exec.ready()) {
        err().println("cannot exec into " + service + ":");
        exec.problems().forEach(p -> err().println("  - " + p));
        return Main.FAILED;
      }
      exec.warnings().forEach(w -> err().println("warning: " + w));
      boolean runnable = onPath("aws") && onPath("session-manager-plugin");
      if (print || !runnable || cruddur.cloud() instanceof InMemoryCloud) {
        out().println(exec.toShell());
        if (!print) {
          err().println(cruddur.cloud() instanceof InMemoryCloud
              ? "the embedded cloud runs no containers: on AWS this line opens the session"
              : "run it where the aws CLI and the Session Manager plugin are installed (https://docs.aws.amazon.com/"
                  + "systems-manager/latest/userguide/session-manager-working-with-install-plugin.html)");
        }
        return 0;
      }
      try {
        ProcessBuilder pb = new ProcessBuilder(exec.command()).inheritIO();
        if (region != null) {
          pb.environment().put("AWS_REGION", region);
        }
        if (profile != null) {
          pb.environment().put("AWS_PROFILE", profile);
        }
        return pb.start().waitFor();
      } catch (java.io.IOException e) {
        err().println("cannot run " + exec.command().get(0) + ": " + e.getMessage());
        return Main.FAILED;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Main.FAILED;
      }
    }

    private static boolean onPath(String program) {
      String path = System.getenv("PATH");
      return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
          .anyMatch(d -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(d, program)));
    }
  }
}
