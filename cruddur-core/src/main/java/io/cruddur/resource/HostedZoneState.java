package io.cruddur.resource;

import java.util.List;
import java.util.Locale;

/** {@code route53.hosted-zone}: a public hosted zone; {@code name} is fully qualified. */
public record HostedZoneState(String name) implements ResourceState {
  public record Outputs(String id, String name, List<String> nameServers) {}

  /** {@code Example.com} to {@code example.com.}. */
  public static String fqdn(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n : n + ".";
  }
}
