package io.cruddur.aws;

import io.cruddur.port.CloudException;
import io.cruddur.port.Route53Port;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;

final class AwsRoute53 implements Route53Port {
  private final Supplier<Route53Client> r53;
  private final Calls calls;

  AwsRoute53(Supplier<Route53Client> r53, Calls calls) {
    this.r53 = r53;
    this.calls = calls;
  }

  static String id(String id) {
    return id.startsWith("/hostedzone/") ? id.substring("/hostedzone/".length()) : id;
  }

  /** Route 53 escapes some characters in names, notably {@code *} as {@code \052}. */
  static String unescape(String name) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\\' && i + 3 < name.length() && name.substring(i + 1, i + 4).chars().allMatch(Character::isDigit)) {
        b.append((char) Integer.parseInt(name.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }

  private static String fqdn(String name) {
    return name.endsWith(".") ? name : name + ".";
  }

  private Map<String, String> tags(String zoneId) {
    return calls.read("route53:ListTagsForResource", () -> r53.get().listTagsForResource(b -> b
        .resourceType(TagResourceType.HOSTEDZONE).resourceId(zoneId)).resourceTagSet().tags().stream()
        .collect(Collectors.toMap(Tag::key, Tag::value)));
  }

  private HostedZone view(software.amazon.awssdk.services.route53.model.HostedZone z) {
    return view(z, tags(id(z.id())));
  }

  private HostedZone view(software.amazon.awssdk.services.route53.model.HostedZone z, Map<String, String> tags) {
    String id = id(z.id());
    List<String> ns = calls.read("route53:GetHostedZone", () -> {
      var d = r53.get().getHostedZone(b -> b.id(id)).delegationSet();
      return d == null ? List.<String>of() : d.nameServers();
    });
    return new HostedZone(id, unescape(z.name()), ns, tags, z.callerReference());
  }

  /** The tags of zones, 10 a call (ListTagsForResources). */
  private Map<String, Map<String, String>> tags(List<String> zoneIds) {
    Map<String, Map<String, String>> out = new java.util.HashMap<>();
    for (int i = 0; i < zoneIds.size(); i += 10) {
      List<String> batch = zoneIds.subList(i, Math.min(zoneIds.size(), i + 10));
      calls.read("route53:ListTagsForResources", () -> r53.get().listTagsForResources(b -> b
          .resourceType(TagResourceType.HOSTEDZONE).resourceIds(batch)).resourceTagSets()).forEach(set -> out.put(
              id(set.resourceId()), set.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value))));
    }
    return out;
  }

  private List<software.amazon.awssdk.services.route53.model.HostedZone> zones() {
    return calls.read("route53:ListHostedZones", () -> r53.get().listHostedZonesPaginator().hostedZones().stream()
        .toList());
  }

  @Override
  public HostedZone createHostedZone(String name, String callerReference, Map<String, String> tags) {
    // Look up first: a zone made by an earlier try with the same caller reference is that same zone.
    var existing = zones().stream().filter(z -> callerReference.equals(z.callerReference())).findFirst();
    String id = existing.map(z -> id(z.id())).orElseGet(() -> {
      try {
        return id(calls.create("route53:CreateHostedZone", () -> r53.get().createHostedZone(b -> b.name(name)
            .callerReference(callerReference)).hostedZone().id()));
      } catch (CloudException.Conflict e) {
        return zones().stream().filter(z -> callerReference.equals(z.callerReference())).findFirst()
            .map(z -> id(z.id())).orElseThrow(() -> e);
      }
    });
    calls.write("route53:ChangeTagsForResource", () -> r53.get().changeTagsForResource(b -> b
        .resourceType(TagResourceType.HOSTEDZONE).resourceId(id).addTags(tags.entrySet().stream()
            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())));
    return view(calls.read("route53:GetHostedZone", () -> r53.get().getHostedZone(b -> b.id(id)).hostedZone()));
  }

  @Override
  public Optional<HostedZone> findHostedZone(String name) {
    return zones().stream().filter(z -> unescape(z.name()).equals(fqdn(name.toLowerCase(Locale.ROOT))))
        .findFirst().map(this::view);
  }

  @Override
  public List<HostedZone> listHostedZones() {
    var zones = zones();
    Map<String, Map<String, String>> tags = tags(zones.stream().map(z -> id(z.id())).toList());
    return zones.stream().map(z -> view(z, tags.getOrDefault(id(z.id()), Map.of()))).toList();
  }

  private static ResourceRecordSet toSdk(RecordSet r) {
    ResourceRecordSet.Builder b = ResourceRecordSet.builder().name(r.name()).type(r.type());
    if (r.alias() != null) {
      b.aliasTarget(a -> a.dnsName(r.alias().dnsName()).hostedZoneId(r.alias().hostedZoneId())
          .evaluateTargetHealth(r.alias().evaluateTargetHealth()));
    } else {
      b.ttl(r.ttl()).resourceRecords(r.values().stream().map(v -> ResourceRecord.builder().value(v).build())
          .toList());
    }
    return b.build();
  }

  @Override
  public ChangeInfo changeRecords(String zoneId, List<Change> changes) {
    return view(calls.write("route53:ChangeResourceRecordSets", () -> r53.get().changeResourceRecordSets(b -> b
        .hostedZoneId(zoneId).changeBatch(cb -> cb.changes(changes.stream().map(c -> software.amazon.awssdk.services
            .route53.model.Change.builder().action(ChangeAction.fromValue(c.action()))
            .resourceRecordSet(toSdk(c.recordSet())).build()).toList()))).changeInfo()));
  }

  @Override
  public Optional<ChangeInfo> getChange(String changeId) {
    try {
      return Optional.of(view(calls.read("route53:GetChange", () -> r53.get().getChange(b -> b.id(changeId))
          .changeInfo())));
    } catch (CloudException.NotFound e) {
      return Optional.empty(); // NoSuchChange
    }
  }

  /** Change ids come as {@code /change/C2682N5HXP0BZ4}; GetChange takes them with or without the prefix. */
  private static ChangeInfo view(software.amazon.awssdk.services.route53.model.ChangeInfo c) {
    String id = c.id().startsWith("/change/") ? c.id().substring("/change/".length()) : c.id();
    return new ChangeInfo(id, c.statusAsString());
  }

  @Override
  public List<RecordSet> listRecords(String zoneId) {
    List<RecordSet> out = new ArrayList<>();
    calls.read("route53:ListResourceRecordSets", () -> r53.get().listResourceRecordSetsPaginator(b -> b
        .hostedZoneId(zoneId)).resourceRecordSets().stream().toList()).forEach(r -> {
          AliasTarget alias = r.aliasTarget() == null ? null : new AliasTarget(unescape(r.aliasTarget().dnsName()),
              r.aliasTarget().hostedZoneId(), Boolean.TRUE.equals(r.aliasTarget().evaluateTargetHealth()));
          out.add(new RecordSet(unescape(r.name()), r.typeAsString(), alias == null ? r.ttl() : null,
              alias == null ? r.resourceRecords().stream().map(ResourceRecord::value).toList() : List.of(), alias));
        });
    return out;
  }

  @Override
  public void deleteHostedZone(String id) {
    calls.write("route53:DeleteHostedZone", () -> r53.get().deleteHostedZone(b -> b.id(id)));
  }
}
