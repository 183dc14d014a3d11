package io.cruddur;

import io.cruddur.apply.ApplyListener;
import io.cruddur.apply.Executor;
import io.cruddur.apply.ExecutorOptions;
import io.cruddur.apply.Outcome;
import io.cruddur.lease.Lease;
import io.cruddur.plan.Plan;
import io.cruddur.plan.PlanOptions;
import io.cruddur.plan.PlanRefusedException;
import io.cruddur.plan.Planner;
import io.cruddur.port.Cloud;
import io.cruddur.port.CloudException;
import io.cruddur.spec.Stack;
import java.util.Optional;

/**
 * The entry point: plan, apply and destroy stacks on a {@link Cloud} (the AWS adapters, or
 * {@code io.cruddur.memory.InMemoryCloud}).
 *
 * <pre>{@code
 * var cruddur = Cruddur.with(InMemoryCloud.create());
 * Plan plan = cruddur.plan(stack);     // reads only
 * Outcome outcome = cruddur.apply(plan);
 * }</pre>
 *
 * <ul><li>listener: none</li><li>options: {@link ExecutorOptions#defaults()}</li></ul>
 *
 * <p>Immutable and thread-safe; {@code with*} return copies.
 */
public final class Cruddur {
  private final Cloud cloud;
  private final ApplyListener listener;
  private final ExecutorOptions options;
  private final Lease lease;
  private final PlanOptions planOptions;

  private Cruddur(Cloud cloud, ApplyListener listener, ExecutorOptions options, Lease lease,
      PlanOptions planOptions) {
    this.cloud = cloud;
    this.listener = listener;
    this.options = options;
    this.lease = lease;
    this.planOptions = planOptions;
  }

  public static Cruddur with(Cloud cloud) {
    return new Cruddur(cloud, ApplyListener.NONE, ExecutorOptions.defaults(), null, PlanOptions.defaults());
  }

  public Cruddur withListener(ApplyListener listener) {
    return new Cruddur(cloud, listener, options, lease, planOptions);
  }

  public Cruddur withOptions(ExecutorOptions options) {
    return new Cruddur(cloud, listener, options, lease, planOptions);
  }

  /** How strict plans are about missing images and secret parameters ({@link PlanOptions#defaults()}: strict). */
  public Cruddur withPlanOptions(PlanOptions planOptions) {
    return new Cruddur(cloud, listener, options, lease, planOptions);
  }

  /**
   * Applies only while {@code lease} is held: once it is lost (it expired and another run took it), no further step
   * starts; each fails with the reason instead. Taking and closing the lease stay with the caller:
   *
   * <pre>{@code
   * try (Lease lease = new ParameterLeases(cloud.ssm()).acquire(stack.name(), LeaseOptions.defaults())) {
   *   cruddur.withLease(lease).apply(stack);
   * }
   * }</pre>
   */
  public Cruddur withLease(Lease lease) {
    return new Cruddur(cloud, listener, options, lease, planOptions);
  }

  public Cloud cloud() {
    return cloud;
  }

  /** What applying {@code stack} would do. Reads the cloud, changes nothing. */
  public Plan plan(Stack stack) {
    cloud.followRegion(stack.region());
    return new Planner(cloud, planOptions).plan(stack);
  }

  /** What the deployed {@code stack} offers (URLs, DNS name, name servers, repository URIs, ARNs). Reads only. */
  public StackOutputs outputs(Stack stack) {
    return StackOutputs.of(plan(stack));
  }

  /** What destroying {@code stack} would do: delete everything it owns, nothing else. */
  public Plan planDestroy(Stack stack) {
    cloud.followRegion(stack.region());
    return new Planner(cloud, planOptions).destroy(stack);
  }

  /**
   * Runs {@code plan}.
   *
   * @throws PlanRefusedException if the plan has problems; nothing is changed then
   */
  public Outcome apply(Plan plan) {
    if (!plan.problems().isEmpty()) {
      throw new PlanRefusedException(plan.problems());
    }
    return new Executor(cloud, options, listener, lease == null ? Optional::empty : lease::lost).run(plan);
  }

  /** Plans and applies {@code stack}. @throws PlanRefusedException if the plan has problems */
  public Outcome apply(Stack stack) {
    return apply(plan(stack));
  }

  /** Plans and applies the destruction of {@code stack}. @throws PlanRefusedException on problems */
  public Outcome destroy(Stack stack) {
    return apply(planDestroy(stack));
  }

  /**
   * What redeploying {@code service} would do: start a new deployment with its current task definition (to pull a
   * moved image tag), then wait until it is stable. Reads only.
   *
   * @throws io.cruddur.base.CruddurException if the stack declares no such service
   * @throws CloudException.NotFound if the service is not deployed
   */
  public Plan planRedeploy(Stack stack, String service) {
    return new Planner(cloud, planOptions).redeploy(stack, service);
  }

  /**
   * Redeploys {@code service} through the executor (retries, events, the stability wait): see
   * {@link #planRedeploy}.
   *
   * @throws io.cruddur.base.CruddurException if the stack declares no such service
   * @throws CloudException.NotFound if the service is not deployed
   */
  public Outcome redeploy(Stack stack, String service) {
    return apply(planRedeploy(stack, service));
  }

  /**
   * How the deployed {@code stack} is doing: per service its counts, deployments, last stopped tasks, target health
   * and auto-scaling capacity; its URLs; and what differs from the spec. Reads only.
   */
  public StackStatus status(Stack stack) {
    return StackStatus.read(plan(stack), cloud.reads());
  }

  /**
   * The logs of {@code service}'s containers ({@code container} null: all of them), to read
   * ({@link ServiceLogs#since}) or follow ({@link ServiceLogs#follow}). Reads only.
   *
   * @throws io.cruddur.base.CruddurException if the stack has no such service or container, or it does not log to
   *     CloudWatch Logs
   */
  public ServiceLogs logs(Stack stack, String service, String container) {
    return ServiceLogs.of(plan(stack), cloud.reads(), cloud.clock(), service, container);
  }

  /**
   * What {@code scale} would do: {@code service} to {@code count} tasks without a spec change (with auto scaling,
   * also its range: {@code min} and {@code max}, null for {@code count}). Reads only; apply it with
   * {@link #apply(Plan)}. The next plan of the spec shows the change as drift.
   */
  public Plan planScale(Stack stack, String service, int count, Integer min, Integer max) {
    cloud.followRegion(stack.region());
    return new Planner(cloud, planOptions).scale(stack, service, count, min, max);
  }

  /**
   * What {@code rollback} would do: {@code service} back to the task definition revision before the one it runs, or
   * to {@code revision}. Reads only; a revision ECS cannot run is a plan problem.
   */
  public Plan planRollback(Stack stack, String service, Integer revision) {
    cloud.followRegion(stack.region());
    return new Planner(cloud, planOptions).rollback(stack, service, revision);
  }

  /**
   * What {@code deploy --image} would do: a new task definition revision running {@code image} (a tag of the
   * container's repository, or a whole reference) in {@code container} (null: the service's own), and the service on
   * it. Reads only.
   */
  public Plan planDeployImage(Stack stack, String service, String container, String image) {
    cloud.followRegion(stack.region());
    return new Planner(cloud, planOptions).deployImage(stack, service, container, image);
  }

  /**
   * The {@code aws ecs execute-command} line that opens a shell in a running task of {@code service}, or what is
   * missing for it. Reads only.
   */
  public ExecCommand exec(Stack stack, String service, String container, String command) {
    return ExecCommand.of(plan(stack), cloud.reads(), service, container, command);
  }
}
