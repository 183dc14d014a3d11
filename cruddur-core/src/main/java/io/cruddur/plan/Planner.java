package io.cruddur.plan;

import io.cruddur.base.CruddurException;
import io.cruddur.internal.blueprint.Blueprint;
import io.cruddur.internal.blueprint.Environment;
import io.cruddur.port.Cloud;
import io.cruddur.port.CloudException;
import io.cruddur.port.Ec2Port;
import io.cruddur.port.ReadPorts;
import io.cruddur.port.SsmPort;
import io.cruddur.resource.Actual;
import io.cruddur.resource.Desired;
import io.cruddur.resource.Kind;
import io.cruddur.resource.Node;
import io.cruddur.resource.NodeId;
import io.cruddur.resource.Records;
import io.cruddur.resource.Ref;
import io.cruddur.resource.ResourceId;
import io.cruddur.resource.ResourceState;
import io.cruddur.resource.ScalableTargetState;
import io.cruddur.resource.ServiceState;
import io.cruddur.resource.TaskDefinitionState;
import io.cruddur.resource.Scope;
import io.cruddur.resource.Value;
import io.cruddur.resource.Wait;
import io.cruddur.spec.Problem;
import io.cruddur.spec.Service;
import io.cruddur.spec.Stack;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Computes plans: reads actual state through the read ports (never writes: it holds no write port) and compares it
 * with the stack's desired graph. Works on {@link Kind}s only.
 *
 * <ul><li>Reads: each once per plan ({@link ReadCache}). A plan of the whole stack (and a destroy) first lists what
 * the stack owns, kind by kind, on {@value #READ_THREADS} threads; the resources it declares are then found in those
 * listings, so that a plan with nothing to do makes about one read per resource.</li>
 * <li>Determinism: the reads made in parallel only fill the cache; the plan is computed on the calling thread, in
 * the same order every time.</li>
 * <li>Clock: planning is not work that {@link io.cruddur.port.Clock#enter enters} the cloud's clock: its threads wait
 * for each other's reads, and a virtual clock must be free to end the pause of a read that is retried.</li></ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class Planner {
  /** How many reads a plan makes at once. */
  static final int READ_THREADS = 8;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Planner.class);
  private final PlanOptions options;
  private final Cloud cloud;

  public Planner(Cloud cloud) {
    this(cloud, PlanOptions.defaults());
  }

  public Planner(Cloud cloud, PlanOptions options) {
    this.cloud = cloud;
    this.options = options;
  }

  /** The plan that brings the cloud to {@code stack}, deleting what the stack owns but no longer declares. */
  public Plan plan(Stack stack) {
    Run run = new Run(stack, true);
    run.planDeclared();
    run.planDeletes(false);
    return run.plan(false);
  }

  /** The plan that deletes everything {@code stack} owns, and nothing else. */
  public Plan destroy(Stack stack) {
    Run run = new Run(stack, true);
    run.planDeletes(true);
    return run.plan(true);
  }

  /**
   * The plan that deploys service {@code service} again as it runs (to pull a tag that moved) and waits until it
   * is stable: one redeploy step and its wait.
   *
   * @throws CruddurException if the stack declares no such service
   * @throws CloudException.NotFound if the service is not deployed
   */
  public Plan redeploy(Stack stack, String service) {
    if (stack.service(service).isEmpty()) {
      throw new CruddurException("stack " + stack.name() + " has no service '" + service + "'");
    }
    Run run = new Run(stack, false);
    run.planRedeploy(run.desired.get(Blueprint.service(stack, service)));
    return run.plan(false);
  }

  /**
   * The plan of {@code cruddur scale}: service {@code service} to {@code count} tasks, without a spec change, and
   * its wait. With auto scaling, its scalable target's range becomes {@code min}..{@code max} (each null: pinned at
   * {@code count}), so that auto scaling keeps the count. The next plan of the spec shows it as drift.
   *
   * @throws CruddurException if the stack declares no such service, or the count or range is out of bounds
   * @throws CloudException.NotFound if the service is not deployed
   */
  public Plan scale(Stack stack, String service, int count, Integer min, Integer max) {
    if (count < 0 || (min != null && (min < 0 || min > count)) || (max != null && max < count)) {
      throw new CruddurException("scale: need 0 <= min <= count <= max (count " + count + ", min " + min + ", max "
          + max + ")");
    }
    Service svc = declared(stack, service);
    if (svc.autoScaling().isEmpty() && (min != null || max != null)) {
      throw new CruddurException("scale: service " + service + " has no auto scaling, so --min and --max do not "
          + "apply");
    }
    Run run = new Run(stack, false);
    String by = "cruddur scale " + count + " at " + now();
    var live = run.live(service);
    run.rewrite(live.desired(), live.actual(), live.actual().state().withDesiredCount(count).withOverride(by));
    svc.autoScaling().ifPresent(a -> run.rescale(stack, service, min == null ? count : min,
        max == null ? count : max));
    return run.plan(false);
  }

  /**
   * The plan of {@code cruddur rollback}: service {@code service} back to the revision of its task definition
   * before the one it runs ({@code revision} null), or to {@code revision}; and its wait. The revision must be
   * ACTIVE: ECS runs no deregistered one. Otherwise the plan has a problem that lists the revisions there are.
   *
   * @throws CruddurException if the stack declares no such service
   * @throws CloudException.NotFound if the service is not deployed
   */
  public Plan rollback(Stack stack, String service, Integer revision) {
    declared(stack, service);
    Run run = new Run(stack, false);
    var live = run.live(service);
    String current = live.actual().outputs().taskDefinitionArn();
    String family = current.substring(current.lastIndexOf('/') + 1, current.lastIndexOf(':'));
    int running = Integer.parseInt(current.substring(current.lastIndexOf(':') + 1));
    // The ACTIVE revisions only: describing every revision ever registered would cost a call each.
    List<io.cruddur.port.EcsPort.TaskDefinition> all = run.reads.ecs().taskDefinitions(family);
    List<Integer> active = all.stream().map(io.cruddur.port.EcsPort.TaskDefinition::revision).sorted().toList();
    Optional<io.cruddur.port.EcsPort.TaskDefinition> target = revision == null
        ? all.stream().filter(t -> t.revision() < running)
            .max(Comparator.comparingInt(io.cruddur.port.EcsPort.TaskDefinition::revision))
        : all.stream().filter(t -> t.revision() == revision).findFirst();
    String path = "services[" + service + "]";
    if (target.isEmpty()) {
      run.problems.add(new Problem(path, revision == null
          ? "runs " + family + ":" + running + " and there is no earlier ACTIVE revision to roll back to (ACTIVE: "
              + active + "); Cruddur keeps the revision before the newest one, so apply once more before you need "
              + "a rollback, or deploy an older image with deploy --image"
          : "task definition " + family + ":" + revision + " is not ACTIVE (deregistered, or never registered), "
              + "and ECS runs no deregistered revision: pick one of " + active + ", or deploy its image with "
              + "deploy --image"));
    } else {
      String by = "cruddur rollback to " + family + ":" + target.get().revision() + " at " + now();
      run.rewrite(live.desired(), live.actual(), live.actual().state()
          .withTaskDefinition(Value.of(target.get().arn())).withOverride(by));
    }
    return run.plan(false);
  }

  /**
   * The plan of {@code cruddur deploy --image}: a new revision of the service's task definition as the spec
   * declares it, with container {@code container} (null: the service's own) running {@code image}, then the service
   * on that revision, and its wait. {@code image} is a tag of the container's image repository ({@code v42}) or a
   * whole image reference. A tag missing from the repository is a problem, as in any plan.
   *
   * @throws CruddurException if the stack declares no such service or container
   * @throws CloudException.NotFound if the service is not deployed
   */
  public Plan deployImage(Stack stack, String service, String container, String image) {
    Service svc = declared(stack, service);
    String name = container == null ? service : container;
    io.cruddur.spec.Image declared = name.equals(service) ? svc.image() : svc.sidecars().stream()
        .filter(sc -> sc.name().equals(name)).map(io.cruddur.spec.Sidecar::image).findFirst()
        .orElseThrow(() -> new CruddurException("service " + service + " has no container '" + name + "' (its "
            + "containers: " + containers(svc) + ")"));
    boolean tagOnly = !image.contains("/") && !image.contains(":") && !image.contains("@");
    Run run = new Run(stack, false);
    var svcLive = run.live(service);
    Desired<ServiceState, ServiceState.Outputs> d = svcLive.desired();
    if (!(d.state().taskDefinitionArn() instanceof Ref<String> ref)) {
      throw new CruddurException(d.resource() + " names no task definition of the stack");
    }
    @SuppressWarnings("unchecked")
    Desired<TaskDefinitionState, TaskDefinitionState.Outputs> td =
        (Desired<TaskDefinitionState, TaskDefinitionState.Outputs>) run.desired.get(ref.target());
    // The newest revision as it is, with only the image changed: what the spec changed besides is left to apply.
    var tdActual = td.kind().read(run.reads, run.scope, td.resource().name(), td.state()).orElseThrow(() ->
        new CloudException.NotFound(td.resource() + " is not deployed: apply the stack first"));
    TaskDefinitionState live = tdActual.state();
    String uri = live.containers().stream().filter(c -> c.name().equals(name)).findFirst()
        .map(TaskDefinitionState.Container::image).orElseThrow(() -> new CruddurException(td.resource()
            + " has no container '" + name + "'"));
    String reference = tagOnly ? withTag(uri, image) : image;
    if (tagOnly) {
      declared.repository().filter(r -> run.reads.ecr().findRepository(r).isPresent())
          .filter(r -> !run.reads.ecr().imageTags(r).contains(image))
          .ifPresent(r -> {
            String message = "tag " + image + " is not in repository " + r + ", so the tasks could not start";
            if (options.allowMissingImages()) {
              run.warnings.add("image: " + message);
            } else {
              run.problems.add(new Problem("image", message + ": push it first, or allow it (CLI "
                  + "--allow-missing-images)"));
            }
          });
    }
    TaskDefinitionState next = new TaskDefinitionState(live.family(), live.cpu(), live.memory(),
        live.executionRoleArn(), live.taskRoleArn(), live.containers().stream().map(c -> c.name().equals(name)
            ? c.withImage(reference) : c).toList());
    run.rewrite(td, tdActual, next);
    String by = "cruddur deploy " + name + " image " + reference + " at " + now();
    run.rewrite(d, svcLive.actual(), svcLive.actual().state().withTaskDefinition(ref).withOverride(by));
    return run.plan(false);
  }

  private static String withTag(String uri, String tag) {
    int slash = uri.lastIndexOf('/');
    int colon = uri.lastIndexOf(':');
    int at = uri.indexOf('@');
    String repository = at >= 0 ? uri.substring(0, at) : colon > slash ? uri.substring(0, colon) : uri;
    return repository + ":" + tag;
  }

  private static List<String> containers(Service svc) {
    List<String> out = new ArrayList<>(List.of(svc.name()));
    svc.sidecars().forEach(sc -> out.add(sc.name()));
    return out;
  }

  private static Service declared(Stack stack, String service) {
    return stack.service(service).orElseThrow(() -> new CruddurException("stack " + stack.name()
        + " has no service '" + service + "' (it has: " + stack.services().stream().map(Service::name).toList()
        + ")"));
  }

  private String now() {
    return cloud.clock().now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        .toString();
  }

  /** How to make the spec say what a day-2 command did, so that apply keeps it. */
  private static String keep(String by, String service) {
    if (by.startsWith("cruddur scale ")) {
      String n = by.substring("cruddur scale ".length()).split(" ")[0];
      return "set desiredCount(" + n + ") on service " + service + " in the stack file (with auto scaling: its "
          + "autoScaling min and max)";
    }
    if (by.startsWith("cruddur deploy ")) {
      String[] w = by.split(" ");
      return "set the image of container " + w[2] + " to " + w[4] + " in the stack file";
    }
    return "put the image tags of the revision rolled back to into the stack file";
  }

  /** One planning pass over one stack: what it read and what it decided so far. */
  private final class Run {
    final Stack stack;
    final ReadPorts reads = ReadCache.of(cloud.reads(), cloud.clock());
    final List<Problem> problems = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final Environment environment;
    final List<Node> nodes;
    final Map<NodeId, Node> byId = new LinkedHashMap<>();
    final Map<ResourceId, Desired<?, ?>> desired = new LinkedHashMap<>();
    final Scope scope;
    final Map<ResourceId, Record> known = new HashMap<>();
    /** Desired states with their refs resolved as far as known at plan time, in the order they were planned. */
    final Map<ResourceId, ResourceState> planned = new HashMap<>();
    final Map<NodeId, Step> steps = new LinkedHashMap<>();
    final List<Drift> drift = new ArrayList<>();

    /** When planning started (System.nanoTime), for the log. */
    final long started = System.nanoTime();

    /** With {@code prefetch}, what the stack owns is listed first, in parallel (a plan that looks at all of it). */
    Run(Stack stack, boolean prefetch) {
      this.stack = stack;
      if (!cloud.region().equals(stack.region())) {
        problems.add(new Problem("region", "the stack is for " + stack.region() + " but the cloud is "
            + cloud.region() + " (build the cloud for the stack's region, e.g. InMemoryCloud.builder().region(\""
            + stack.region() + "\"), or AwsCloud.builder().region(...))"));
      }
      // The default subnets name their VPC: one read, unless there are none.
      List<Ec2Port.Subnet> defaults = reads.ec2().defaultSubnets();
      Optional<String> vpc = defaults.isEmpty() ? reads.ec2().defaultVpc().map(Ec2Port.Vpc::id)
          : Optional.of(defaults.get(0).vpcId());
      if (vpc.isEmpty()) {
        problems.add(new Problem("region", "region " + cloud.region() + " has no default VPC, which the stack's "
            + "security groups, load balancer and services use: create one (aws ec2 create-default-vpc --region "
            + cloud.region() + "), or deploy to a region that has one"));
      }
      List<String> subnets = defaults.stream().map(Ec2Port.Subnet::id).sorted().toList();
      String vpcId = vpc.orElse("");
      this.scope = Blueprint.scope(stack, vpcId);
      if (prefetch) {
        prefetch();
      }
      this.environment = new Environment(cloud.accountId(), cloud.region(), cloud.partition(), vpcId, subnets,
          listenerRules(), sharedGroups(vpcId));
      this.nodes = sort(Blueprint.of(stack, environment));
      for (Node n : nodes) {
        byId.put(n.id(), n);
        if (n instanceof Desired<?, ?> d) {
          desired.put(d.resource(), d);
        }
      }
    }

    /**
     * Lists what the stack owns, every kind at once, into the cache, for the plan to find there. A read that fails
     * here is made again where the plan needs it, and fails there.
     */
    private void prefetch() {
      List<Runnable> work = new ArrayList<>();
      for (Kind<?, ?> kind : Blueprint.kinds()) {
        work.add(() -> kind.owned(reads, scope));
      }
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(READ_THREADS, work.size()), r -> {
        Thread t = new Thread(r, "cruddur-read");
        t.setDaemon(true);
        return t;
      });
      try {
        CompletableFuture.allOf(work.stream().map(w -> CompletableFuture.runAsync(() -> {
          // Not work the clock waits for (Clock.enter): a thread that waits here for a read another thread makes
          // would keep a virtual clock from reaching the end of that read's retry pause.
          try {
            w.run();
          } catch (RuntimeException e) {
            // made again, and reported, where the plan needs it
          }
        }, pool)).toArray(CompletableFuture[]::new)).join();
      } finally {
        pool.shutdownNow();
      }
    }

    /** The rules on the listeners that carry the stack's rules, whoever owns them: their priorities are taken. */
    private List<Environment.ListenerRule> listenerRules() {
      List<Integer> ports = Blueprint.rulePorts(stack);
      List<Environment.ListenerRule> out = new ArrayList<>();
      stack.loadBalancer().flatMap(lb -> reads.elb().findLoadBalancer(lb.name())).ifPresent(lb ->
          reads.elb().listeners(lb.arn()).stream().filter(l -> ports.contains(l.port())).forEach(l ->
              reads.elb().rules(l.arn()).forEach(r -> out.add(new Environment.ListenerRule(l.port(), r.priority(),
                  r.hosts(), r.paths(), scope.owns(r.tags()))))));
      return out;
    }

    /** The security groups of the load balancer the stack shares, which its services admit. */
    private List<Environment.Group> sharedGroups(String vpcId) {
      Optional<io.cruddur.port.ElbPort.LoadBalancer> lb = stack.loadBalancer()
          .filter(io.cruddur.spec.LoadBalancer::existing).flatMap(l -> reads.elb().findLoadBalancer(l.name()));
      if (lb.isEmpty() || lb.get().securityGroups().isEmpty()) {
        return List.of();
      }
      Map<String, String> names = new HashMap<>();
      reads.ec2().listSecurityGroups(vpcId).forEach(g -> names.put(g.id(), g.name()));
      return lb.get().securityGroups().stream().map(id -> new Environment.Group(id, names.getOrDefault(id, id)))
          .toList();
    }

    /**
     * A value a ref names, as far as known now: an input from the target's planned state (planned first, since
     * the ref orders it first), an output of a resource that exists and keeps it.
     */
    Value<?> resolve(Ref<?> ref) {
      if (ref.source() == Ref.Source.INPUT) {
        ResourceState state = planned.get(ref.target());
        if (state == null && desired.containsKey(ref.target())) {
          state = Records.resolve(desired.get(ref.target()).kind().stateType(), desired.get(ref.target()).state(),
              this::resolve);
        }
        return ref.resolveFrom(state);
      }
      return ref.resolveFrom(known.get(ref.target()));
    }

    void planDeclared() {
      if (scope.vpcId().isEmpty()) {
        problems.add(new Problem("(network)", "the account has no default VPC in " + cloud.region()
            + "; give subnets explicitly"));
      }
      for (Node n : nodes) {
        if (n instanceof Desired<?, ?> d) {
          planResource(d);
        }
      }
      for (Node n : nodes) {
        if (n instanceof Wait w) {
          planWait(w);
        }
      }
      Set<String> deployed = deployed();
      checkSecrets(deployed);
      checkImages(deployed);
      checkSecurity();
      Blueprint.createdZone(stack).ifPresent(zone -> {
        Step s = steps.get(zone.node());
        if (s != null && s.action() == Action.CREATE) {
          warnings.add("domain: a new hosted zone " + zone.name() + " will be created; until its name servers are "
              + "set at the domain's registrar (or parent zone) the certificate cannot be validated, and the apply "
              + "waits on it (use createZone(false) for a zone that already serves the domain)");
        }
      });
    }

    private <S extends ResourceState, O extends Record> void planResource(Desired<S, O> d) {
      Kind<S, O> kind = d.kind();
      S state = Records.resolve(kind, d.state(), this::resolve);
      planned.put(d.resource(), state);
      Optional<Actual<S, O>> actual = kind.read(reads, scope, d.resource().name(), state);
      Action action;
      List<Change> changes;
      if (d.lookup()) {
        if (actual.isEmpty()) {
          problems.add(new Problem(d.resource().toString(), "does not exist (the stack uses it but does not create "
              + "it)"));
        }
        action = Action.NOOP;
        changes = List.of();
      } else if (actual.isEmpty()) {
        action = Action.CREATE;
        changes = Diff.created(state);
      } else {
        if (!actual.get().owned()) {
          problems.add(new Problem(d.resource().toString(), "exists and is not owned by stack " + stack.name()
              + " (no tag " + Scope.OWNER_TAG + "=" + stack.name() + "); Cruddur will not change it"));
        }
        changes = Diff.of(kind.modifyPlan(state, actual.get().state()), actual.get().state());
        action = changes.isEmpty() ? Action.NOOP
            : Diff.requiresReplace(kind.stateType(), changes) ? Action.REPLACE : Action.UPDATE;
        Optional<String> failed = action == Action.NOOP && actual.get().owned() && kind.redeployment().isPresent()
            ? kind.failedForGood(reads, actual.get().outputs()) : Optional.empty();
        if (failed.isPresent()) {
          // As declared, but failed for good: only a new deployment gets it going again.
          action = Action.REDEPLOY;
          changes = List.of(new Change("deployment", "FAILED", "a new deployment"));
          warnings.add(d.resource() + ": " + failed.get() + "; apply redeploys it");
        }
      }
      if (actual.isPresent() && actual.get().outputs() instanceof ServiceState.Outputs out && out.override() != null
          && (action == Action.UPDATE || action == Action.NOOP)) {
        // Only the fields the day-2 command changes are its drift; other differences are edits of the spec.
        String field = out.override().startsWith("cruddur scale ") ? "desiredCount" : "taskDefinitionArn";
        List<Change> overridden = changes.stream().filter(c -> c.property().equals(field)).toList();
        if (!overridden.isEmpty()) {
          drift.add(new Drift(d.resource().toString(), out.override(), overridden,
              keep(out.override(), ((ServiceState) state).name())));
        }
        // The spec's apply takes the tag back, also when the spec now says what the command did (nothing else to
        // change): else the tag would outlive the change it describes.
        changes = new ArrayList<>(changes);
        changes.add(new Change("tags." + io.cruddur.base.Tags.OVERRIDE, out.override(), null));
        action = action == Action.NOOP ? Action.UPDATE : action;
      }
      boolean keepsOutputs = action == Action.NOOP || action == Action.REDEPLOY
          || (action == Action.UPDATE && !kind.outputsChangeOnUpdate());
      actual.filter(a -> keepsOutputs).ifPresent(a -> known.put(d.resource(), a.outputs()));
      steps.put(d.id(), new Step(d.id(), action, changes, Set.of(), d, actual.orElse(null)));
    }

    /** A wait is planned when its resource changes, or when it exists but has not reached the state yet. */
    private void planWait(Wait w) {
      Step target = steps.get(w.resource().node());
      if (target == null) {
        return;
      }
      boolean needed = target.action() != Action.NOOP || pending(w.resource().kind(), known.get(w.resource()));
      if (needed) {
        steps.put(w.id(), new Step(w.id(), Action.WAIT, List.of(), Set.of(), null, null));
      }
    }

    private <S extends ResourceState, O extends Record> boolean pending(Kind<S, O> kind, Record outputs) {
      if (outputs == null) {
        return false;
      }
      try {
        return kind.readiness().map(w -> w.poll(reads, kind.outputType().cast(outputs)) != null).orElse(false);
      } catch (CloudException e) {
        return true;
      }
    }

    <S extends ResourceState, O extends Record> void planRedeploy(Desired<S, O> d) {
      Kind<S, O> kind = d.kind();
      if (kind.redeployment().isEmpty()) {
        throw new CruddurException(d.resource() + " cannot be redeployed");
      }
      Actual<S, O> actual = kind.read(reads, scope, d.resource().name(),
          Records.resolve(kind, d.state(), this::resolve)).orElseThrow(() -> new CloudException.NotFound(
              d.resource() + " is not deployed"));
      if (!actual.owned()) {
        problems.add(new Problem(d.resource().toString(), "exists and is not owned by stack " + stack.name()
            + " (no tag " + Scope.OWNER_TAG + "=" + stack.name() + "); Cruddur will not redeploy it"));
      }
      known.put(d.resource(), actual.outputs());
      steps.put(d.id(), new Step(d.id(), Action.REDEPLOY, List.of(), Set.of(), d, actual));
      if (kind.readiness().isPresent()) {
        NodeId wait = d.resource().ready();
        steps.put(wait, new Step(wait, Action.WAIT, List.of(), Set.of(), null, null));
      }
    }

    /** A deployed service of the stack: its desired node and what is live. */
    record Live(Desired<ServiceState, ServiceState.Outputs> desired,
        Actual<ServiceState, ServiceState.Outputs> actual) {}

    @SuppressWarnings("unchecked")
    Live live(String service) {
      var d = (Desired<ServiceState, ServiceState.Outputs>) desired.get(Blueprint.service(stack, service));
      ServiceState state = Records.resolve(d.kind(), d.state(), this::resolve);
      var actual = d.kind().read(reads, scope, d.resource().name(), state).orElseThrow(() ->
          new CloudException.NotFound(d.resource() + " is not deployed: apply the stack first"));
      if (!actual.owned()) {
        problems.add(new Problem(d.resource().toString(), "exists and is not owned by stack " + stack.name()
            + " (no tag " + Scope.OWNER_TAG + "=" + stack.name() + "); Cruddur will not change it"));
      }
      known.put(d.resource(), actual.outputs());
      return new Live(d, actual);
    }

    /**
     * A step that writes {@code next} over {@code actual} (a day-2 change: not the spec's state), and the wait for
     * the resource when it has one. Nothing to do when nothing differs.
     */
    <S extends ResourceState, O extends Record> void rewrite(Desired<S, O> d, Actual<S, O> actual, S next) {
      List<Change> changes = Diff.of(next, actual.state());
      if (changes.isEmpty()) {
        known.put(d.resource(), actual.outputs());
        steps.put(d.id(), new Step(d.id(), Action.NOOP, changes, Set.of(), d, actual));
        return;
      }
      planned.put(d.resource(), next);
      steps.put(d.id(), new Step(d.id(), Action.UPDATE, changes, Set.of(),
          new Desired<>(d.handle(), next, d.after(), false), actual));
      if (d.kind().readiness().isPresent()) {
        NodeId wait = d.resource().ready();
        steps.put(wait, new Step(wait, Action.WAIT, List.of(), Set.of(), null, null));
      }
    }

    /** The scalable target of an auto-scaled service, to the range {@code min}..{@code max}. */
    @SuppressWarnings("unchecked")
    void rescale(Stack stack, String service, int min, int max) {
      String id = ServiceState.autoScalingResourceId(stack.cluster().name(), service);
      var d = (Desired<ScalableTargetState, ScalableTargetState.Outputs>) desired.values().stream()
          .filter(x -> x.state() instanceof ScalableTargetState && x.resource().name().equals(id)).findFirst()
          .orElseThrow(() -> new CruddurException("service " + service + " has no scalable target"));
      ScalableTargetState state = Records.resolve(d.kind(), d.state(), this::resolve);
      var actual = d.kind().read(reads, scope, d.resource().name(), state).orElseThrow(() ->
          new CloudException.NotFound(d.resource() + " is not deployed: apply the stack first"));
      ScalableTargetState a = actual.state();
      rewrite(d, actual, new ScalableTargetState(a.namespace(), a.resourceId(), a.dimension(), min, max));
    }

    /** What the stack owns but does not (or no longer) declare is deleted; on destroy, everything it owns. */
    void planDeletes(boolean destroy) {
      for (Kind<?, ?> kind : Blueprint.kinds()) {
        for (Actual<?, ?> a : kind.owned(reads, scope)) {
          NodeId node = a.id().node();
          if ((destroy || !desired.containsKey(a.id())) && !steps.containsKey(node)) {
            // The declaration, where the stack still has one, says how to delete (a repository with its images).
            steps.put(node, new Step(node, Action.DELETE, Diff.deleted(a.state()), Set.of(), desired.get(a.id()), a));
            if (kind.deletion().isPresent()) {
              steps.put(a.id().gone(), new Step(a.id().gone(), Action.WAIT, List.of(), Set.of(), null, a));
            }
          }
        }
      }
      Blueprint.createdLoadBalancer(stack).ifPresent(lb -> {
        Step delete = steps.get(lb.node());
        long others = environment.listenerRules().stream().filter(r -> !r.owned()).count();
        if (delete != null && delete.action() == Action.DELETE && others > 0) {
          warnings.add("loadBalancer: deleting " + lb.name() + " also deletes the " + others + " rule(s) that other "
              + "stacks sharing it put on its listeners; their services stop receiving traffic. Destroy those stacks "
              + "first: their service groups admit its security group, which cannot be deleted while they do");
        }
      });
      // Deleted by an earlier run that died before they were gone (a draining service): wait for them too.
      for (Desired<?, ?> d : desired.values()) {
        if (d.kind().deletion().isPresent() && !steps.containsKey(d.id())) {
          for (Actual<?, ?> a : d.kind().going(reads, scope, d.resource().name())) {
            if (!steps.containsKey(a.id().gone())) {
              steps.put(a.id().gone(), new Step(a.id().gone(), Action.WAIT, List.of(), Set.of(), null, a));
            }
          }
        }
      }
    }

    /**
     * The services whose tasks this plan starts or waits for: those it creates, changes or redeploys, and those
     * whose deployment it waits on. The checks of images and secrets are about them: a service the plan leaves
     * alone starts no task because of it.
     */
    private Set<String> deployed() {
      Set<String> out = new TreeSet<>();
      for (Service svc : stack.services()) {
        ResourceId id = Blueprint.service(stack, svc.name());
        Step step = steps.get(id.node());
        if ((step != null && step.action() != Action.NOOP) || steps.containsKey(id.ready())) {
          out.add(svc.name());
        }
      }
      return out;
    }

    private void checkSecrets(Set<String> deployed) {
      // All of them in one read (DescribeParameters takes 50 names), not one read per secret.
      Set<String> references = new LinkedHashSet<>();
      stack.services().stream().filter(svc -> deployed.contains(svc.name()))
          .forEach(svc -> svc.secrets().values().forEach(secret -> references.add(secret.reference())));
      Map<String, SsmPort.Parameter> found = references.isEmpty() ? Map.of()
          : reads.ssm().describeParameters(references);
      for (Service svc : stack.services()) {
        if (!deployed.contains(svc.name())) {
          continue;
        }
        svc.secrets().forEach((name, secret) -> {
          if (!found.containsKey(secret.reference())) {
            String path = "services[" + svc.name() + "].secrets[" + name + "]";
            if (options.allowMissingSecrets()) {
              warnings.add(path + ": SSM parameter " + secret.reference() + " does not exist; tasks will not start "
                  + "until it does");
            } else {
              problems.add(new Problem(path, "SSM parameter " + secret.reference() + " does not exist, so the tasks "
                  + "could not start: create it (aws ssm put-parameter --type SecureString --name "
                  + secret.reference() + " ...), or allow it (PlanOptions.allowMissingSecrets, CLI "
                  + "--allow-missing-secrets)"));
            }
          }
        });
      }
    }

    /**
     * Opt-outs of the secure defaults, each said in the plan: plain HTTP to the services, services reachable other
     * than through the load balancer, and managed policies that grant a whole service or everything.
     */
    private void checkSecurity() {
      stack.loadBalancer().ifPresent(lb -> {
        if (stack.domain().isEmpty()) {
          warnings.add("loadBalancer: without a domain there is no certificate, so the load balancer serves plain "
              + "HTTP on port 80; add a domain for HTTPS");
        } else if (!lb.redirectHttpToHttps()) {
          warnings.add("loadBalancer.redirectHttpToHttps: false: port 80 forwards plain HTTP to the services "
              + "instead of redirecting to HTTPS");
        }
      });
      Map<String, io.cruddur.spec.SecurityGroup> groups = new LinkedHashMap<>();
      stack.securityGroups().forEach(g -> groups.put(g.name(), g));
      for (Service svc : stack.services()) {
        for (String name : svc.securityGroups()) {
          io.cruddur.spec.SecurityGroup g = groups.get(name);
          if (g == null) {
            continue;
          }
          g.ingress().stream().filter(i -> i.cidr().isPresent()).forEach(i -> warnings.add("services[" + svc.name()
              + "].securityGroups: group " + name + " accepts " + i.cidr().get() + " on port " + i.port()
              + (i.toPort() != i.port() ? "-" + i.toPort() : "") + ", so the service is reachable other than "
              + "through the load balancer"));
        }
      }
      stack.executionRole().ifPresent(r -> broadPolicies("executionRole", r));
      stack.taskRole().ifPresent(r -> broadPolicies("taskRole", r));
    }

    private void broadPolicies(String path, io.cruddur.spec.Role role) {
      role.managedPolicyArns().stream()
          .filter(arn -> arn.endsWith("FullAccess") || arn.endsWith("/AdministratorAccess")
              || arn.endsWith("/PowerUserAccess"))
          .forEach(arn -> warnings.add(path + ".managedPolicyArns: " + arn + " grants far more than the tasks "
              + "need; prefer an inline policy scoped to their resources"));
    }

    /** An image tag missing from a repository that exists: the tasks would fail to pull it. */
    private void checkImages(Set<String> deployed) {
      for (Service svc : stack.services()) {
        if (!deployed.contains(svc.name())) {
          continue;
        }
        List<io.cruddur.spec.Image> images = new ArrayList<>(List.of(svc.image()));
        svc.sidecars().forEach(sc -> images.add(sc.image()));
        for (io.cruddur.spec.Image image : images) {
          image.repository().filter(r -> reads.ecr().findRepository(r).isPresent())
              .filter(r -> !reads.ecr().imageTags(r).contains(image.tag()))
              .ifPresent(r -> {
                String path = "services[" + svc.name() + "].image";
                if (options.allowMissingImages()) {
                  warnings.add(path + ": tag " + image.tag() + " is not in repository " + r + "; tasks will not "
                      + "start until it is pushed");
                } else {
                  problems.add(new Problem(path, "tag " + image.tag() + " is not in repository " + r + ", so the "
                      + "tasks could not start: push it first, or allow it (PlanOptions.allowMissingImages, CLI "
                      + "--allow-missing-images)"));
                }
              });
        }
      }
    }

    Plan plan(boolean destroy) {
      Plan plan = new Plan(stack, cloud.accountId(), cloud.region(), destroy, link(), known, planned, problems,
          warnings, drift, scope);
      if (LOG.isDebugEnabled()) {
        // What changes by field name only: the values are in the plan itself, and a log is no place for them.
        plan.work().forEach(s -> LOG.debug("{}{}", s.action() == Action.WAIT ? s.id()
            : s.action().name().toLowerCase() + " " + s.id(), s.action() == Action.CREATE || s.changes().isEmpty()
            ? "" : ": " + String.join(", ", s.changes().stream().map(Change::property).toList())));
        problems.forEach(p -> LOG.debug("problem {}", p));
        LOG.debug("planned {} of stack {} in {}/{} in {} ms: {}; {} problem(s), {} warning(s)",
            destroy ? "the destruction" : "the changes", stack.name(), cloud.accountId(), cloud.region(),
            (System.nanoTime() - started) / 1_000_000, plan.summary(), problems.size(), warnings.size());
      }
      return plan;
    }

    /**
     * Orders the steps and fills in their dependencies: a step comes after the steps of what it references and
     * of what it names explicitly; a delete comes after every step on a higher layer (its users are changed or
     * gone first), and a wait until a deleted resource is gone comes after the delete.
     */
    private List<Step> link() {
      Map<NodeId, Set<NodeId>> deps = new LinkedHashMap<>();
      for (Step s : steps.values()) {
        Set<NodeId> d = new TreeSet<>();
        if (s.action() == Action.DELETE) {
          int layer = s.resource().kind().layer();
          steps.values().stream().filter(o -> o.action() != Action.NOOP
              && o.node().role() != NodeId.Role.READY && o.resource().kind().layer() > layer)
              .forEach(o -> d.add(o.node()));
        } else if (s.node().role() == NodeId.Role.GONE) {
          if (steps.containsKey(s.resource().node())) {
            d.add(s.resource().node()); // else an earlier run deleted it, and it is still going
          }
        } else if (byId.containsKey(s.node())) {
          byId.get(s.node()).dependsOn().stream().filter(steps::containsKey)
              .filter(n -> steps.get(n).action() != Action.NOOP).forEach(d::add);
        } else if (s.node().role() == NodeId.Role.READY) {
          d.add(s.resource().node());
        }
        deps.put(s.node(), d);
      }
      List<Step> out = new ArrayList<>();
      for (NodeId id : topological(deps)) {
        out.add(steps.get(id).withDependsOn(deps.get(id)));
      }
      return out;
    }
  }

  private static List<Node> sort(List<Node> nodes) {
    Map<NodeId, Node> byId = new LinkedHashMap<>();
    nodes.forEach(n -> byId.put(n.id(), n));
    Map<NodeId, Set<NodeId>> deps = new LinkedHashMap<>();
    for (Node n : nodes) {
      Set<NodeId> d = new TreeSet<>();
      for (NodeId dep : n.dependsOn()) {
        if (!byId.containsKey(dep)) {
          throw new IllegalStateException(n.id() + " depends on " + dep + ", which the stack does not declare");
        }
        d.add(dep);
      }
      deps.put(n.id(), d);
    }
    return topological(deps).stream().map(byId::get).toList();
  }

  /** Kahn's algorithm; ties broken by layer, then id, so plans render the same every time. */
  private static List<NodeId> topological(Map<NodeId, Set<NodeId>> deps) {
    Comparator<NodeId> order = Comparator.comparingInt((NodeId n) -> n.resource().kind().layer())
        .thenComparing(Comparator.naturalOrder());
    Map<NodeId, Integer> missing = new HashMap<>();
    Map<NodeId, List<NodeId>> users = new HashMap<>();
    deps.forEach((id, ds) -> {
      missing.put(id, ds.size());
      ds.forEach(d -> users.computeIfAbsent(d, k -> new ArrayList<>()).add(id));
    });
    PriorityQueue<NodeId> ready = new PriorityQueue<>(order);
    missing.forEach((id, n) -> {
      if (n == 0) {
        ready.add(id);
      }
    });
    List<NodeId> out = new ArrayList<>();
    while (!ready.isEmpty()) {
      NodeId id = ready.poll();
      out.add(id);
      for (NodeId u : users.getOrDefault(id, List.of())) {
        if (missing.merge(u, -1, Integer::sum) == 0) {
          ready.add(u);
        }
      }
    }
    if (out.size() != deps.size()) {
      Set<NodeId> cycle = new TreeSet<>(deps.keySet());
      out.forEach(cycle::remove);
      throw new IllegalStateException("dependency cycle among " + cycle);
    }
    return out;
  }
}
