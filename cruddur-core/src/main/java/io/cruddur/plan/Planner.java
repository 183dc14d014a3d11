package io.cruddur.plan;

import io.cruddur.plan.types.Blueprint;
import io.cruddur.plan.types.Types;
import io.cruddur.port.Cloud;
import io.cruddur.port.CloudException;
import io.cruddur.port.Ec2Port;
import io.cruddur.spec.Problem;
import io.cruddur.spec.Service;
import io.cruddur.spec.Stack;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Computes plans: reads actual state through the ports (never writes) and compares it with the stack. Stateless
 * and thread-safe.
 */
public final class Planner {
  private final Cloud cloud;

  public Planner(Cloud cloud) {
    this.cloud = cloud;
  }

  /** The plan that brings the cloud to {@code stack}, deleting what the stack owns but no longer declares. */
  public Plan plan(Stack stack) {
    return build(stack, false);
  }

  /** The plan that deletes everything {@code stack} owns, and nothing else. */
  public Plan destroy(Stack stack) {
    return build(stack, true);
  }

  private Plan build(Stack stack, boolean destroy) {
    // Each read once per plan: the same listings serve several resource types.
    Cloud cloud = new ReadCache(this.cloud);
    List<Problem> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    if (!cloud.region().equals(stack.region())) {
      problems.add(new Problem("region", "the stack is for " + stack.region() + " but the cloud is "
          + cloud.region()));
    }
    Optional<Ec2Port.Vpc> vpc = cloud.ec2().defaultVpc();
    List<String> subnets = vpc.map(v -> cloud.ec2().subnets(v.id()).stream().filter(Ec2Port.Subnet::defaultForAz)
        .map(Ec2Port.Subnet::id).sorted().toList()).orElse(List.of());
    if (vpc.isEmpty() && !destroy) {
      problems.add(new Problem("(network)", "the account has no default VPC in " + cloud.region()
          + "; give subnets explicitly"));
    }
    String vpcId = vpc.map(Ec2Port.Vpc::id).orElse("");
    var env = new Blueprint.Environment(cloud.accountId(), cloud.region(), cloud.partition(), vpcId, subnets);
    List<Desired> desired = sort(Blueprint.of(stack, env));
    Map<ResourceId, Desired> byId = new LinkedHashMap<>();
    desired.forEach(d -> byId.put(d.id(), d));
    var scope = new ResourceType.Scope(stack.name(), vpcId, List.of(stack.cluster().name()), Blueprint.zones(stack));

    Map<ResourceId, Map<String, String>> known = new HashMap<>();
    Map<ResourceId, Step> steps = new LinkedHashMap<>();
    Map<ResourceId, Action> actions = new HashMap<>();
    if (!destroy) {
      for (Desired d : desired) {
        if (d.id().type().startsWith(Blueprint.WAIT)) {
          continue;
        }
        ResourceType type = Types.of(d.id().type());
        Map<String, Object> props = Values.resolveProps(d.props(), r -> lookup(known, r));
        Optional<Actual> actual = type.read(cloud, scope, d.id(), props);
        Action action;
        List<Change> changes;
        if (d.lookup()) {
          if (actual.isEmpty()) {
            problems.add(new Problem(d.id().toString(), "does not exist (the stack uses it but does not create it)"));
          }
          action = Action.NOOP;
          changes = List.of();
        } else if (actual.isEmpty()) {
          action = Action.CREATE;
          changes = Values.diff(props, Map.of()).stream().filter(c -> c.after() != null).toList();
        } else {
          if (!actual.get().owned()) {
            problems.add(new Problem(d.id().toString(), "exists and is not owned by stack " + stack.name()
                + " (no tag " + Stack.OWNER_TAG + "=" + stack.name() + "); Cruddur will not change it"));
          }
          changes = Values.diff(props, actual.get().props());
          Set<String> top = changes.stream().map(c -> topKey(c.property())).collect(Collectors.toSet());
          if (changes.isEmpty()) {
            action = Action.NOOP;
          } else if (top.stream().anyMatch(type.replaceOn()::contains)) {
            action = Action.REPLACE;
          } else {
            action = Action.UPDATE;
          }
        }
        actual.ifPresent(a -> {
          if (action == Action.NOOP || action == Action.UPDATE) {
            Map<String, String> attrs = new LinkedHashMap<>(a.attributes());
            if (action == Action.UPDATE) {
              type.volatileAttributes().forEach(attrs::remove);
            }
            known.put(d.id(), attrs);
          }
        });
        actions.put(d.id(), action);
        steps.put(d.id(), new Step(d.id().toString(), action, d.id(), changes, Set.of(), d, actual.orElse(null)));
      }
      for (Desired d : desired) {
        if (d.id().type().startsWith(Blueprint.WAIT)) {
          waitStep(cloud, d, byId, actions, known).ifPresent(s -> steps.put(d.id(), s));
        }
      }
      checkSecrets(cloud, stack, warnings);
      stack.domain().filter(d -> d.createZone()).ifPresent(d -> {
        if (actions.get(new ResourceId("route53.hosted-zone", d.name())) == Action.CREATE) {
          warnings.add("domain: a new hosted zone " + d.name() + " will be created; until its name servers are set at "
              + "the domain's registrar (or parent zone) the certificate cannot be validated, and the apply waits "
              + "on it (use createZone(false) for a zone that already serves the domain)");
        }
      });
    }
    // What the stack owns but does not (or no longer) declare is deleted.
    Set<ResourceId> declared = destroy ? Set.of() : byId.keySet();
    for (ResourceType type : Types.all()) {
      for (Actual a : type.owned(cloud, scope)) {
        if (!declared.contains(a.id()) && !steps.containsKey(a.id())) {
          List<Change> changes = Values.diff(Map.of(), a.props()).stream().filter(c -> c.before() != null).toList();
          steps.put(a.id(), new Step(a.id().toString(), Action.DELETE, a.id(), changes, Set.of(), byId.get(a.id()),
              a));
        }
      }
    }
    return new Plan(stack, cloud.accountId(), cloud.region(), destroy, link(steps, byId), known, problems, warnings,
        scope);
  }

  private static String topKey(String property) {
    int i = 0;
    while (i < property.length() && property.charAt(i) != '.' && property.charAt(i) != '[') {
      i++;
    }
    return property.substring(0, i);
  }

  private static Object lookup(Map<ResourceId, Map<String, String>> known, Ref r) {
    Map<String, String> attrs = known.get(r.target());
    if (attrs == null || !attrs.containsKey(r.attribute())) {
      return Unknown.VALUE;
    }
    return attrs.get(r.attribute());
  }

  /** A wait is planned when its resource changes, or when it exists but has not reached the state yet. */
  private static Optional<Step> waitStep(Cloud cloud, Desired w, Map<ResourceId, Desired> byId,
      Map<ResourceId, Action> actions,
      Map<ResourceId, Map<String, String>> known) {
    ResourceId target = new ResourceId(w.id().type().substring(Blueprint.WAIT.length()), w.id().name());
    Action action = actions.get(target);
    if (action == null) {
      return Optional.empty();
    }
    boolean needed = action != Action.NOOP;
    if (!needed) {
      Waiter waiter = Types.of(target.type()).waiter().orElseThrow();
      try {
        needed = waiter.poll(cloud, known.getOrDefault(target, Map.of())) != null;
      } catch (CloudException e) {
        needed = true;
      }
    }
    return needed ? Optional.of(new Step(w.id().toString(), Action.WAIT, w.id(), List.of(), Set.of(), w, null))
        : Optional.empty();
  }

  private static void checkSecrets(Cloud cloud, Stack stack, List<String> warnings) {
    for (Service svc : stack.services()) {
      svc.secrets().forEach((name, secret) -> {
        if (cloud.ssm().describeParameter(secret.reference()).isEmpty()) {
          warnings.add("services[" + svc.name() + "].secrets[" + name + "]: SSM parameter " + secret.reference()
              + " does not exist; tasks will not start until it does");
        }
      });
    }
  }

  /**
   * Orders the steps and fills in their dependencies: a step waits for the steps of what it references; a
   * delete waits for every step on a higher layer (its users are changed or gone first).
   */
  private static List<Step> link(Map<ResourceId, Step> steps, Map<ResourceId, Desired> byId) {
    Map<ResourceId, Set<ResourceId>> deps = new LinkedHashMap<>();
    for (Step s : steps.values()) {
      Set<ResourceId> d = new TreeSet<>();
      if (s.action() == Action.DELETE) {
        int layer = layer(s.resource());
        steps.values().stream().filter(o -> o.action() != Action.NOOP && o.action() != Action.WAIT)
            .filter(o -> layer(o.resource()) > layer).forEach(o -> d.add(o.resource()));
      } else if (s.desired() != null) {
        s.desired().dependsOn().stream().filter(steps::containsKey)
            .filter(r -> steps.get(r).action() != Action.NOOP).forEach(d::add);
      }
      deps.put(s.resource(), d);
    }
    List<Step> out = new ArrayList<>();
    for (ResourceId id : topological(deps)) {
      Step s = steps.get(id);
      Set<String> ids = new LinkedHashSet<>();
      deps.get(id).forEach(r -> ids.add(steps.get(r).id()));
      out.add(new Step(s.id(), s.action(), s.resource(), s.changes(), Set.copyOf(ids), s.desired(), s.actual()));
    }
    return out;
  }

  private static int layer(ResourceId id) {
    String type = id.type().startsWith(Blueprint.WAIT) ? id.type().substring(Blueprint.WAIT.length()) : id.type();
    return Types.of(type).layer();
  }

  private static List<Desired> sort(List<Desired> desired) {
    Map<ResourceId, Desired> byId = new LinkedHashMap<>();
    desired.forEach(d -> byId.put(d.id(), d));
    Map<ResourceId, Set<ResourceId>> deps = new LinkedHashMap<>();
    desired.forEach(d -> deps.put(d.id(), d.dependsOn().stream().filter(byId::containsKey)
        .collect(Collectors.toCollection(TreeSet::new))));
    return topological(deps).stream().map(byId::get).toList();
  }

  /** Kahn's algorithm; ties broken by layer, then id, so plans render the same every time. */
  private static List<ResourceId> topological(Map<ResourceId, Set<ResourceId>> deps) {
    Comparator<ResourceId> order = Comparator.comparingInt(Planner::layer).thenComparing(Comparator.naturalOrder());
    Map<ResourceId, Integer> missing = new HashMap<>();
    Map<ResourceId, List<ResourceId>> users = new HashMap<>();
    deps.forEach((id, ds) -> {
      missing.put(id, ds.size());
      ds.forEach(d -> users.computeIfAbsent(d, k -> new ArrayList<>()).add(id));
    });
    java.util.PriorityQueue<ResourceId> ready = new java.util.PriorityQueue<>(order);
    missing.forEach((id, n) -> {
      if (n == 0) {
        ready.add(id);
      }
    });
    List<ResourceId> out = new ArrayList<>();
    while (!ready.isEmpty()) {
      ResourceId id = ready.poll();
      out.add(id);
      for (ResourceId u : users.getOrDefault(id, List.of())) {
        if (missing.merge(u, -1, Integer::sum) == 0) {
          ready.add(u);
        }
      }
    }
    if (out.size() != deps.size()) {
      Deque<ResourceId> cycle = new ArrayDeque<>(deps.keySet());
      cycle.removeAll(out);
      throw new IllegalStateException("dependency cycle among " + cycle);
    }
    return out;
  }
}
