package io.cruddur.resource;

import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import java.util.List;
import java.util.Optional;

/**
 * One kind of AWS resource: its typed desired state {@code S}, its outputs {@code O} (what other resources
 * reference: an ARN, an id), and how to read, create, update and delete it through the ports. The planner and the
 * executor work on this interface only. Kinds are constants ({@code io.cruddur.internal.kind.Kinds}); each is
 * stateless and thread-safe.
 *
 * <p>Which changes need a replacement and which settings are never compared is declared on the state record's
 * components ({@link RequiresReplace}, {@link WriteOnly}).
 */
public interface Kind<S extends ResourceState, O extends Record> {
  /** The name plans show, e.g. {@code ecs.service}. */
  String name();

  /** Creation depth: a resource is created after lower layers and deleted before them. */
  int layer();

  Class<S> stateType();

  Class<O> outputType();

  /**
   * Reads the resource the desired one names.
   *
   * @param desired the desired state, resolved as far as known at plan time (some values may be unknown)
   * @return the resource as the cloud has it, or empty if it does not exist
   */
  Optional<Actual<S, O>> read(ReadPorts cloud, Scope scope, String name, S desired);

  /** Every resource of this kind the stack owns. */
  List<Actual<S, O>> owned(ReadPorts cloud, Scope scope);

  /** Creates the resource from a fully known state and returns its outputs. */
  O create(Ports cloud, String name, S state, WriteContext context);

  /** Brings an existing resource to a fully known {@code desired} state; returns its (possibly new) outputs. */
  O update(Ports cloud, Actual<S, O> actual, S desired);

  /**
   * Deletes the resource.
   *
   * @param desired the stack's declaration of it, if it still has one (a replace), else empty
   */
  void delete(Ports cloud, Actual<S, O> actual, Optional<S> desired);

  /**
   * Whether the outputs of a resource that exists are complete enough for what depends on it. A certificate found
   * right after its request may not have its validation records yet; the executor then looks again before it
   * counts a lost create as done.
   */
  default boolean outputsReady(O outputs) {
    return true;
  }

  /** Whether an update gives the resource new outputs (a task definition's new revision has a new ARN). */
  default boolean outputsChangeOnUpdate() {
    return false;
  }

  /** What to wait for after a create or update (a certificate issued, a service stable), if anything. */
  default Optional<Waiter<O>> readiness() {
    return Optional.empty();
  }

  /** What to wait for after a delete before what it used may go (a service drained), if anything. */
  default Optional<Waiter<O>> deletion() {
    return Optional.empty();
  }

  /**
   * The stack's resources named {@code name} that were deleted but are not gone yet (a DRAINING service, which
   * {@link #owned} and {@link #read} leave out, as AWS's list calls do): a run that died after the delete still
   * has to wait for them before what they use may go. Only kinds with a {@link #deletion()} wait have any.
   */
  default List<Actual<S, O>> going(ReadPorts cloud, Scope scope, String name) {
    return List.of();
  }

  /**
   * How to deploy a resource again without a change of configuration (an ECS service pulling a tag that moved),
   * if the kind can. The planner makes a redeploy step of it, followed by the readiness wait.
   */
  default Optional<Redeploy<S, O>> redeployment() {
    return Optional.empty();
  }

  /**
   * Why a resource that is as declared has failed for good, so that only a {@link #redeployment()} gets it going
   * again (an ECS service whose last deployment the circuit breaker failed, with nothing to roll back to: ECS
   * starts no new deployment by itself). Empty when it has not. The planner plans a redeploy step for it.
   */
  default Optional<String> failedForGood(ReadPorts cloud, O outputs) {
    return Optional.empty();
  }

  /** Starts a new deployment of a resource as it is. */
  @FunctionalInterface
  interface Redeploy<S extends ResourceState, O extends Record> {
    /** Returns the resource's outputs. */
    O redeploy(Ports cloud, Actual<S, O> actual);
  }

  /**
   * A plan modifier: the desired state to compare with {@code actual}. By default the desired state as is; a
   * service whose count auto scaling manages keeps the count it has.
   */
  default S modifyPlan(S desired, S actual) {
    return desired;
  }

  /** A typed handle to the resource {@code name} of this kind. */
  default Handle<S, O> handle(String name) {
    return new Handle<>(this, name);
  }

  /** {@code actual}, seen as a resource of this kind. @throws ClassCastException if it is of another kind */
  default Actual<S, O> cast(Actual<?, ?> actual) {
    return new Actual<>(actual.id(), stateType().cast(actual.state()), outputType().cast(actual.outputs()),
        actual.owned());
  }
}
