package io.cruddur.internal.kind;

import io.cruddur.port.AcmPort;
import io.cruddur.port.CloudException;
import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.port.Route53Reads;
import io.cruddur.resource.Actual;
import io.cruddur.resource.Backoff;
import io.cruddur.resource.CertificateState;
import io.cruddur.resource.Scope;
import io.cruddur.resource.Waiter;
import io.cruddur.resource.WriteContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code acm.certificate}, named by the names it covers ({@code example.com, *.example.com}). Its outputs carry the
 * DNS validation records; it is ready once ISSUED.
 */
final class CertificateKind extends BaseKind<CertificateState, CertificateState.Outputs> {
  // Polled from 250 ms (Backoff.fastStart) to a cap of 5 s: the HTTPS listener and all that comes after it wait for
  // the certificate, so what the poll adds is on the critical path of a first deploy (ACM validates in 1-5 min: at
  // most 5 s is a few per cent of it; an emulator issues it within seconds). The delegation hint is read once per
  // domain and cloud: it takes three Route 53 calls, and Route 53 allows 5 a second per account.
  /** The delegation hints read so far, by the Route 53 port of their cloud (weakly) and domain. */
  private static final Map<Route53Reads, Map<String, String>> HINTS =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private static final Waiter<CertificateState.Outputs> ISSUED = Waiter.of("certificate issued",
      Duration.ofMinutes(45), Backoff.fastStart(Duration.ofSeconds(5)), false, (cloud, out) -> {
        AcmPort.Certificate c = cloud.acm().describeCertificateStatus(out.arn())
            .orElseThrow(() -> new CloudException.NotFound("certificate " + out.arn() + " is gone"));
        return switch (c.status()) {
          case "ISSUED" -> null;
          case "PENDING_VALIDATION" -> "pending DNS validation" + cachedHint(cloud, c.domainName());
          default -> throw new CloudException("certificate " + c.arn() + " is " + c.status());
        };
      });

  /** {@link #delegationHint}, read once per cloud and domain once a zone holds the domain (zones do not move). */
  private static String cachedHint(ReadPorts cloud, String domain) {
    Map<String, String> known = HINTS.computeIfAbsent(cloud.route53(),
        r -> new java.util.concurrent.ConcurrentHashMap<>());
    String hint = known.get(domain);
    if (hint == null) {
      hint = delegationHint(cloud, domain);
      if (hint.startsWith("; its validation records are in hosted zone")) {
        known.put(domain, hint);
      }
    }
    return hint;
  }

  /**
   * Where a pending certificate's validation records live, and the name servers the domain must be delegated to:
   * the usual reason a certificate stays pending is a new hosted zone that the registrar (or parent zone) does
   * not point at yet, and only the operator can fix that.
   */
  static String delegationHint(ReadPorts cloud, String domain) {
    String name = domain.startsWith("*.") ? domain.substring(2) : domain;
    return cloud.route53().listHostedZones().stream()
        .filter(z -> name.equals(trimDot(z.name())) || name.endsWith("." + trimDot(z.name())))
        .max(java.util.Comparator.comparingInt(z -> trimDot(z.name()).length()))
        .map(z -> "; its validation records are in hosted zone " + trimDot(z.name()) + ": if this lasts, set the "
            + "domain's name servers at its registrar (or NS records in the parent zone) to "
            + String.join(", ", z.nameServers()))
        .orElse("; no hosted zone here holds " + name + ": its validation records must be created where the domain "
            + "is served");
  }

  private static String trimDot(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  CertificateKind() {
    super("acm.certificate", 1, CertificateState.class, CertificateState.Outputs.class);
  }

  /** The stack-level name of the certificate for {@code names}. */
  static String id(List<String> names) {
    return String.join(", ", names);
  }

  /**
   * The certificate's outputs. Its validation records count only once ACM has filled in one for every name: a
   * partial set would leave a name unvalidated, so until then there are none ({@link #outputsReady} is false).
   */
  private static CertificateState.Outputs outputs(AcmPort.Certificate c) {
    boolean complete = c.validation().size() >= c.subjectAlternativeNames().size();
    return new CertificateState.Outputs(c.arn(), c.status(), !complete ? List.of() : c.validation().stream()
        .map(v -> new CertificateState.Validation(v.domainName(), v.name(), v.value())).toList());
  }

  private Actual<CertificateState, CertificateState.Outputs> actual(AcmPort.Certificate c, Scope scope) {
    return new Actual<>(handle(id(c.subjectAlternativeNames())).id(),
        new CertificateState(c.domainName(), c.subjectAlternativeNames()), outputs(c), scope.owns(c.tags()));
  }

  @Override
  public Optional<Actual<CertificateState, CertificateState.Outputs>> read(ReadPorts cloud, Scope scope, String name,
      CertificateState desired) {
    return cloud.acm().listCertificates().stream()
        .filter(c -> scope.owns(c.tags()) && !c.status().equals("FAILED")
            && id(c.subjectAlternativeNames()).equals(name))
        .findFirst().map(c -> actual(c, scope));
  }

  @Override
  public List<Actual<CertificateState, CertificateState.Outputs>> owned(ReadPorts cloud, Scope scope) {
    return cloud.acm().listCertificates().stream().filter(c -> scope.owns(c.tags())).map(c -> actual(c, scope))
        .toList();
  }

  @Override
  public CertificateState.Outputs create(Ports cloud, String name, CertificateState s, WriteContext context) {
    List<String> names = s.subjectAlternativeNames();
    String token = context.requestKey(id(names), 32);
    String arn = cloud.acm().requestCertificate(s.domainName(), names, token, context.tags());
    // ACM fills in the validation records a few seconds after the request; they are this create's outputs.
    Duration waited = Duration.ZERO;
    while (true) {
      Optional<AcmPort.Certificate> c = cloud.acm().describeCertificate(arn);
      if (c.isPresent() && c.get().validation().size() == names.size()) {
        return outputs(c.get());
      }
      if (waited.compareTo(Duration.ofMinutes(2)) > 0) {
        throw new CloudException("certificate " + arn + " has no DNS validation records after 2 minutes");
      }
      sleep(context.clock(), Duration.ofSeconds(2), "waiting for the validation records of " + arn);
      waited = waited.plusSeconds(2);
    }
  }

  @Override
  public CertificateState.Outputs update(Ports cloud, Actual<CertificateState, CertificateState.Outputs> actual,
      CertificateState s) {
    return actual.outputs();
  }

  @Override
  public void delete(Ports cloud, Actual<CertificateState, CertificateState.Outputs> actual,
      Optional<CertificateState> desired) {
    cloud.acm().deleteCertificate(actual.outputs().arn());
  }

  @Override
  public boolean outputsReady(CertificateState.Outputs outputs) {
    return !outputs.validation().isEmpty();
  }

  @Override
  public Optional<Waiter<CertificateState.Outputs>> readiness() {
    return Optional.of(ISSUED);
  }
}
