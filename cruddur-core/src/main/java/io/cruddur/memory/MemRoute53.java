package io.cruddur.memory;

import io.cruddur.memory.MemoryState.StoredZone;
import io.cruddur.port.CloudException;
import io.cruddur.port.Route53Port;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

final class MemRoute53 implements Route53Port {
  private final InMemoryCloud c;

  MemRoute53(InMemoryCloud c) {
    this.c = c;
  }

  static String fqdn(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n : n + ".";
  }

  @Override
  public HostedZone createHostedZone(String name, String callerReference, Map<String, String> tags) {
    return c.op("route53", "CreateHostedZone", name, true, () -> {
      // A caller reference is never reusable, not even after its zone is deleted (API reference, CreateHostedZone:
      // "You must use a unique CallerReference string every time you submit a CreateHostedZone request";
      // otherwise HostedZoneAlreadyExists).
      if (c.state.usedCallerReferences.contains(callerReference)
          || c.state.zones.values().stream().anyMatch(z -> z.callerReference().equals(callerReference))) {
        throw new CloudException.Conflict("HostedZoneAlreadyExists: caller reference " + callerReference
            + " was used already");
      }
      c.state.usedCallerReferences.add(callerReference);
      String id = "Z" + c.nextId("zone", fqdn(name), 20).toUpperCase(Locale.ROOT);
      String n = fqdn(name);
      List<String> ns = List.of("ns-" + id.substring(1, 5).toLowerCase() + ".awsdns-01.org.",
          "ns-" + id.substring(5, 9).toLowerCase() + ".awsdns-02.co.uk.",
          "ns-" + id.substring(9, 13).toLowerCase() + ".awsdns-03.com.",
          "ns-" + id.substring(13, 17).toLowerCase() + ".awsdns-04.net.");
      HostedZone z = new HostedZone(id, n, ns, InMemoryCloud.copy(tags), callerReference);
      List<RecordSet> records = new ArrayList<>();
      records.add(new RecordSet(n, "NS", 172800L, ns, null));
      records.add(new RecordSet(n, "SOA", 900L,
          List.of(ns.get(0) + " awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"), null));
      c.state.zones.put(id, new StoredZone(z, callerReference, records));
      if (c.delegatedOnCreation(n)) {
        delegate(n, id);
      }
      return z;
    });
  }

  @Override
  public Optional<HostedZone> findHostedZone(String name) {
    return c.op("route53", "ListHostedZonesByName", name, false, () -> c.state.zones.values().stream()
        .map(StoredZone::zone).filter(z -> z.name().equals(fqdn(name))).findFirst());
  }

  @Override
  public List<HostedZone> listHostedZones() {
    return c.op("route53", "ListHostedZones", null, false,
        () -> c.state.zones.values().stream().map(StoredZone::zone).toList());
  }

  @Override
  public ChangeInfo changeRecords(String zoneId, List<Change> changes) {
    return c.op("route53", "ChangeResourceRecordSets", zoneId, true, () -> {
      StoredZone z = require(zoneId);
      List<RecordSet> records = new ArrayList<>(z.records());
      for (Change ch : changes) {
        RecordSet r = normalize(ch.recordSet());
        if (!r.name().equals(z.zone().name()) && !r.name().endsWith("." + z.zone().name())) {
          throw new CloudException.Invalid("InvalidChangeBatch: " + r.name() + " is not in zone " + z.zone().name());
        }
        if (r.alias() != null) {
          checkAlias(r.alias());
        }
        Optional<RecordSet> existing = records.stream()
            .filter(e -> e.name().equals(r.name()) && e.type().equals(r.type())).findFirst();
        // Route 53 refuses each of these with InvalidChangeBatch, a 400 (API reference, ChangeResourceRecordSets:
        // the InvalidChangeBatch error, whose messages read as below), and then applies none of the batch.
        switch (ch.action()) {
          case "CREATE" -> {
            if (existing.isPresent()) {
              throw new CloudException.Invalid("InvalidChangeBatch: Tried to create resource record set [name='"
                  + r.name() + "', type='" + r.type() + "'] but it already exists");
            }
            checkCname(z, records, r);
            records.add(r);
          }
          case "UPSERT" -> {
            checkCname(z, records, r);
            existing.ifPresent(records::remove);
            records.add(r);
          }
          case "DELETE" -> {
            if (existing.isEmpty()) {
              throw new CloudException.Invalid("InvalidChangeBatch: Tried to delete resource record set [name='"
                  + r.name() + "', type='" + r.type() + "'] but it was not found");
            }
            if (!existing.get().equals(r)) {
              throw new CloudException.Invalid("InvalidChangeBatch: Tried to delete resource record set [name='"
                  + r.name() + "', type='" + r.type() + "'] but the values provided do not match the current values");
            }
            records.remove(existing.get());
          }
          default -> throw new CloudException.Invalid("InvalidChangeBatch: action " + ch.action());
        }
      }
      records.sort(Comparator.comparing(RecordSet::name).thenComparing(RecordSet::type));
      for (Change ch : changes) {
        RecordSet r = normalize(ch.recordSet());
        c.state.recordsChangedAt.put(zoneId + " " + r.name() + " " + r.type(), c.now());
      }
      c.state.zones.put(zoneId, new StoredZone(z.zone(), z.callerReference(), records));
      String id = "C" + c.nextId("change", zoneId, 13).toUpperCase(Locale.ROOT);
      c.state.changesSubmittedAt.put(id, c.now());
      return change(id, c.now());
    });
  }

  /** PENDING until {@code recordPropagation} after it was submitted, as public DNS sees the records it wrote. */
  private ChangeInfo change(String id, long submittedAt) {
    boolean inSync = c.now() >= submittedAt + c.settings.recordPropagation().toMillis();
    return new ChangeInfo(id, inSync ? ChangeInfo.INSYNC : ChangeInfo.PENDING);
  }

  @Override
  public Optional<ChangeInfo> getChange(String changeId) {
    return c.op("route53", "GetChange", changeId, false, () -> {
      Long at = c.state.changesSubmittedAt.get(changeId);
      return at == null ? Optional.<ChangeInfo>empty() : Optional.of(change(changeId, at));
    });
  }

  /**
   * DNS (RFC 1034 3.6.2) allows no other data beside a CNAME: Route 53 refuses a CNAME at the zone apex (where the
   * SOA and NS records are) and a CNAME beside a record of another type with the same name, either way round.
   */
  private static void checkCname(StoredZone z, List<RecordSet> records, RecordSet r) {
    if (r.type().equals("CNAME") && r.name().equals(z.zone().name())) {
      throw new CloudException.Invalid("InvalidChangeBatch: RRSet of type CNAME with DNS name " + r.name()
          + " is not permitted at apex in zone " + z.zone().name());
    }
    records.stream().filter(e -> e.name().equals(r.name()) && !e.type().equals(r.type()))
        .filter(e -> e.type().equals("CNAME") || r.type().equals("CNAME")).findFirst().ifPresent(e -> {
          throw new CloudException.Invalid("InvalidChangeBatch: RRSet of type " + r.type() + " with DNS name "
              + r.name() + " is not permitted because a conflicting RRSet of type " + e.type()
              + " with the same DNS name already exists in zone " + z.zone().name());
        });
  }

  private void checkAlias(AliasTarget a) {
    String dns = fqdn(a.dnsName()).replaceFirst("^dualstack\\.", "");
    boolean ok = c.state.loadBalancers.values().stream().map(s -> s.loadBalancer())
        .anyMatch(lb -> fqdn(lb.dnsName()).equals(dns) && lb.canonicalHostedZoneId().equals(a.hostedZoneId()));
    if (!ok) {
      throw new CloudException.Invalid("InvalidChangeBatch: alias target " + a.dnsName() + " in zone "
          + a.hostedZoneId() + " does not exist");
    }
  }

  private static RecordSet normalize(RecordSet r) {
    AliasTarget a = r.alias() == null ? null
        : new AliasTarget(fqdn(r.alias().dnsName()), r.alias().hostedZoneId(), r.alias().evaluateTargetHealth());
    return new RecordSet(fqdn(r.name()), r.type(), r.alias() == null ? r.ttl() : null,
        r.values() == null ? List.of() : List.copyOf(r.values()), a);
  }

  @Override
  public List<RecordSet> listRecords(String zoneId) {
    return c.op("route53", "ListResourceRecordSets", zoneId, false, () -> List.copyOf(require(zoneId).records()));
  }

  @Override
  public void deleteHostedZone(String id) {
    c.opv("route53", "DeleteHostedZone", id, () -> {
      StoredZone z = require(id);
      boolean others = z.records().stream()
          .anyMatch(r -> !(r.name().equals(z.zone().name()) && (r.type().equals("NS") || r.type().equals("SOA"))));
      if (others) {
        throw new CloudException.InUse("HostedZoneNotEmpty: zone " + z.zone().name() + " still has records");
      }
      c.state.zones.remove(id);
      c.state.delegatedZones.remove(id);
      c.state.recordsChangedAt.keySet().removeIf(k -> k.startsWith(id + " "));
    });
  }

  /** Points the domain's registrar at zone {@code id}: public DNS now resolves the domain from that zone only. */
  void delegate(String fqdn, String id) {
    c.state.delegatedZones.removeIf(other -> c.state.zones.containsKey(other)
        && c.state.zones.get(other).zone().name().equals(fqdn));
    c.state.delegatedZones.add(id);
  }

  /**
   * Whether public DNS resolves a CNAME with that name and value (for ACM DNS validation). Public DNS answers from
   * the most specific zone that is delegated to: by the domain's registrar ({@link #delegate}), or by NS records in
   * a delegated parent zone that name the zone's name servers. A record it answers with must also be INSYNC: changed
   * at least {@code recordPropagation} ago.
   */
  boolean resolvesCname(String name, String value) {
    return resolvableSince(name, value).isPresent();
  }

  /** When public DNS started to resolve that CNAME (see {@link #resolvesCname}); empty while it does not. */
  java.util.OptionalLong resolvableSince(String name, String value) {
    String n = fqdn(name);
    Optional<StoredZone> authority = c.state.zones.entrySet().stream()
        .filter(e -> n.equals(e.getValue().zone().name()) || n.endsWith("." + e.getValue().zone().name()))
        .filter(e -> publiclyDelegated(e.getKey(), 0))
        .max(Comparator.comparingInt(e -> e.getValue().zone().name().length())).map(Map.Entry::getValue);
    long propagation = c.settings.recordPropagation().toMillis();
    return authority.stream().flatMap(z -> z.records().stream()
            .filter(r -> r.type().equals("CNAME") && r.name().equals(n) && r.values().contains(value))
            .map(r -> c.state.recordsChangedAt.getOrDefault(z.zone().id() + " " + n + " CNAME", 0L) + propagation))
        .filter(since -> c.now() >= since).mapToLong(Long::longValue).findAny();
  }

  /** Whether zone {@code id} is delegated: by the registrar, or by NS records (INSYNC) in a delegated parent. */
  private boolean publiclyDelegated(String id, int depth) {
    if (c.state.delegatedZones.contains(id)) {
      return true;
    }
    StoredZone child = c.state.zones.get(id);
    if (child == null || depth > 10) {
      return false;
    }
    String name = child.zone().name();
    long propagation = c.settings.recordPropagation().toMillis();
    return c.state.zones.entrySet().stream()
        .filter(e -> !e.getKey().equals(id) && name.endsWith("." + e.getValue().zone().name()))
        .anyMatch(e -> e.getValue().records().stream()
            .anyMatch(r -> r.type().equals("NS") && r.name().equals(name)
                && r.values().stream().map(MemRoute53::fqdn).collect(java.util.stream.Collectors.toSet())
                    .equals(child.zone().nameServers().stream().map(MemRoute53::fqdn)
                        .collect(java.util.stream.Collectors.toSet()))
                && c.now() >= c.state.recordsChangedAt.getOrDefault(e.getKey() + " " + name + " NS", 0L)
                    + propagation)
            && publiclyDelegated(e.getKey(), depth + 1));
  }

  private StoredZone require(String id) {
    StoredZone z = c.state.zones.get(id);
    if (z == null) {
      throw new CloudException.NotFound("NoSuchHostedZone: " + id);
    }
    return z;
  }
}
