package io.cruddur.bench;

import io.cruddur.plan.Action;
import io.cruddur.plan.Plan;
import io.cruddur.plan.Step;
import io.cruddur.resource.NodeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The longest path through a plan's DAG, given how long each step takes and how long a step must wait after one
 * of its (transitive) predecessors beyond that predecessor's end: the least time in which the plan can be applied
 * when every independent step runs at once. Not thread-safe.
 */
final class CriticalPath {
  /** What each step costs, in milliseconds. */
  interface Weights {
    /** How long the step itself takes. */
    long duration(Step step);

    /**
     * How long {@code to} must start after {@code from} ends, when {@code from} is one of its predecessors
     * (directly or not): 0 unless the cloud makes a dependent wait (IAM propagation, ACM filling in records).
     */
    default long delay(Step from, Step to) {
      return 0;
    }
  }

  /** One step's place on the schedule. */
  record Timing(Step step, long start, long finish) {}

  private final Map<NodeId, Timing> timings = new HashMap<>();
  private final Map<NodeId, Set<NodeId>> ancestors = new HashMap<>();
  private final Map<NodeId, NodeId> critical = new HashMap<>();
  private final Map<NodeId, Step> byNode = new HashMap<>();
  private final Weights weights;

  private CriticalPath(Weights weights) {
    this.weights = weights;
  }

  /** The schedule of {@code plan}'s steps (no-ops take no time) under {@code weights}. */
  static CriticalPath of(Plan plan, Weights weights) {
    CriticalPath cp = new CriticalPath(weights);
    plan.steps().forEach(s -> cp.byNode.put(s.node(), s));
    plan.steps().forEach(cp::timing);
    return cp;
  }

  private Timing timing(Step s) {
    Timing known = timings.get(s.node());
    if (known != null) {
      return known;
    }
    long start = 0;
    NodeId via = null;
    for (NodeId a : ancestors(s.node())) {
      Step from = byNode.get(a);
      long ready = timing(from).finish() + (from.action() == Action.NOOP ? 0 : weights.delay(from, s));
      boolean direct = s.dependsOn().contains(a);
      if ((direct || ready > timing(from).finish()) && (ready > start || via == null)) {
        start = ready;
        via = a;
      }
    }
    long duration = s.action() == Action.NOOP ? 0 : weights.duration(s);
    Timing t = new Timing(s, start, start + duration);
    timings.put(s.node(), t);
    if (via != null) {
      critical.put(s.node(), via);
    }
    return t;
  }

  private Set<NodeId> ancestors(NodeId node) {
    Set<NodeId> known = ancestors.get(node);
    if (known != null) {
      return known;
    }
    Set<NodeId> all = new HashSet<>();
    Step s = byNode.get(node);
    if (s != null) {
      for (NodeId d : s.dependsOn()) {
        if (byNode.containsKey(d)) {
          all.add(d);
          all.addAll(ancestors(d));
        }
      }
    }
    ancestors.put(node, all);
    return all;
  }

  /** When the last step ends: the length of the critical path. */
  long length() {
    return timings.values().stream().mapToLong(Timing::finish).max().orElse(0);
  }

  /** The steps of the critical path, first to last. */
  List<Timing> path() {
    Timing last = timings.values().stream().max(java.util.Comparator.comparingLong(Timing::finish)).orElse(null);
    List<Timing> out = new ArrayList<>();
    for (Timing t = last; t != null; t = critical.containsKey(t.step().node())
        ? timings.get(critical.get(t.step().node())) : null) {
      out.add(0, t);
    }
    return out;
  }

  Timing timing(NodeId node) {
    return timings.get(node);
  }
}
