package io.cruddur.spec;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks each service and its containers: names, ports, images, environment, secrets, groups and sidecars. */
final class ServiceRules {
  /** ECS's rule for cluster and service names. */
  static final Pattern ECS_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");
  private static final Pattern ENV_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern SSM_NAME = Pattern.compile("/?[a-zA-Z0-9_.\\-]+(/[a-zA-Z0-9_.\\-]+)*");
  private static final Pattern SSM_ARN = Pattern.compile(
      "arn:aws[a-z-]*:ssm:[a-z0-9-]+:\\d{12}:parameter/[a-zA-Z0-9_.\\-/]+");
  private static final Pattern IMAGE_TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,127}");
  private static final Set<String> APP_PROTOCOLS = Set.of("http", "http2", "grpc");
  /** ECS portMappings name (also the Service Connect port name). */
  private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9_][a-z0-9_-]{0,63}");

  private final Problems problems;
  private final FargateRules fargate;
  private final DeploymentRules deployment;
  private final Set<String> repositories;
  private final Set<String> groups;
  private final Set<String> names = new HashSet<>();

  /** {@code repositories} and {@code groups} are the names images and security groups may refer to. */
  ServiceRules(Problems problems, Set<String> repositories, Set<String> groups) {
    this.problems = problems;
    this.fargate = new FargateRules(problems);
    this.deployment = new DeploymentRules(problems);
    this.repositories = repositories;
    this.groups = groups;
  }

  void service(String path, Service svc) {
    if (!names.add(svc.name())) {
      problems.add(path, "duplicate service name");
    }
    if (!ECS_NAME.matcher(svc.name()).matches()) {
      problems.add(path + ".name", "must be 1-255 letters, digits, hyphens or underscores");
    }
    fargate.size(path, svc.cpu(), svc.memoryMib());
    svc.port().ifPresent(p -> {
      if (p < 1 || p > 65535) {
        problems.add(path + ".port", p + " is not a port (1-65535)");
      }
    });
    // The port name names the container's port mapping: a service without a port has none to check.
    if (svc.port().isPresent() && !PORT_NAME.matcher(svc.portName()).matches()) {
      problems.add(path + ".portName", "'" + svc.portName() + "' must be 1-64 lowercase letters, digits, underscores "
          + "or hyphens, not starting with a hyphen");
    }
    svc.subnets().forEach(id -> {
      if (!NetworkRules.SUBNET_ID.matcher(id).matches()) {
        problems.add(path + ".subnets", "'" + id + "' is not a subnet id (subnet- and 8 or 17 hex digits)");
      }
    });
    if (!APP_PROTOCOLS.contains(svc.appProtocol())) {
      problems.add(path + ".appProtocol", "'" + svc.appProtocol() + "' must be http, http2 or grpc");
    }
    image(path + ".image", svc.image());
    svc.user().ifPresent(u -> user(path + ".user", u));
    environment(path, svc);
    secrets(path, svc);
    deployment.service(path, svc);
    svc.securityGroups().forEach(g -> {
      if (!groups.contains(g)) {
        problems.add(path + ".securityGroups", "unknown security group '" + g + "'");
      }
    });
    sidecars(path, svc);
  }

  private void environment(String path, Service svc) {
    svc.environment().keySet().forEach(k -> {
      if (!ENV_NAME.matcher(k).matches()) {
        problems.add(path + ".environment[" + k + "]", "is not a valid environment variable name");
      }
      if (svc.secrets().containsKey(k)) {
        problems.add(path + ".environment[" + k + "]", "is also declared as a secret");
      }
    });
  }

  private void secrets(String path, Service svc) {
    svc.secrets().forEach((k, secret) -> {
      if (!ENV_NAME.matcher(k).matches()) {
        problems.add(path + ".secrets[" + k + "]", "is not a valid environment variable name");
      }
      String ref = secret.reference();
      boolean ok = secret.isArn() ? SSM_ARN.matcher(ref).matches()
          : ref.length() <= 2048 && SSM_NAME.matcher(ref).matches();
      if (!ok) {
        problems.add(path + ".secrets[" + k + "]", "'" + ref + "' is not an SSM parameter name or ARN");
      }
    });
  }

  private void sidecars(String path, Service svc) {
    // Sidecars share the task with the service's own container, which is named after the service.
    Set<String> containers = new HashSet<>(Set.of(svc.name()));
    for (Sidecar sc : svc.sidecars()) {
      String p = path + ".sidecars[" + sc.name() + "]";
      if (!containers.add(sc.name())) {
        problems.add(p, "duplicate container name");
      }
      image(p + ".image", sc.image());
      sc.user().ifPresent(u -> user(p + ".user", u));
      if (sc.port().isPresent() && sc.port().equals(svc.port())) {
        problems.add(p + ".port", "clashes with the service port");
      }
    }
  }

  /** ECS takes a user or uid, optionally with a group or gid: {@code user}, {@code 1000:1000}, {@code app:www}. */
  private void user(String path, String user) {
    if (!USER.matcher(user).matches()) {
      problems.add(path, "'" + user + "' is not a user: a name or uid, optionally :group or :gid (at most 255 "
          + "characters, no spaces)");
    }
  }

  private static final java.util.regex.Pattern USER = java.util.regex.Pattern.compile(
      "[A-Za-z0-9_][A-Za-z0-9_.-]{0,126}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,126})?");

  private void image(String path, Image image) {
    if (image.repository().isPresent() == image.reference().isPresent()) {
      problems.add(path, "needs exactly one of an ECR repository of the stack or a full image reference");
    }
    image.repository().ifPresent(r -> {
      if (!repositories.contains(r)) {
        problems.add(path, "repository '" + r + "' is not declared in repositories");
      }
    });
    if (!IMAGE_TAG.matcher(image.tag()).matches()) {
      problems.add(path + ".tag", "'" + image.tag() + "' is not a valid image tag");
    }
  }
}
