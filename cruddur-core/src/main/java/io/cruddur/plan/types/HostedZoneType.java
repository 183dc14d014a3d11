package io.cruddur.plan.types;

import io.cruddur.plan.Actual;
import io.cruddur.plan.Desired;
import io.cruddur.plan.ResourceId;
import io.cruddur.plan.ResourceType;
import io.cruddur.port.Cloud;
import io.cruddur.port.Route53Port;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code route53.hosted-zone}: domain -> {name}. */
final class HostedZoneType implements ResourceType {
  @Override
  public String name() {
    return "route53.hosted-zone";
  }

  @Override
  public int layer() {
    return 0;
  }

  static String fqdn(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    return n.endsWith(".") ? n : n + ".";
  }

  private Actual actual(Route53Port.HostedZone z, String stack) {
    String domain = z.name().substring(0, z.name().length() - 1);
    return P.actual(this, domain, P.props("name", z.name()), P.attrs("id", z.id(), "name", z.name(),
        "nameServers", String.join(",", z.nameServers())), P.owns(z.tags(), stack));
  }

  @Override
  public Optional<Actual> read(Cloud cloud, Scope scope, ResourceId id, Map<String, Object> props) {
    // Several zones may share a name: prefer the one this stack owns.
    return cloud.route53().listHostedZones().stream().filter(z -> z.name().equals(fqdn(id.name())))
        .map(z -> actual(z, scope.stack())).sorted((a, b) -> Boolean.compare(b.owned(), a.owned())).findFirst();
  }

  @Override
  public List<Actual> owned(Cloud cloud, Scope scope) {
    return cloud.route53().listHostedZones().stream().filter(z -> P.owns(z.tags(), scope.stack()))
        .map(z -> actual(z, scope.stack())).toList();
  }

  @Override
  public Map<String, String> create(Cloud cloud, ResourceId id, Map<String, Object> p, Map<String, String> tags) {
    // The same on a retry within this apply (the adapter then finds the zone), new in the next apply.
    String reference = "cruddur-" + P.requestKey(tags, id.name(), p, 32);
    Route53Port.HostedZone z = cloud.route53().createHostedZone(id.name(), reference, tags);
    return P.attrs("id", z.id(), "name", z.name(), "nameServers", String.join(",", z.nameServers()));
  }

  @Override
  public Map<String, String> update(Cloud cloud, Actual actual, Map<String, Object> p, Set<String> changed) {
    return actual.attributes();
  }

  @Override
  public void delete(Cloud cloud, Actual actual, Desired desired) {
    cloud.route53().deleteHostedZone(actual.attributes().get("id"));
  }
}
