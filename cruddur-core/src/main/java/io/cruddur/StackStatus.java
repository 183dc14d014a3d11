package io.cruddur;

import io.cruddur.base.Json;
import io.cruddur.plan.Action;
import io.cruddur.plan.Change;
import io.cruddur.plan.Drift;
import io.cruddur.plan.Plan;
import io.cruddur.plan.Step;
import io.cruddur.port.AutoScalingPort;
import io.cruddur.port.CloudException;
import io.cruddur.port.EcsPort;
import io.cruddur.port.ElbPort;
import io.cruddur.port.ReadPorts;
import io.cruddur.resource.ServiceState;
import io.cruddur.spec.Service;
import io.cruddur.spec.Stack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a deployed stack is doing, read from the cloud: per service its counts, deployments, last stopped tasks,
 * target health and auto-scaling capacity; the stack's URLs; and where what is live differs from the spec. Reads
 * only. Immutable.
 */
public record StackStatus(String stack, String region, List<ServiceStatus> services, List<String> urls,
    List<Difference> differences, List<Drift> drift) {
  /** How many stopped tasks a status shows per service, newest first. */
  public static final int STOPPED_SHOWN = 3;

  public StackStatus {
    services = List.copyOf(services);
    urls = List.copyOf(urls);
    differences = List.copyOf(differences);
    drift = List.copyOf(drift);
  }

  /**
   * One service. {@code deployed} false: it does not exist yet, and the other fields are empty. {@code override}: what
   * a day-2 command changed, if one did.
   */
  public record ServiceStatus(String name, boolean deployed, String status, int desired, int running, int pending,
      String taskDefinition, List<EcsPort.Deployment> deployments, List<EcsPort.StoppedTask> stoppedTasks,
      List<TargetGroupHealth> targets, Optional<Capacity> autoScaling, Optional<String> override) {
    public ServiceStatus {
      deployments = List.copyOf(deployments);
      stoppedTasks = List.copyOf(stoppedTasks);
      targets = List.copyOf(targets);
    }

    /** Whether it runs as many tasks as it wants, in one completed deployment. */
    public boolean steady() {
      return deployed && running == desired && pending == 0 && deployments.size() == 1
          && "COMPLETED".equals(deployments.get(0).rolloutState());
    }
  }

  /** The targets of one of a service's target groups, with their health. */
  public record TargetGroupHealth(String targetGroup, int port, List<ElbPort.TargetHealth> targets) {
    public TargetGroupHealth {
      targets = List.copyOf(targets);
    }
  }

  /** An auto-scaled service's range and the count it has now. */
  public record Capacity(int min, int max, int desired) {}

  /** A resource whose live state differs from the spec: to create, update, replace or delete, and which fields. */
  public record Difference(String resource, String action, List<String> properties) {
    public Difference {
      properties = List.copyOf(properties);
    }
  }

  /** Reads the status of the stack {@code plan} was made for (a plan of the stack, not of its destruction). */
  public static StackStatus read(Plan plan, ReadPorts reads) {
    Stack s = plan.stack();
    List<ServiceStatus> services = new ArrayList<>();
    for (Service svc : s.services()) {
      Record out = plan.knownOutputs().get(plan.service(svc.name()));
      Optional<EcsPort.Service> live = out instanceof ServiceState.Outputs o
          ? reads.ecs().findService(o.cluster(), o.name()) : Optional.empty();
      services.add(live.map(l -> service(svc, l, s, reads)).orElseGet(() -> new ServiceStatus(svc.name(), false,
          "not deployed", 0, 0, 0, null, List.of(), List.of(), List.of(), Optional.empty(), Optional.empty())));
    }
    List<Difference> differences = new ArrayList<>();
    for (Step st : plan.steps()) {
      if (st.action().writes() && st.action() != Action.REDEPLOY) {
        differences.add(new Difference(st.resource().toString(), st.action().name().toLowerCase(),
            st.action() == Action.UPDATE || st.action() == Action.REPLACE
                ? st.changes().stream().map(Change::property).toList() : List.of()));
      }
    }
    return new StackStatus(s.name(), plan.region(), services, StackOutputs.of(plan).urls(), differences,
        plan.drift());
  }

  private static ServiceStatus service(Service svc, EcsPort.Service live, Stack s, ReadPorts reads) {
    int pending = live.deployments().stream().mapToInt(EcsPort.Deployment::pendingCount).sum();
    List<EcsPort.StoppedTask> stopped = reads.ecs().stoppedTasks(live.spec().cluster(), live.name()).stream()
        .limit(STOPPED_SHOWN).toList();
    List<TargetGroupHealth> targets = new ArrayList<>();
    for (EcsPort.LoadBalancerAttachment lb : live.spec().loadBalancers()) {
      List<ElbPort.TargetHealth> health;
      try {
        health = reads.elb().targetHealth(lb.targetGroupArn());
      } catch (CloudException.NotFound e) {
        health = List.of();
      }
      targets.add(new TargetGroupHealth(name(lb.targetGroupArn()), lb.containerPort(), health));
    }
    Optional<Capacity> capacity = svc.autoScaling().flatMap(a -> reads.autoScaling().findScalableTarget(
        AutoScalingPort.ECS, ServiceState.autoScalingResourceId(live.spec().cluster(), live.name()),
        AutoScalingPort.ECS_DESIRED_COUNT)).map(t -> new Capacity(t.minCapacity(), t.maxCapacity(),
            live.desiredCount()));
    return new ServiceStatus(svc.name(), true, live.status(), live.desiredCount(), live.runningCount(), pending,
        name(live.spec().taskDefinitionArn()), live.deployments(), stopped, targets, capacity,
        Optional.ofNullable(live.spec().tags().get(io.cruddur.base.Tags.OVERRIDE)));
  }

  /** The last part of an ARN: {@code backend-flask:3} of a task definition, the name of a target group. */
  static String name(String arn) {
    if (arn == null) {
      return null;
    }
    if (arn.contains(":targetgroup/")) {
      String rest = arn.substring(arn.indexOf(":targetgroup/") + ":targetgroup/".length());
      return rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
    }
    return arn.substring(arn.lastIndexOf('/') + 1);
  }

  /** Whether every service is deployed and steady, and nothing differs from the spec. */
  public boolean healthy() {
    return services.stream().allMatch(ServiceStatus::steady) && differences.isEmpty();
  }

  /** A report for a terminal. */
  public String toText() {
    StringBuilder b = new StringBuilder("Status of stack " + stack + " (" + region + ")\n");
    for (ServiceStatus svc : services) {
      b.append('\n');
      if (!svc.deployed()) {
        b.append("service ").append(svc.name()).append("   not deployed (apply the stack)\n");
        continue;
      }
      b.append("service ").append(svc.name()).append("   ").append(svc.status()).append("   desired ")
          .append(svc.desired()).append(", running ").append(svc.running()).append(", pending ").append(svc.pending())
          .append("   ").append(svc.taskDefinition()).append(svc.steady() ? "   steady" : "   NOT STEADY").append('\n');
      svc.override().ifPresent(o -> b.append("  changed outside the spec: ").append(o).append('\n'));
      svc.autoScaling().ifPresent(c -> b.append("  auto scaling: min ").append(c.min()).append(", max ")
          .append(c.max()).append(", now ").append(c.desired()).append('\n'));
      b.append("  deployments:\n");
      for (EcsPort.Deployment d : svc.deployments()) {
        b.append("    ").append(pad(d.status(), 8)).append(pad(name(d.taskDefinitionArn()), 22))
            .append(pad(d.runningCount() + "/" + d.desiredCount() + " running"
                + (d.pendingCount() > 0 ? ", " + d.pendingCount() + " pending" : ""), 24))
            .append(pad(String.valueOf(d.rolloutState()), 12)).append(d.rolloutStateReason() == null ? ""
                : d.rolloutStateReason()).append('\n');
      }
      for (TargetGroupHealth tg : svc.targets()) {
        b.append("  target group ").append(tg.targetGroup()).append(" (port ").append(tg.port()).append("): ");
        if (tg.targets().isEmpty()) {
          b.append("no targets registered\n");
          continue;
        }
        b.append(summary(tg.targets())).append('\n');
        for (ElbPort.TargetHealth t : tg.targets()) {
          if (!"healthy".equals(t.state())) {
            b.append("    ").append(t.targetId()).append(':').append(t.port()).append("  ").append(t.state())
                .append(t.reason() == null ? "" : "  " + t.reason()).append(t.description() == null ? ""
                    : ": " + t.description()).append('\n');
          }
        }
      }
      if (!svc.stoppedTasks().isEmpty()) {
        b.append("  last stopped tasks:\n");
        // The same reason again and again (a task that cannot start, restarted) is one line with a count.
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (EcsPort.StoppedTask t : svc.stoppedTasks()) {
          lines.merge(pad(name(t.taskDefinitionArn()), 22) + (t.stopCode() == null ? "" : t.stopCode() + ": ")
              + t.stoppedReason(), 1, Integer::sum);
        }
        lines.forEach((line, n) -> b.append("    ").append(n > 1 ? n + "x " : "").append(line).append('\n'));
      }
    }
    if (!urls.isEmpty()) {
      b.append("\nurls:\n");
      urls.forEach(u -> b.append("  ").append(u).append('\n'));
    }
    b.append('\n');
    if (differences.isEmpty()) {
      b.append("differences from the spec: none, what is live matches it\n");
    } else {
      b.append("differences from the spec: ").append(differences.size()).append(" resource(s), edits not applied yet "
          + "or changes made outside (`cruddur diff ").append(stack).append("` shows each field; `cruddur apply ")
          .append(stack).append("` makes them match)\n");
      for (Difference d : differences) {
        b.append("  ").append(pad(d.action(), 8)).append(d.resource())
            .append(d.properties().isEmpty() ? "" : "  " + String.join(", ", d.properties())).append('\n');
      }
      for (Drift d : drift) {
        b.append("  ").append(d.resource()).append(" was changed by ").append(d.by()).append('\n');
      }
    }
    return b.toString();
  }

  private static String summary(List<ElbPort.TargetHealth> targets) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    targets.forEach(t -> counts.merge(String.valueOf(t.state()), 1, Integer::sum));
    StringBuilder b = new StringBuilder();
    counts.forEach((state, n) -> b.append(b.length() == 0 ? "" : ", ").append(n).append(' ').append(state));
    return b.toString();
  }

  private static String pad(String s, int width) {
    String v = s == null ? "" : s;
    return v.length() >= width ? v + " " : v + " ".repeat(width - v.length());
  }

  /** The same content as one JSON document. */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stack", stack);
    m.put("region", region);
    m.put("healthy", healthy());
    List<Object> svcs = new ArrayList<>();
    for (ServiceStatus s : services) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("name", s.name());
      x.put("deployed", s.deployed());
      x.put("status", s.status());
      x.put("steady", s.steady());
      x.put("desired", s.desired());
      x.put("running", s.running());
      x.put("pending", s.pending());
      x.put("taskDefinition", s.taskDefinition());
      x.put("override", s.override().orElse(null));
      x.put("autoScaling", s.autoScaling().orElse(null));
      x.put("deployments", s.deployments());
      x.put("stoppedTasks", s.stoppedTasks());
      x.put("targetGroups", s.targets());
      svcs.add(x);
    }
    m.put("services", svcs);
    m.put("urls", urls);
    m.put("differences", differences);
    m.put("drift", drift.stream().map(d -> {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("resource", d.resource());
      x.put("by", d.by());
      x.put("properties", d.changes().stream().map(Change::property).toList());
      x.put("keep", d.keep());
      return x;
    }).toList());
    return Json.write(m);
  }
}
