package io.cruddur.base;

import java.util.Objects;

/**
 * An Amazon Resource Name: {@code arn:<partition>:<service>:<region>:<account>:<resource>}. The one place ARNs are
 * built and taken apart. Region and account are empty for global resources (IAM policies, for example).
 *
 * <p>Immutable and thread-safe.
 */
public record Arn(String partition, String service, String region, String account, String resource) {
  public Arn {
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(resource, "resource");
    if (partition.isEmpty() || service.isEmpty() || resource.isEmpty()) {
      throw new IllegalArgumentException("an ARN needs a partition, a service and a resource");
    }
  }

  /** A regional resource of an account. */
  public static Arn of(String partition, String service, String region, String account, String resource) {
    return new Arn(partition, service, region, account, resource);
  }

  /**
   * Parses {@code arn:partition:service:region:account:resource}; the resource may contain colons.
   *
   * @throws IllegalArgumentException if {@code text} is not an ARN
   */
  public static Arn parse(String text) {
    String[] parts = text.split(":", 6);
    if (parts.length != 6 || !parts[0].equals("arn")) {
      throw new IllegalArgumentException("'" + text
          + "' is not an ARN (arn:partition:service:region:account:resource)");
    }
    return new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]);
  }

  /** Whether {@code text} has the shape of an ARN. */
  public static boolean isArn(String text) {
    return text != null && text.startsWith("arn:") && text.split(":", 6).length == 6;
  }

  /** The same ARN with another resource part: {@code log-group:name} to {@code log-group:name:*}. */
  public Arn withResource(String resource) {
    return new Arn(partition, service, region, account, resource);
  }

  @Override
  public String toString() {
    return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
  }

  /**
   * Application Auto Scaling's resource label for the requests a target group receives from an application load
   * balancer: the last parts of the two ARNs joined, {@code app/<alb>/<id>/targetgroup/<tg>/<id>} (API reference,
   * PredefinedMetricSpecification).
   *
   * @throws IllegalArgumentException if the ARNs are not of an application load balancer and a target group
   */
  public static String resourceLabel(String loadBalancerArn, String targetGroupArn) {
    return resourceLabelPart(loadBalancerArn) + "/" + resourceLabelPart(targetGroupArn);
  }

  /**
   * What an application load balancer's ARN ({@code app/<name>/<id>}) or a target group's
   * ({@code targetgroup/<name>/<id>}) gives a resource label.
   *
   * @throws IllegalArgumentException if {@code elbArn} is neither
   */
  public static String resourceLabelPart(String elbArn) {
    String resource = parse(elbArn).resource();
    if (resource.startsWith("loadbalancer/app/")) {
      return resource.substring("loadbalancer/".length());
    }
    if (resource.startsWith("targetgroup/")) {
      return resource;
    }
    throw new IllegalArgumentException("'" + elbArn + "' is not the ARN of an application load balancer or a "
        + "target group");
  }

  /**
   * The SSM parameter name that {@code nameOrArn} stands for: a name as is; for an ARN, {@code parameter/a/b} is
   * {@code /a/b} and {@code parameter/name} (no hierarchy) is {@code name}, as SSM writes them.
   */
  /**
   * The name SSM keeps for a parameter named or referenced so: {@link #parameterName}, less the leading slash of a
   * name with no other ({@code /DB_PASS} is kept and returned as {@code DB_PASS}; {@code /app/DB_PASS} as it is).
   */
  public static String canonicalParameterName(String nameOrArn) {
    String name = parameterName(nameOrArn);
    return name.startsWith("/") && name.indexOf('/', 1) < 0 ? name.substring(1) : name;
  }

  public static String parameterName(String nameOrArn) {
    if (!nameOrArn.startsWith("arn:")) {
      return nameOrArn;
    }
    String rest = nameOrArn.substring(nameOrArn.indexOf(":parameter/") + ":parameter/".length());
    return rest.contains("/") ? "/" + rest : rest;
  }
}
