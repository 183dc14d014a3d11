package io.cruddur.plan.types;

import io.cruddur.plan.Actual;
import io.cruddur.plan.Desired;
import io.cruddur.plan.ResourceId;
import io.cruddur.plan.ResourceType;
import io.cruddur.plan.Unknown;
import io.cruddur.port.AcmPort;
import io.cruddur.port.Cloud;
import io.cruddur.port.Route53Port;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code route53.record}: {@code name TYPE} -> {zoneId, name, type, ttl, values | alias}. Certificate validation
 * records are named {@code _acm-validation.<domain>. CNAME} since their real name is known only from ACM.
 * Owned: every record but NS and SOA in an owned zone; elsewhere, aliases to the stack's load balancers and the
 * stack's certificates' validation records.
 */
final class RecordType implements ResourceType {
  static final String VALIDATION = "_acm-validation.";

  @Override
  public String name() {
    return "route53.record";
  }

  @Override
  public int layer() {
    return 2;
  }

  static Map<String, Object> props(String zoneId, Route53Port.RecordSet r) {
    Map<String, Object> alias = r.alias() == null ? null : P.props("dnsName", stripDot(r.alias().dnsName()),
        "hostedZoneId", r.alias().hostedZoneId(), "evaluateTargetHealth", r.alias().evaluateTargetHealth());
    return P.props("zoneId", zoneId, "name", r.name(), "type", r.type(), "ttl", r.ttl(),
        "values", r.alias() == null ? r.values() : null, "alias", alias);
  }

  /** Alias targets are compared without the trailing dot Route 53 adds. */
  private static String stripDot(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  static Route53Port.RecordSet recordSet(Map<String, Object> p) {
    Map<String, Object> a = P.map(p, "alias");
    Route53Port.AliasTarget alias = a == null ? null : new Route53Port.AliasTarget(P.str(a, "dnsName"),
        P.str(a, "hostedZoneId"), P.bool(a, "evaluateTargetHealth"));
    Object ttl = p.get("ttl");
    return new Route53Port.RecordSet(P.str(p, "name"), P.str(p, "type"),
        ttl == null ? null : ((Number) ttl).longValue(), alias == null ? P.list(p, "values") : List.of(), alias);
  }

  @Override
  public Optional<Actual> read(Cloud cloud, Scope scope, ResourceId id, Map<String, Object> props) {
    Object zoneId = props.get("zoneId");
    Object name = props.get("name");
    if (zoneId == Unknown.VALUE || name == Unknown.VALUE) {
      return Optional.empty();
    }
    boolean zoneOwned = cloud.route53().listHostedZones().stream()
        .anyMatch(z -> z.id().equals(zoneId) && P.owns(z.tags(), scope.stack()));
    return cloud.route53().listRecords(zoneId.toString()).stream()
        .filter(r -> r.name().equals(HostedZoneType.fqdn(name.toString())) && r.type().equals(props.get("type")))
        .findFirst().map(r -> P.actual(this, id.name(), props(zoneId.toString(), r), P.attrs("name", r.name()),
            zoneOwned || id.name().startsWith(VALIDATION) || pointsAtDesiredTarget(r, props)));
  }

  /**
   * In a zone the stack does not own, an alias record is the stack's only if it already points where the stack
   * wants it (its load balancer); one that points elsewhere belongs to someone else.
   */
  private static boolean pointsAtDesiredTarget(Route53Port.RecordSet r, Map<String, Object> props) {
    Map<String, Object> want = P.map(props, "alias");
    if (r.alias() == null || want == null || !(want.get("dnsName") instanceof String dns)) {
      return false;
    }
    return stripDot(r.alias().dnsName()).equals(stripDot(dns));
  }

  @Override
  public List<Actual> owned(Cloud cloud, Scope scope) {
    Set<String> lbNames = new java.util.HashSet<>();
    cloud.elb().listLoadBalancers().stream().filter(lb -> P.owns(lb.tags(), scope.stack()))
        .forEach(lb -> lbNames.add(HostedZoneType.fqdn(lb.dnsName())));
    Map<String, String> validation = new HashMap<>();
    for (AcmPort.Certificate c : cloud.acm().listCertificates()) {
      if (P.owns(c.tags(), scope.stack())) {
        for (AcmPort.ValidationRecord v : c.validation()) {
          String base = v.domainName().startsWith("*.") ? v.domainName().substring(2) : v.domainName();
          validation.put(HostedZoneType.fqdn(v.name()), VALIDATION + HostedZoneType.fqdn(base) + " CNAME");
        }
      }
    }
    List<Actual> out = new ArrayList<>();
    for (Route53Port.HostedZone z : cloud.route53().listHostedZones()) {
      boolean zoneOwned = P.owns(z.tags(), scope.stack());
      if (!zoneOwned && !scope.zones().contains(z.name())) {
        continue;
      }
      for (Route53Port.RecordSet r : cloud.route53().listRecords(z.id())) {
        boolean apexNs = r.name().equals(z.name()) && (r.type().equals("NS") || r.type().equals("SOA"));
        String validationId = r.type().equals("CNAME") ? validation.get(r.name()) : null;
        boolean ours = !apexNs && (zoneOwned || validationId != null
            || (r.alias() != null && lbNames.contains(HostedZoneType.fqdn(r.alias().dnsName()))));
        if (ours) {
          String id = validationId != null ? validationId : r.name() + " " + r.type();
          out.add(P.actual(this, id, props(z.id(), r), P.attrs("name", r.name()), true));
        }
      }
    }
    return out;
  }

  @Override
  public Map<String, String> create(Cloud cloud, ResourceId id, Map<String, Object> p, Map<String, String> tags) {
    cloud.route53().changeRecords(P.str(p, "zoneId"), List.of(Route53Port.Change.upsert(recordSet(p))));
    return P.attrs("name", HostedZoneType.fqdn(P.str(p, "name")));
  }

  @Override
  public Map<String, String> update(Cloud cloud, Actual actual, Map<String, Object> p, Set<String> changed) {
    return create(cloud, actual.id(), p, Map.of());
  }

  @Override
  public void delete(Cloud cloud, Actual actual, Desired desired) {
    cloud.route53().changeRecords(P.str(actual.props(), "zoneId"),
        List.of(Route53Port.Change.delete(recordSet(actual.props()))));
  }

  @Override
  public Set<String> replaceOn() {
    return Set.of("zoneId", "name", "type");
  }
}
