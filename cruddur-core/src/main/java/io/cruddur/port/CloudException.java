package io.cruddur.port;

import io.cruddur.base.CruddurException;

/**
 * Root of the port-level errors. Adapters translate provider errors into these, keeping the original as cause.
 * {@link #retryable()} tells the executor whether waiting and trying again can help.
 */
public class CloudException extends CruddurException {
  public CloudException(String message) {
    super(message);
  }

  public CloudException(String message, Throwable cause) {
    super(message, cause);
  }

  public boolean retryable() {
    return false;
  }

  /** The resource does not exist (or is not visible yet). */
  public static class NotFound extends CloudException {
    public NotFound(String message) {
      super(message);
    }

    public NotFound(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A resource with that name or key exists already, or a unique value (a rule priority) is taken. */
  public static class Conflict extends CloudException {
    public Conflict(String message) {
      super(message);
    }

    public Conflict(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The resource cannot be deleted or changed while something else uses it. Most holds stay until someone removes
   * what holds (records in a zone, services in a cluster, policies on a role); a few go away on their own minutes
   * after what held was deleted (network interfaces of a deleted load balancer holding its security group, ACM
   * counting a deleted listener): {@link #mayClearItself()} tells which.
   */
  public static class InUse extends CloudException {
    private final boolean transientHold;

    /** A hold that stays until what holds the resource is removed. */
    public InUse(String message) {
      super(message);
      this.transientHold = false;
    }

    /** A hold that stays until what holds the resource is removed. */
    public InUse(String message, Throwable cause) {
      super(message, cause);
      this.transientHold = false;
    }

    /** @param transientHold whether the hold may go away on its own shortly, with nothing else deleted */
    public InUse(String message, boolean transientHold) {
      super(message);
      this.transientHold = transientHold;
    }

    /** @param transientHold whether the hold may go away on its own shortly, with nothing else deleted */
    public InUse(String message, Throwable cause, boolean transientHold) {
      super(message, cause);
      this.transientHold = transientHold;
    }

    /**
     * Whether the hold may go away on its own within minutes (a deleted user's leftovers being released), so that
     * trying again later can succeed. False for a hold by something that stays.
     */
    public boolean mayClearItself() {
      return transientHold;
    }
  }

  /** The request was refused as too frequent. Retryable. */
  public static class Throttled extends CloudException {
    public Throttled(String message) {
      super(message);
    }

    public Throttled(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public boolean retryable() {
      return true;
    }
  }

  /**
   * A dependency created moments ago is not usable yet (an IAM role ECS cannot assume yet, a resource not yet
   * visible after create). Retryable.
   */
  public static class NotYetConsistent extends CloudException {
    public NotYetConsistent(String message) {
      super(message);
    }

    public NotYetConsistent(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public boolean retryable() {
      return true;
    }
  }

  /** The request is invalid for the provider. */
  public static class Invalid extends CloudException {
    public Invalid(String message) {
      super(message);
    }

    public Invalid(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The provider failed (5xx, network). Retryable. */
  public static class Unavailable extends CloudException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public boolean retryable() {
      return true;
    }
  }
  /**
   * An ECS deployment failed: the circuit breaker rolled it back, or another task definition took over. Carries
   * what a user needs to fix it: the rollout reason, why the newest task of the failed revision stopped, and the
   * load balancer's view of the service's targets that were not healthy.
   */
  public static class DeploymentFailed extends CloudException {
    private final String service;
    private final String taskDefinitionArn;
    private final String rolloutStateReason;
    private final String stoppedReason;
    private final String stopCode;
    private final String runningTaskDefinitionArn;
    private final String targetHealth;

    /**
     * @param taskDefinitionArn the revision that failed to deploy
     * @param rolloutStateReason ECS's reason for the FAILED rollout, null when another revision took over
     * @param stoppedReason why the newest task of that revision stopped, null when none did
     * @param runningTaskDefinitionArn the revision the service runs now (the one rolled back to)
     * @param targetHealth the service's targets that were not healthy when it failed, as the target groups' health
     *     checks saw them ({@code 10.0.1.7:4567 unhealthy (Target.ResponseCodeMismatch: ...)}, separated by
     *     {@code ; }); null when there were none or the service has no load balancer
     */
    public DeploymentFailed(String service, String taskDefinitionArn, String rolloutStateReason,
        String stoppedReason, String stopCode, String runningTaskDefinitionArn, String targetHealth) {
      super(message(service, taskDefinitionArn, rolloutStateReason, stoppedReason, stopCode,
          runningTaskDefinitionArn) + (targetHealth == null ? "" : " Targets: " + targetHealth));
      this.service = service;
      this.taskDefinitionArn = taskDefinitionArn;
      this.rolloutStateReason = rolloutStateReason;
      this.stoppedReason = stoppedReason;
      this.stopCode = stopCode;
      this.runningTaskDefinitionArn = runningTaskDefinitionArn;
      this.targetHealth = targetHealth;
    }

    private static String message(String service, String taskDefinitionArn, String rolloutStateReason,
        String stoppedReason, String stopCode, String running) {
      boolean rolledBack = running != null && !running.equals(taskDefinitionArn);
      String head = rolloutStateReason != null
          ? "deployment of " + service + " failed" + (rolledBack ? " and was rolled back to " + running : "")
              + ": " + rolloutStateReason
          : "service " + service + " now runs " + running + " instead of " + taskDefinitionArn
              + " (rolled back or changed by someone else).";
      return head + (stoppedReason == null ? ""
          : " Last stopped task: " + stoppedReason + (stopCode == null ? "" : " (" + stopCode + ")"));
    }

    public String service() {
      return service;
    }

    public String taskDefinitionArn() {
      return taskDefinitionArn;
    }

    /** ECS's reason for the FAILED rollout; null when another revision took over without one. */
    public String rolloutStateReason() {
      return rolloutStateReason;
    }

    /** Why the newest stopped task of the failed revision stopped (AWS's words); null when none stopped. */
    public String stoppedReason() {
      return stoppedReason;
    }

    /** The stopped task's stop code, {@code TaskFailedToStart} for instance; null when unknown. */
    public String stopCode() {
      return stopCode;
    }

    /** The revision the service runs now. */
    public String runningTaskDefinitionArn() {
      return runningTaskDefinitionArn;
    }

    /** The targets that were not healthy when the deployment failed, described; null when there were none. */
    public String targetHealth() {
      return targetHealth;
    }

    /**
     * The fields by name, in this order: {@code service}, {@code taskDefinitionArn}, {@code rolloutStateReason},
     * {@code stoppedReason}, {@code stopCode}, {@code runningTaskDefinitionArn}, {@code targetHealth}; a value not
     * known is null. For JSON renderings.
     */
    public java.util.Map<String, String> details() {
      java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
      m.put("service", service);
      m.put("taskDefinitionArn", taskDefinitionArn);
      m.put("rolloutStateReason", rolloutStateReason);
      m.put("stoppedReason", stoppedReason);
      m.put("stopCode", stopCode);
      m.put("runningTaskDefinitionArn", runningTaskDefinitionArn);
      m.put("targetHealth", targetHealth);
      return m;
    }
  }
}
