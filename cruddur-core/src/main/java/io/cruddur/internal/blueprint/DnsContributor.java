package io.cruddur.internal.blueprint;

import io.cruddur.resource.CertificateState;
import io.cruddur.resource.Handle;
import io.cruddur.resource.HostedZoneState;
import io.cruddur.resource.LoadBalancerState;
import io.cruddur.resource.NodeId;
import io.cruddur.resource.RecordState;
import io.cruddur.resource.Value;
import io.cruddur.internal.kind.Kinds;
import io.cruddur.spec.Domain;
import io.cruddur.spec.Stack;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The domain: its hosted zone (created, or only looked up), the certificate with one DNS validation record per base
 * name (each waited for until Route 53 has it in sync) and a wait until it is issued, and alias A records to the load
 * balancer for the apex, every routed host and the extra aliases.
 */
final class DnsContributor {
  /** The zone, the certificate and the node that waits until it is issued. */
  record Dns(Handle<HostedZoneState, HostedZoneState.Outputs> zone,
      Handle<CertificateState, CertificateState.Outputs> certificate, NodeId issued) {}

  private DnsContributor() {}

  static Dns contribute(Domain d, Graph graph) {
    var zoneState = new HostedZoneState(HostedZoneState.fqdn(d.name()));
    var zone = d.createZone() ? graph.add(Kinds.HOSTED_ZONE, d.name(), zoneState)
        : graph.lookup(Kinds.HOSTED_ZONE, d.name(), zoneState);
    var cert = graph.add(Kinds.CERTIFICATE, Kinds.Names.certificate(d.certificateNames()),
        new CertificateState(d.name(), d.certificateNames()));
    Value<String> zoneId = zone.output("id", HostedZoneState.Outputs::id);
    List<NodeId> validations = new ArrayList<>();
    Set<String> bases = new LinkedHashSet<>();
    d.certificateNames().forEach(n -> bases.add(CertificateState.base(n)));
    for (String base : bases) {
      var record = new RecordState(zoneId, cert.output("validation[" + base + "].name",
          o -> o.validationOf(base).name()), "CNAME", 300L,
          List.of(cert.output("validation[" + base + "].value", o -> o.validationOf(base).value())), null);
      // ACM validates only what public DNS answers: its wait starts once Route 53 has the record in sync, and
      // polling ACM before that would only say "pending".
      validations.add(graph.waitFor(graph.add(Kinds.RECORD, Kinds.Names.validationRecord(base), record), List.of()));
    }
    return new Dns(zone, cert, graph.waitFor(cert, validations));
  }

  /** Alias A records to {@code lb} for the apex, every routed host and the domain's extra aliases. */
  static void aliases(Stack s, Domain d, Dns dns, Handle<LoadBalancerState, LoadBalancerState.Outputs> lb,
      Graph graph) {
    Set<String> hosts = new LinkedHashSet<>();
    hosts.add(d.name());
    s.services().stream().flatMap(svc -> svc.routes().stream()).forEach(r -> r.host().ifPresent(hosts::add));
    hosts.addAll(d.aliases());
    Value<String> zoneId = dns.zone().output("id", HostedZoneState.Outputs::id);
    for (String host : hosts) {
      String fqdn = HostedZoneState.fqdn(host);
      graph.add(Kinds.RECORD, Kinds.Names.record(fqdn, "A"), new RecordState(zoneId, Value.of(fqdn), "A", null,
          null, new RecordState.Alias(lb.output("dnsName", LoadBalancerState.Outputs::dnsName),
              lb.output("canonicalHostedZoneId", LoadBalancerState.Outputs::canonicalHostedZoneId), true)));
    }
  }
}
