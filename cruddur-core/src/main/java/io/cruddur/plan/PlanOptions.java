package io.cruddur.plan;

/**
 * How strict a plan is about what the stack uses but does not create. Both are checked for the services whose tasks
 * the plan starts or waits for (created, changed, redeployed, or still deploying): a plan that leaves a service
 * alone makes neither read for it.
 *
 * <ul><li>allowMissingImages: false, an image tag missing from a repository that exists is a plan problem (its
 * tasks could not start); true makes it a warning, and the deployment fails with the stopped reason</li>
 * <li>allowMissingSecrets: false, a secret's SSM parameter that does not exist is a plan problem; true makes it a
 * warning</li></ul>
 */
public record PlanOptions(boolean allowMissingImages, boolean allowMissingSecrets) {
  public static PlanOptions defaults() {
    return new PlanOptions(false, false);
  }

  public PlanOptions withAllowMissingImages(boolean allow) {
    return new PlanOptions(allow, allowMissingSecrets);
  }

  public PlanOptions withAllowMissingSecrets(boolean allow) {
    return new PlanOptions(allowMissingImages, allow);
  }
}
