package io.cruddur.internal.kind;

import io.cruddur.port.AcmPort;
import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.port.Route53Port;
import io.cruddur.resource.Actual;
import io.cruddur.resource.Backoff;
import io.cruddur.resource.CertificateState;
import io.cruddur.resource.HostedZoneState;
import io.cruddur.resource.RecordState;
import io.cruddur.resource.Scope;
import io.cruddur.resource.Value;
import io.cruddur.resource.Waiter;
import io.cruddur.resource.WriteContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code route53.record}, named {@code name TYPE}. Certificate validation records are named
 * {@code _acm-validation.<domain>. CNAME}, since their real name is known only from ACM. Owned: every record but NS
 * and SOA in an owned zone; elsewhere, aliases to the stack's load balancers and its certificates' validation
 * records.
 */
final class RecordKind extends BaseKind<RecordState, RecordState.Outputs> {
  private static final String VALIDATION = "_acm-validation.";
  // INSYNC: every Route 53 name server answers with the change. Route 53 says changes "generally propagate to all
  // Route 53 name servers within 60 seconds" (GetChange). Polled to a cap of 5 s: a certificate's validation record
  // is on the critical path of a first deploy (ACM validates only what public DNS answers), and its few pollers stay
  // well below Route 53's 5 requests a second per account. A record read as it is (no change of this run) is
  // waited for without a call.
  private static final Waiter<RecordState.Outputs> IN_SYNC = Waiter.of("record in sync", Duration.ofMinutes(10),
      Backoff.upTo(Duration.ofSeconds(5)), false, (cloud, out) -> {
        if (out.changeId() == null) {
          return null;
        }
        // A change Route 53 no longer knows is long done (it keeps their status for a while only).
        return cloud.route53().getChange(out.changeId()).filter(c -> !c.inSync())
            .map(c -> "change " + c.id() + " " + c.status()).orElse(null);
      });

  RecordKind() {
    super("route53.record", 2, RecordState.class, RecordState.Outputs.class);
  }

  /** The stack-level name of the record that validates {@code base} for a certificate. */
  static String validationId(String base) {
    return VALIDATION + HostedZoneState.fqdn(base) + " CNAME";
  }

  /** The stack-level name of the record {@code fqdn TYPE}. */
  static String id(String fqdn, String type) {
    return fqdn + " " + type;
  }

  private static RecordState state(String zoneId, Route53Port.RecordSet r) {
    RecordState.Alias alias = r.alias() == null ? null : new RecordState.Alias(Value.of(stripDot(r.alias().dnsName())),
        Value.of(r.alias().hostedZoneId()), r.alias().evaluateTargetHealth());
    return new RecordState(Value.of(zoneId), Value.of(r.name()), r.type(), r.ttl(),
        r.alias() == null ? Value.ofAll(r.values()) : null, alias);
  }

  /** Alias targets are compared without the trailing dot Route 53 adds. */
  private static String stripDot(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  private static Route53Port.RecordSet recordSet(RecordState s) {
    RecordState.Alias a = s.alias();
    Route53Port.AliasTarget alias = a == null ? null
        : new Route53Port.AliasTarget(a.dnsName().get(), a.hostedZoneId().get(), a.evaluateTargetHealth());
    return new Route53Port.RecordSet(s.name().get(), s.type(), s.ttl(),
        alias == null ? Value.getAll(s.values()) : List.of(), alias);
  }

  @Override
  public Optional<Actual<RecordState, RecordState.Outputs>> read(ReadPorts cloud, Scope scope, String name,
      RecordState desired) {
    if (!desired.zoneId().isKnown() || !desired.name().isKnown()) {
      return Optional.empty();
    }
    String zoneId = desired.zoneId().get();
    String fqdn = HostedZoneState.fqdn(desired.name().get());
    boolean zoneOwned = cloud.route53().listHostedZones().stream()
        .anyMatch(z -> z.id().equals(zoneId) && scope.owns(z.tags()));
    return cloud.route53().listRecords(zoneId).stream()
        .filter(r -> r.name().equals(fqdn) && r.type().equals(desired.type())).findFirst()
        .map(r -> new Actual<>(handle(name).id(), state(zoneId, r), new RecordState.Outputs(r.name()),
            zoneOwned || name.startsWith(VALIDATION) || pointsAtDesiredTarget(r, desired)));
  }

  /**
   * In a zone the stack does not own, an alias record is the stack's only if it already points where the stack
   * wants it (its load balancer); one that points elsewhere belongs to someone else.
   */
  private static boolean pointsAtDesiredTarget(Route53Port.RecordSet r, RecordState desired) {
    if (r.alias() == null || desired.alias() == null || !desired.alias().dnsName().isKnown()) {
      return false;
    }
    return stripDot(r.alias().dnsName()).equals(stripDot(desired.alias().dnsName().get()));
  }

  @Override
  public List<Actual<RecordState, RecordState.Outputs>> owned(ReadPorts cloud, Scope scope) {
    Set<String> lbNames = new HashSet<>();
    ElbReading.inventory(cloud, scope).loadBalancers().stream().filter(lb -> scope.owns(lb.tags()))
        .forEach(lb -> lbNames.add(HostedZoneState.fqdn(lb.dnsName())));
    Map<String, String> validation = new HashMap<>();
    for (AcmPort.Certificate c : cloud.acm().listCertificates()) {
      if (scope.owns(c.tags())) {
        for (AcmPort.ValidationRecord v : c.validation()) {
          validation.put(HostedZoneState.fqdn(v.name()), validationId(CertificateState.base(v.domainName())));
        }
      }
    }
    List<Actual<RecordState, RecordState.Outputs>> out = new ArrayList<>();
    for (Route53Port.HostedZone z : cloud.route53().listHostedZones()) {
      boolean zoneOwned = scope.owns(z.tags());
      if (!zoneOwned && !scope.zones().contains(z.name())) {
        continue;
      }
      for (Route53Port.RecordSet r : cloud.route53().listRecords(z.id())) {
        boolean apexNs = r.name().equals(z.name()) && (r.type().equals("NS") || r.type().equals("SOA"));
        String validationId = r.type().equals("CNAME") ? validation.get(r.name()) : null;
        boolean ours = !apexNs && (zoneOwned || validationId != null
            || (r.alias() != null && lbNames.contains(HostedZoneState.fqdn(r.alias().dnsName()))));
        if (ours) {
          String id = validationId != null ? validationId : id(r.name(), r.type());
          out.add(new Actual<>(handle(id).id(), state(z.id(), r), new RecordState.Outputs(r.name()), true));
        }
      }
    }
    return out;
  }

  @Override
  public RecordState.Outputs create(Ports cloud, String name, RecordState s, WriteContext context) {
    Route53Port.ChangeInfo change = cloud.route53().changeRecords(s.zoneId().get(),
        List.of(Route53Port.Change.upsert(recordSet(s))));
    return new RecordState.Outputs(HostedZoneState.fqdn(s.name().get()), change.id());
  }

  @Override
  public RecordState.Outputs update(Ports cloud, Actual<RecordState, RecordState.Outputs> actual, RecordState s) {
    Route53Port.ChangeInfo change = cloud.route53().changeRecords(s.zoneId().get(),
        List.of(Route53Port.Change.upsert(recordSet(s))));
    return new RecordState.Outputs(HostedZoneState.fqdn(s.name().get()), change.id());
  }

  /** Until Route 53 has the change on all its name servers (INSYNC). */
  @Override
  public Optional<Waiter<RecordState.Outputs>> readiness() {
    return Optional.of(IN_SYNC);
  }

  @Override
  public void delete(Ports cloud, Actual<RecordState, RecordState.Outputs> actual, Optional<RecordState> desired) {
    // Route 53 answers a DELETE of a record that is gone, or whose values differ, with InvalidChangeBatch (not a
    // not-found error the executor would ignore): read it first, so that a record already gone ends well and the
    // DELETE carries the values the record has now.
    String zoneId = actual.state().zoneId().get();
    String fqdn = HostedZoneState.fqdn(actual.state().name().get());
    Optional<Route53Port.RecordSet> current = cloud.route53().listRecords(zoneId).stream()
        .filter(r -> r.name().equals(fqdn) && r.type().equals(actual.state().type())).findFirst();
    if (current.isPresent()) {
      cloud.route53().changeRecords(zoneId, List.of(Route53Port.Change.delete(current.get())));
    }
  }
}
