package io.cruddur.resource;

import java.util.List;

/**
 * {@code route53.record}: a record set, with {@code values} and a {@code ttl}, or an {@code alias} (then both are
 * absent).
 */
public record RecordState(@RequiresReplace Value<String> zoneId, @RequiresReplace Value<String> name,
    @RequiresReplace String type, Long ttl, List<Value<String>> values, Alias alias) implements ResourceState {
  /** An alias to a load balancer (or another AWS target). */
  public record Alias(Value<String> dnsName, Value<String> hostedZoneId, boolean evaluateTargetHealth) {}

  /**
   * @param name the record's fully qualified name
   * @param changeId the Route 53 change that wrote it in this run, to wait for until INSYNC; null when read (a
   *     record found as it is was written earlier, and Route 53 has long had it in sync)
   */
  public record Outputs(String name, String changeId) {
    public Outputs(String name) {
      this(name, null);
    }
  }
}
