package io.cruddur.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cruddur.base.CruddurException;
import io.cruddur.resource.NodeId;
import io.cruddur.resource.ResourceId;
import io.cruddur.resource.ResourceState;
import io.cruddur.resource.Scope;
import io.cruddur.spec.Problem;
import io.cruddur.spec.Stack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What applying a stack would do: a DAG of steps computed from the stack and the cloud's actual state. Reading
 * it changes nothing. Secret values never appear: secrets are parameter ARNs. Immutable and thread-safe.
 *
 * <p>{@link #problems()} are reasons not to apply (a resource of the same name the stack does not own, a
 * lookup that found nothing); {@link #warnings()} are worth a look (a secret parameter that does not exist yet).
 */
public final class Plan {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false);

  /** Where a step's changes start, under its {@code + type name} line. */
  private static final String CHANGE_INDENT = "      ";

  private final Stack stack;
  private final String accountId;
  private final String region;
  private final boolean destroy;
  private final List<Step> steps;
  private final Map<ResourceId, Record> known;
  private final Map<ResourceId, ResourceState> planned;
  private final List<Problem> problems;
  private final List<String> warnings;
  private final List<Drift> drift;
  private final Scope scope;

  Plan(Stack stack, String accountId, String region, boolean destroy, List<Step> steps,
      Map<ResourceId, Record> known, Map<ResourceId, ResourceState> planned, List<Problem> problems,
      List<String> warnings, List<Drift> drift, Scope scope) {
    this.drift = List.copyOf(drift);
    this.planned = Map.copyOf(planned);
    this.scope = scope;
    this.stack = stack;
    this.accountId = accountId;
    this.region = region;
    this.destroy = destroy;
    this.steps = List.copyOf(steps);
    this.known = Map.copyOf(known);
    this.problems = List.copyOf(problems);
    this.warnings = List.copyOf(warnings);
  }

  public Stack stack() {
    return stack;
  }

  public String accountId() {
    return accountId;
  }

  public String region() {
    return region;
  }

  public boolean isDestroy() {
    return destroy;
  }

  /** Every step, unchanged ones included, dependencies first. */
  public List<Step> steps() {
    return steps;
  }

  /** Steps that do something (everything but no-ops). */
  public List<Step> work() {
    return steps.stream().filter(s -> s.action() != Action.NOOP).toList();
  }

  /** The outputs of the resources that exist and keep them (an ARN, an id), keyed by resource. */
  public Map<ResourceId, Record> knownOutputs() {
    return known;
  }

  /**
   * The desired state of every resource the plan read, with its refs resolved as far as known at plan time: what
   * refs to another resource's inputs resolve against.
   */
  public Map<ResourceId, ResourceState> plannedStates() {
    return planned;
  }

  /** The resource of the stack's service {@code name} (whether or not the stack declares it). */
  public ResourceId service(String name) {
    return io.cruddur.internal.blueprint.Blueprint.service(stack, name);
  }

  /** What the planner knew of the stack's surroundings (VPC, cluster, zones) when it read the cloud. */
  public Scope scope() {
    return scope;
  }

  public List<Problem> problems() {
    return problems;
  }

  public List<String> warnings() {
    return warnings;
  }

  /**
   * What day-2 commands changed away from the spec (a scale, a rollback, an image deployed from the command line),
   * which applying the plan restores.
   */
  public List<Drift> drift() {
    return drift;
  }

  public long count(Action action) {
    return steps.stream().filter(s -> s.action() == action).count();
  }

  /**
   * The steps where what is live differs from the spec: creates, updates, replaces and deletes (not a redeploy of a
   * resource as declared, nor a wait).
   */
  public List<Step> differences() {
    return steps.stream().filter(s -> s.action().writes() && s.action() != Action.REDEPLOY).toList();
  }

  /** Whether applying would change nothing. */
  public boolean isEmpty() {
    return steps.stream().noneMatch(s -> s.action().writes());
  }

  /** Steps per action: create, update, replace, delete and noop always; redeploy when there is one. */
  public Map<String, Long> summary() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (Action a : List.of(Action.CREATE, Action.UPDATE, Action.REPLACE, Action.DELETE, Action.NOOP)) {
      m.put(a.name().toLowerCase(), count(a));
    }
    if (count(Action.REDEPLOY) > 0) {
      m.put("redeploy", count(Action.REDEPLOY));
    }
    return m;
  }

  /**
   * A readable rendering: each step that does something, like {@code + ecs.service cruddur/backend-flask}, with its
   * changed fields one per line ({@code desiredCount: 1 -> 2}), nested values and policy documents as indented
   * blocks, an update of a multi-line value as a line diff; see {@link Render} for the details.
   */
  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append(destroy ? "Destroy plan" : "Plan").append(" for stack ").append(stack.name()).append(" (account ")
        .append(accountId).append(", ").append(region).append(")\n");
    for (Problem p : problems) {
      b.append("! problem: ").append(p).append('\n');
    }
    for (String w : warnings) {
      b.append("! warning: ").append(w).append('\n');
    }
    appendDrift(b);
    b.append('\n');
    for (Step s : steps) {
      if (s.action() == Action.NOOP) {
        continue;
      }
      if (s.action() == Action.WAIT) {
        b.append(s.action().symbol()).append(" wait for ").append(s.id()).append('\n');
        continue;
      }
      b.append(s.action().symbol()).append(' ').append(s.resource()).append('\n');
      for (Change c : s.changes()) {
        for (String line : Render.change(s.action(), c, CHANGE_INDENT.length())) {
          b.append(CHANGE_INDENT).append(line).append('\n');
        }
      }
    }
    b.append('\n').append("Plan: ").append(count(Action.CREATE)).append(" to create, ").append(count(Action.UPDATE))
        .append(" to update, ").append(count(Action.REPLACE)).append(" to replace, ").append(count(Action.DELETE))
        .append(" to delete, ");
    if (count(Action.REDEPLOY) > 0) {
      b.append(count(Action.REDEPLOY)).append(" to redeploy, ");
    }
    b.append(count(Action.NOOP)).append(" unchanged, ").append(count(Action.WAIT)).append(" waits.\n");
    return b.toString();
  }

  /** A JSON rendering whose top level has {@code summary} with the counts per action. */
  public String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("stack", stack.name());
    root.put("account", accountId);
    root.put("region", region);
    root.put("destroy", destroy);
    root.put("summary", summary());
    root.put("problems", problems.stream().map(p -> {
      Map<String, Object> m = new java.util.LinkedHashMap<>(); // Map.of has no order: the JSON would vary by run
      m.put("path", p.path());
      m.put("message", p.message());
      return m;
    }).toList());
    root.put("warnings", warnings);
    root.put("drift", drift.stream().map(d -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("resource", d.resource());
      m.put("by", d.by());
      m.put("changes", d.changes().stream().map(c -> {
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("property", c.property());
        cm.put("live", Render.json(c.before()));
        cm.put("spec", Render.json(c.after()));
        return cm;
      }).toList());
      m.put("keep", d.keep());
      return m;
    }).toList());
    List<Object> out = new ArrayList<>();
    for (Step s : steps) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", s.id());
      m.put("action", s.action().name().toLowerCase());
      m.put("type", s.node().label());
      m.put("name", s.resource().name());
      m.put("dependsOn", s.dependsOn().stream().map(NodeId::toString).sorted().toList());
      List<Object> changes = new ArrayList<>();
      for (Change c : s.changes()) {
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("property", c.property());
        cm.put("before", Render.json(c.before()));
        cm.put("after", Render.json(c.after()));
        changes.add(cm);
      }
      m.put("changes", changes);
      out.add(m);
    }
    root.put("steps", out);
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new CruddurException("cannot render the plan as JSON", e);
    }
  }

  private void appendDrift(StringBuilder b) {
    if (drift.isEmpty()) {
      return;
    }
    b.append("! drift: changed outside the spec by Cruddur's day-2 commands; applying this plan restores the spec\n");
    for (Drift d : drift) {
      b.append("!   ").append(d.resource()).append(": ").append(d.by()).append('\n');
      for (Change c : d.changes()) {
        liveToSpec(c, 8).forEach(l -> b.append("!       ").append(l).append('\n'));
      }
      b.append("!     to keep it instead: ").append(d.keep()).append('\n');
    }
  }

  /**
   * A change as live to spec: {@code desiredCount: 0 -> 1   (live -> spec)} on one line, or a line diff from the
   * live value to the spec's.
   */
  private static List<String> liveToSpec(Change c, int column) {
    List<String> lines = new ArrayList<>(Render.change(Action.UPDATE, c, column));
    if (lines.size() == 1) {
      lines.set(0, lines.get(0) + "   (live -> spec)");
    } else {
      lines.set(0, lines.get(0) + "   (- live, + spec)");
    }
    return lines;
  }

  /**
   * Only what differs between the spec and what is live, field by field: each resource to create (missing), delete
   * (no longer declared) or change, with the live and the spec's value, and the drift of day-2 commands. No steps,
   * no waits.
   */
  public String toDiffText() {
    StringBuilder b = new StringBuilder("Differences between the spec of stack " + stack.name()
        + " and what is live (account " + accountId + ", " + region + ")\n");
    for (Problem p : problems) {
      b.append("! problem: ").append(p).append('\n');
    }
    appendDrift(b);
    List<Step> differences = differences();
    for (Step s : differences) {
      switch (s.action()) {
        case CREATE -> b.append("\n+ ").append(s.resource()).append("   (declared, not live)\n");
        case DELETE -> b.append("\n- ").append(s.resource()).append("   (live, owned by the stack, no longer declared)\n");
        default -> b.append("\n").append(s.action().symbol()).append(' ').append(s.resource())
            .append(s.action() == Action.REPLACE ? "   (must be replaced)" : "").append('\n');
      }
      if (s.action() == Action.UPDATE || s.action() == Action.REPLACE) {
        for (Change c : s.changes()) {
          liveToSpec(c, 4).forEach(l -> b.append("    ").append(l).append('\n'));
        }
      }
    }
    b.append(differences.isEmpty() ? "\nNo differences: what is live matches the spec.\n"
        : "\n" + differences.size() + " resource(s) differ: `apply` makes them match the spec.\n");
    return b.toString();
  }

  @Override
  public String toString() {
    return toText();
  }
}
