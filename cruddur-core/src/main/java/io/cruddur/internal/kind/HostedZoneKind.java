package io.cruddur.internal.kind;

import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.port.Route53Port;
import io.cruddur.resource.Actual;
import io.cruddur.resource.HostedZoneState;
import io.cruddur.resource.Scope;
import io.cruddur.resource.WriteContext;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code route53.hosted-zone}, named by its domain (without the final dot). */
final class HostedZoneKind
    extends NamedKind<HostedZoneState, HostedZoneState.Outputs, Route53Port.HostedZone> {
  HostedZoneKind() {
    super("route53.hosted-zone", 0, HostedZoneState.class, HostedZoneState.Outputs.class);
  }

  private static HostedZoneState.Outputs outputs(Route53Port.HostedZone z) {
    return new HostedZoneState.Outputs(z.id(), z.name(), z.nameServers());
  }

  @Override
  Actual<HostedZoneState, HostedZoneState.Outputs> actual(Route53Port.HostedZone z, boolean owned) {
    String domain = z.name().substring(0, z.name().length() - 1);
    return new Actual<>(handle(domain).id(), new HostedZoneState(z.name()), outputs(z), owned);
  }

  @Override
  Optional<Route53Port.HostedZone> find(ReadPorts cloud, Scope scope, String name, HostedZoneState desired) {
    // Several zones may share a name: prefer the one this stack owns.
    return cloud.route53().listHostedZones().stream().filter(z -> z.name().equals(HostedZoneState.fqdn(name)))
        .min(Comparator.comparing(z -> !scope.owns(z.tags())));
  }

  @Override
  List<Route53Port.HostedZone> list(ReadPorts cloud, Scope scope) {
    return cloud.route53().listHostedZones();
  }

  /**
   * Route 53 cannot tag a zone as it creates it: the tags follow in a second call. A run that died in between left
   * a zone without them, which the caller reference still marks as the stack's ({@code cruddur-<stack>-<key>},
   * given at creation): such a zone counts as tagged with its stack.
   */
  @Override
  Map<String, String> tags(Route53Port.HostedZone z) {
    return createdBy(z).filter(stack -> !z.tags().containsKey(Scope.OWNER_TAG))
        .<Map<String, String>>map(stack -> {
          Map<String, String> t = new java.util.TreeMap<>(z.tags());
          t.put(Scope.OWNER_TAG, stack);
          return t;
        }).orElse(z.tags());
  }

  private static final int KEY = 24;

  /** The stack whose create made {@code z}, read from its caller reference. */
  static Optional<String> createdBy(Route53Port.HostedZone z) {
    String ref = z.callerReference();
    if (ref == null || !ref.startsWith("cruddur-") || ref.length() < "cruddur-".length() + 2 + KEY) {
      return Optional.empty();
    }
    return Optional.of(ref.substring("cruddur-".length(), ref.length() - KEY - 1));
  }

  @Override
  public HostedZoneState.Outputs create(Ports cloud, String name, HostedZoneState s, WriteContext context) {
    // The same on a retry within this apply (the adapter then finds the zone), new in the next apply.
    // It names the stack too: a zone whose tags a dead run never wrote is still known as the stack's.
    String reference = "cruddur-" + context.stack() + "-" + context.requestKey(name, KEY);
    return outputs(cloud.route53().createHostedZone(name, reference, context.tags()));
  }

  @Override
  public HostedZoneState.Outputs update(Ports cloud, Actual<HostedZoneState, HostedZoneState.Outputs> actual,
      HostedZoneState s) {
    return actual.outputs();
  }

  @Override
  public void delete(Ports cloud, Actual<HostedZoneState, HostedZoneState.Outputs> actual,
      Optional<HostedZoneState> desired) {
    cloud.route53().deleteHostedZone(actual.outputs().id());
  }
}
