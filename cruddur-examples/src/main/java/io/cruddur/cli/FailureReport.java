package io.cruddur.cli;

import io.cruddur.aws.AwsAccessException;
import io.cruddur.port.CloudException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What a person needs about one failed step: which step, the error's type, AWS's error code and message, what its
 * wait saw last, and what to try next. Built from the step's failure as the executor reported it. Immutable.
 *
 * @param step the step id ({@code wait:ecs.service cruddur/backend-flask})
 * @param type the port-level error ({@code DeploymentFailed}, {@code Throttled}, ...)
 * @param code AWS's error code ({@code InvalidParameterException}; for a failed deployment, the stopped task's
 *     error, {@code CannotPullContainerError}); null when the error did not come from AWS
 * @param message the error's message, as AWS and Cruddur put it
 * @param lastStatus what the step's wait reported last before it failed; null if it never waited
 * @param next what to try next, never null
 * @param deployment the failed deployment's details, when a deployment failed; null otherwise
 */
record FailureReport(String step, String type, String code, String message, String lastStatus, String next,
    CloudException.DeploymentFailed deployment) {
  /**
   * An error code at the head of a message: AWS adapters write {@code ecs:CreateService: Code: text}, the in-memory
   * cloud {@code Code: text} (two or more capitalized words, or dotted like {@code InvalidGroup.NotFound}).
   */
  private static final Pattern CODE = Pattern.compile(
      "^(?:[a-z0-9-]+:[A-Za-z0-9]+: )?([A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+(?:\\.[A-Z][A-Za-z0-9]*)*): ");

  static FailureReport of(String step, Throwable cause, String lastStatus) {
    CloudException.DeploymentFailed deployment = cause instanceof CloudException.DeploymentFailed d ? d : null;
    String message = String.valueOf(cause.getMessage());
    String status = lastStatus;
    if (status != null && deployment != null && deployment.stoppedReason() != null) {
      // the message tells the stopped task already: keep what else the wait saw (counts, targets)
      status = status.replace("; a task stopped: " + deployment.stoppedReason()
          + (deployment.stopCode() == null ? "" : " (" + deployment.stopCode() + ")"), "");
    }
    return new FailureReport(step, type(cause), code(cause), message,
        status == null || message.contains(status) ? null : status, next(cause, lastStatus), deployment);
  }

  /** {@code DeploymentFailed}, {@code NotFound}, {@code CruddurException}: the simple name of the type. */
  static String type(Throwable t) {
    return t.getClass().getSimpleName().isEmpty() ? t.getClass().getName() : t.getClass().getSimpleName();
  }

  /** AWS's error code: from the SDK's exception kept as cause, else from the head of the message. */
  static String code(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof AwsServiceException s && s.awsErrorDetails() != null
          && s.awsErrorDetails().errorCode() != null) {
        return s.awsErrorDetails().errorCode();
      }
    }
    if (t instanceof CloudException.DeploymentFailed d) {
      Matcher m = d.stoppedReason() == null ? null : CODE.matcher(d.stoppedReason());
      return m != null && m.find() ? m.group(1) : d.stopCode();
    }
    Matcher m = CODE.matcher(String.valueOf(t.getMessage()));
    return m.find() ? m.group(1) : null;
  }

  /** What to try next, from the kind of error (and for a failed deployment, why its tasks stopped). */
  static String next(Throwable t, String lastStatus) {
    String message = String.valueOf(t.getMessage());
    if (t instanceof CloudException.DeploymentFailed d) {
      return nextForDeployment(d, lastStatus);
    }
    String code = code(t);
    if ("AccessDenied".equals(code) || "AccessDeniedException".equals(code) || "UnauthorizedOperation".equals(code)) {
      return "the credentials may not make this call: grant it to the user or role (IAM), or use another --profile";
    }
    if (t instanceof AwsAccessException) {
      return "fix the access as the message says, then run the command again";
    }
    if (t instanceof CloudException.Throttled) {
      return "AWS kept throttling the calls after the retries: run again in a few minutes";
    }
    if (t instanceof CloudException.Unavailable) {
      return "AWS or the network failed after the retries: check the connection (and --endpoint), then run again";
    }
    if (t instanceof CloudException.NotYetConsistent) {
      return "a resource created moments ago was still not usable after the retries: run apply again in a minute";
    }
    if (t instanceof CloudException.InUse u) {
      return u.mayClearItself() ? "AWS releases this hold by itself within minutes: run again in a few minutes"
          : "remove what still uses it (the message names it), then run again";
    }
    if (t instanceof CloudException.Conflict) {
      return "something of that name is in the way: if the stack should own it, delete or rename the other one; "
          + "./cruddur plan shows what the stack expects";
    }
    if (t instanceof CloudException.NotFound) {
      return "something the step needs is gone (deleted outside Cruddur?): ./cruddur plan shows the drift, then "
          + "apply again";
    }
    if (t instanceof CloudException.Invalid) {
      return "AWS refused the request: check the stack's values the message names (./cruddur plan shows what "
          + "would be sent)";
    }
    if (message.startsWith("timed out after")) {
      return "it did not become ready in time: look at it in the console or with the AWS CLI, then apply again "
          + "to go on waiting";
    }
    if (message.startsWith("not run: ")) {
      return "another run took over the stack's lease: let it finish, then plan again";
    }
    return "./cruddur plan shows where the stack stands now; fix what the message says, then apply again";
  }

  private static String nextForDeployment(CloudException.DeploymentFailed d, String lastStatus) {
    String why = (d.stoppedReason() == null ? "" : d.stoppedReason()) + " " + (lastStatus == null ? "" : lastStatus);
    String w = why.toLowerCase(Locale.ROOT);
    String again = ", then ./cruddur apply again (the plan starts a new deployment of a service whose last one "
        + "failed)";
    if (w.contains("cannotpullcontainer") || w.contains("pull image")) {
      return "push the image the task definition names (CI, or ./cruddur image push|mirror ... REPO:TAG; on the "
          + "local target, apply without --no-seed-images)" + again;
    }
    if (w.contains("resourceinitializationerror") || w.contains("secrets") || w.contains("ssm")) {
      return "check that each secret's SSM parameter exists (./cruddur secrets push) and that the execution role "
          + "may read it" + again;
    }
    if (w.contains("elb health checks") || w.contains(" unhealthy")) {
      return "the tasks started but failed the target group's health check: check the service's health-check path "
          + "and port, and the container's logs" + again;
    }
    if (w.contains("container health checks")) {
      return "the container's own health check kept failing: run its command in the image, and read the "
          + "container's logs" + again;
    }
    if (w.contains("essential container") || w.contains("exited")) {
      return "the container exited: read its logs (the stack's log group)" + again;
    }
    return "read the service's events and its stopped tasks (aws ecs describe-services, describe-tasks), fix the "
        + "cause" + again;
  }

  /** The report for a person: the step, then one indented line per fact. */
  List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add("✗ " + step);
    out.add(fact("error", type + (code == null ? "" : ", AWS error code " + code)));
    out.add(fact("message", message));
    if (lastStatus != null) {
      out.add(fact("last status", lastStatus));
    }
    out.add(fact("next", next));
    return out;
  }

  private static String fact(String label, String text) {
    return String.format(Locale.ROOT, "    %-12s %s", label + ":", text);
  }

  /** The report as JSON fields: step, type, code, message, lastStatus, next, and a failed deployment's details. */
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("step", step);
    m.put("type", type);
    m.put("code", code);
    m.put("message", message);
    m.put("lastStatus", lastStatus);
    m.put("next", next);
    if (deployment != null) {
      m.putAll(deployment.details());
    }
    return m;
  }
}
