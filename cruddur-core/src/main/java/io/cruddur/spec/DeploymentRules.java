package io.cruddur.spec;

import java.util.List;
import java.util.Set;

/** Checks how ECS starts, replaces and scales a service's tasks: health check, counts, percentages, scaling. */
final class DeploymentRules {
  /** Tasks one ECS service may run (its desired count's upper bound). */
  private static final int MAX_TASKS = 5000;
  private static final Set<String> PROPAGATE_TAGS = Set.of("SERVICE", "TASK_DEFINITION", "NONE");

  private final Problems problems;

  DeploymentRules(Problems problems) {
    this.problems = problems;
  }

  void service(String path, Service svc) {
    healthCheck(path + ".healthCheck", svc.healthCheck());
    svc.containerHealthCheck().ifPresent(h -> containerHealthCheck(path + ".containerHealthCheck", h));
    if (svc.desiredCount() < 0) {
      problems.add(path + ".desiredCount", "must not be negative");
    } else if (svc.desiredCount() > MAX_TASKS) {
      problems.add(path + ".desiredCount", svc.desiredCount() + " is more than the " + MAX_TASKS + " tasks ECS runs "
          + "per service");
    }
    if (svc.minHealthyPercent() < 0 || svc.minHealthyPercent() > 100) {
      problems.add(path + ".minHealthyPercent", "must be 0-100");
    }
    if (svc.maxPercent() < 100 || svc.maxPercent() > 200) {
      problems.add(path + ".maxPercent", "must be 100-200 for rolling deployments");
    }
    // Tags are copied onto each task as ECS launches it, so this is checked with the launch settings.
    if (!PROPAGATE_TAGS.contains(svc.propagateTags())) {
      problems.add(path + ".propagateTags", "'" + svc.propagateTags() + "' must be SERVICE, TASK_DEFINITION or NONE");
    }
    if (svc.deregistrationDelaySeconds() < 0 || svc.deregistrationDelaySeconds() > 3600) {
      problems.add(path + ".deregistrationDelaySeconds", "must be 0-3600");
    }
    svc.autoScaling().ifPresent(a -> autoScaling(path + ".autoScaling", a, svc.desiredCount()));
  }

  private void healthCheck(String path, HealthCheck h) {
    if (!h.path().startsWith("/") || h.path().length() > 1024) {
      problems.add(path + ".path", "'" + h.path() + "' must start with / and be at most 1024 characters");
    }
    if (h.intervalSeconds() < 5 || h.intervalSeconds() > 300) {
      problems.add(path + ".intervalSeconds", "must be 5-300");
    }
    if (h.timeoutSeconds() < 2 || h.timeoutSeconds() > 120 || h.timeoutSeconds() >= h.intervalSeconds()) {
      problems.add(path + ".timeoutSeconds", "must be 2-120 and less than the interval");
    }
    if (h.healthyThreshold() < 2 || h.healthyThreshold() > 10) {
      problems.add(path + ".healthyThreshold", "must be 2-10");
    }
    if (h.unhealthyThreshold() < 2 || h.unhealthyThreshold() > 10) {
      problems.add(path + ".unhealthyThreshold", "must be 2-10");
    }
    if (!matcherOk(h.matcher())) {
      problems.add(path + ".matcher", "'" + h.matcher() + "' must be HTTP codes 200-499: one (200), a list "
          + "(200,202) or a range (200-299)");
    }
  }

  /** ELB's Matcher.HttpCode: codes 200-499, as a value, a comma-separated list or a range. */
  private static boolean matcherOk(String m) {
    if (m.matches("\\d{3}-\\d{3}")) {
      int from = Integer.parseInt(m.substring(0, 3));
      int to = Integer.parseInt(m.substring(4));
      return from >= 200 && to <= 499 && from <= to;
    }
    if (!m.matches("\\d{3}(,\\d{3})*")) {
      return false;
    }
    return java.util.Arrays.stream(m.split(",")).mapToInt(Integer::parseInt).allMatch(c -> c >= 200 && c <= 499);
  }

  /** ECS's HealthCheck: a CMD or CMD-SHELL command, interval 5-300, timeout 2-60, retries 1-10, start 0-300. */
  void containerHealthCheck(String path, ContainerHealthCheck h) {
    if (h.command().isEmpty() || !List.of("CMD", "CMD-SHELL").contains(h.command().get(0))
        || h.command().size() < 2) {
      problems.add(path + ".command", "must be CMD or CMD-SHELL followed by the command, e.g. [CMD-SHELL, "
          + "curl -f http://localhost/ || exit 1]");
    }
    if (h.intervalSeconds() < 5 || h.intervalSeconds() > 300) {
      problems.add(path + ".intervalSeconds", "must be 5-300");
    }
    if (h.timeoutSeconds() < 2 || h.timeoutSeconds() > 60) {
      problems.add(path + ".timeoutSeconds", "must be 2-60");
    }
    if (h.retries() < 1 || h.retries() > 10) {
      problems.add(path + ".retries", "must be 1-10");
    }
    if (h.startPeriodSeconds() < 0 || h.startPeriodSeconds() > 300) {
      problems.add(path + ".startPeriodSeconds", "must be 0-300");
    }
  }

  private void autoScaling(String path, AutoScaling a, int desiredCount) {
    if (a.min() < 0) {
      problems.add(path + ".min", "must not be negative");
    }
    if (a.max() < 1 || a.max() < a.min()) {
      problems.add(path + ".max", a.max() + " must be at least 1 and at least min (" + a.min() + ")");
    }
    if (a.max() > MAX_TASKS) {
      problems.add(path + ".max", a.max() + " is more tasks than a service may run (" + MAX_TASKS + ")");
    }
    if (desiredCount < a.min() || desiredCount > a.max()) {
      problems.add(path, "desiredCount " + desiredCount + " is outside min-max (" + a.min() + "-" + a.max()
          + "); it is the count the service starts with");
    }
    if (a.cpuPercent().isEmpty() && a.memoryPercent().isEmpty() && a.requestsPerTarget().isEmpty()) {
      problems.add(path, "tracks no metric: set cpuPercent, memoryPercent or requestsPerTarget");
    }
    a.cpuPercent().ifPresent(p -> percent(path + ".cpuPercent", p));
    a.memoryPercent().ifPresent(p -> percent(path + ".memoryPercent", p));
    a.requestsPerTarget().filter(n -> n < 1).ifPresent(n -> problems.add(path + ".requestsPerTarget", n
        + " must be at least 1 (requests per task per minute)"));
    if (a.scaleOutCooldownSeconds() < 0 || a.scaleInCooldownSeconds() < 0) {
      problems.add(path, "cooldowns must not be negative");
    }
  }

  private void percent(String path, int percent) {
    if (percent < 1 || percent > 100) {
      problems.add(path, percent + " must be 1-100");
    }
  }
}
