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
   * The SSM parameter name that {@code nameOrArn} stands for: a name as is; for an ARN, {@code parameter/a/b} is
   * {@code /a/b} and {@code parameter/name} (no hierarchy) is {@code name}, as SSM writes them.
   */
  public static String parameterName(String nameOrArn) {
    if (!nameOrArn.startsWith("arn:")) {
      return nameOrArn;
    }
    String rest = nameOrArn.substring(nameOrArn.indexOf(":parameter/") + ":parameter/".length());
    return rest.contains("/") ? "/" + rest : rest;
  }
}
