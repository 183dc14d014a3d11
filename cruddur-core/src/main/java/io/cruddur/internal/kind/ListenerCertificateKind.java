package io.cruddur.internal.kind;

import io.cruddur.port.AcmPort;
import io.cruddur.port.ElbPort;
import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.resource.Actual;
import io.cruddur.resource.ListenerCertificateState;
import io.cruddur.resource.Scope;
import io.cruddur.resource.Value;
import io.cruddur.resource.WriteContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code elb.listener-certificate}, named {@code lb:443 certificate names}: the stack's certificate served by a
 * shared load balancer's HTTPS listener beside the listener's own. It has no tags; it is the stack's when the
 * certificate is, and only the listeners of the load balancers the stack shares are searched for it.
 */
final class ListenerCertificateKind
    extends BaseKind<ListenerCertificateState, ListenerCertificateState.Outputs> {
  private static final String CERTIFICATE = " certificate ";

  ListenerCertificateKind() {
    super("elb.listener-certificate", 4, ListenerCertificateState.class, ListenerCertificateState.Outputs.class);
  }

  /** The stack-level name of {@code certificate} (a certificate's name) on the listener named {@code listenerId}. */
  static String id(String listenerId, String certificate) {
    return listenerId + CERTIFICATE + certificate;
  }

  private Actual<ListenerCertificateState, ListenerCertificateState.Outputs> actual(String name, String listenerArn,
      AcmPort.Certificate certificate, Scope scope) {
    return new Actual<>(handle(name).id(), new ListenerCertificateState(Value.of(listenerArn),
        Value.of(certificate.arn())), new ListenerCertificateState.Outputs(listenerArn, certificate.arn()),
        scope.owns(certificate.tags()));
  }

  @Override
  public Optional<Actual<ListenerCertificateState, ListenerCertificateState.Outputs>> read(ReadPorts cloud,
      Scope scope, String name, ListenerCertificateState desired) {
    if (!desired.listenerArn().isKnown() || !desired.certificateArn().isKnown()) {
      return Optional.empty();
    }
    String arn = desired.certificateArn().get();
    if (!cloud.elb().listenerCertificates(desired.listenerArn().get()).contains(arn)) {
      return Optional.empty();
    }
    return cloud.acm().listCertificates().stream().filter(c -> c.arn().equals(arn)).findFirst()
        .map(c -> actual(name, desired.listenerArn().get(), c, scope));
  }

  @Override
  public List<Actual<ListenerCertificateState, ListenerCertificateState.Outputs>> owned(ReadPorts cloud,
      Scope scope) {
    List<Actual<ListenerCertificateState, ListenerCertificateState.Outputs>> out = new ArrayList<>();
    // The load balancers the spec shares, and those the stack's target groups are attached to (one the spec no
    // longer names); never one the stack owns, whose listeners go with it.
    ElbPort.Inventory elb = ElbReading.inventory(cloud, scope);
    java.util.Set<String> attached = ListenerRuleKind.attachedLoadBalancers(elb, scope);
    if (scope.sharedLoadBalancers().isEmpty() && attached.isEmpty()) {
      return out;
    }
    Map<String, AcmPort.Certificate> mine = cloud.acm().listCertificates().stream()
        .filter(c -> scope.owns(c.tags())).collect(Collectors.toMap(AcmPort.Certificate::arn, Function.identity()));
    if (mine.isEmpty()) {
      return out;
    }
    List<ElbPort.LoadBalancer> balancers = elb.loadBalancers().stream()
        .filter(lb -> !scope.owns(lb.tags()) && (scope.sharedLoadBalancers().contains(lb.name())
            || attached.contains(lb.arn()))).toList();
    for (ElbPort.LoadBalancer lb : balancers) {
      for (ElbPort.Listener l : ElbReading.listeners(cloud, elb, lb.arn())) {
        if (!"HTTPS".equals(l.protocol())) {
          continue;
        }
        for (String arn : cloud.elb().listenerCertificates(l.arn())) {
          AcmPort.Certificate c = mine.get(arn);
          if (c != null) {
            out.add(actual(id(ListenerKind.id(lb.name(), l.port()), CertificateKind.id(c.subjectAlternativeNames())),
                l.arn(), c, scope));
          }
        }
      }
    }
    return out;
  }

  @Override
  public ListenerCertificateState.Outputs create(Ports cloud, String name, ListenerCertificateState s,
      WriteContext context) {
    cloud.elb().addListenerCertificate(s.listenerArn().get(), s.certificateArn().get());
    return new ListenerCertificateState.Outputs(s.listenerArn().get(), s.certificateArn().get());
  }

  @Override
  public ListenerCertificateState.Outputs update(Ports cloud,
      Actual<ListenerCertificateState, ListenerCertificateState.Outputs> actual, ListenerCertificateState s) {
    return actual.outputs(); // both parts require a replacement
  }

  @Override
  public void delete(Ports cloud, Actual<ListenerCertificateState, ListenerCertificateState.Outputs> actual,
      Optional<ListenerCertificateState> desired) {
    cloud.elb().removeListenerCertificate(actual.outputs().listenerArn(), actual.outputs().certificateArn());
  }
}
