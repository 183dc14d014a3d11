package io.cruddur.plan.types;

import io.cruddur.plan.Actual;
import io.cruddur.plan.Desired;
import io.cruddur.plan.ResourceId;
import io.cruddur.plan.ResourceType;
import io.cruddur.plan.Waiter;
import io.cruddur.port.AcmPort;
import io.cruddur.port.Cloud;
import io.cruddur.port.CloudException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code acm.certificate}: the names it covers -> {domainName, subjectAlternativeNames}. Other names make another
 * certificate: the old one is deleted once no listener uses it. Attributes include each validation record as
 * {@code validation:<domain>:name} and {@code :value}.
 */
final class CertificateType implements ResourceType {
  @Override
  public String name() {
    return "acm.certificate";
  }

  @Override
  public int layer() {
    return 1;
  }

  static String id(List<String> names) {
    return String.join(", ", names);
  }

  private static Map<String, String> attrs(AcmPort.Certificate c) {
    Map<String, String> a = P.attrs("arn", c.arn(), "status", c.status());
    for (AcmPort.ValidationRecord v : c.validation()) {
      String base = v.domainName().startsWith("*.") ? v.domainName().substring(2) : v.domainName();
      a.put("validation:" + base + ":name", v.name());
      a.put("validation:" + base + ":value", v.value());
    }
    return a;
  }

  private Actual actual(AcmPort.Certificate c, String stack) {
    return P.actual(this, id(c.subjectAlternativeNames()), P.props("domainName", c.domainName(),
        "subjectAlternativeNames", c.subjectAlternativeNames()), attrs(c), P.owns(c.tags(), stack));
  }

  @Override
  public Optional<Actual> read(Cloud cloud, Scope scope, ResourceId id, Map<String, Object> props) {
    return cloud.acm().listCertificates().stream()
        .filter(c -> P.owns(c.tags(), scope.stack()) && !c.status().equals("FAILED")
            && id(c.subjectAlternativeNames()).equals(id.name()))
        .findFirst().map(c -> actual(c, scope.stack()));
  }

  @Override
  public List<Actual> owned(Cloud cloud, Scope scope) {
    return cloud.acm().listCertificates().stream().filter(c -> P.owns(c.tags(), scope.stack()))
        .map(c -> actual(c, scope.stack())).toList();
  }

  @Override
  public Map<String, String> create(Cloud cloud, ResourceId id, Map<String, Object> p, Map<String, String> tags) {
    List<String> names = P.list(p, "subjectAlternativeNames");
    String token = P.requestKey(tags, id(names), p, 32);
    String arn = cloud.acm().requestCertificate(P.str(p, "domainName"), names, token, tags);
    // ACM fills in the validation records a few seconds after the request.
    Duration waited = Duration.ZERO;
    while (true) {
      Optional<AcmPort.Certificate> c = cloud.acm().describeCertificate(arn);
      if (c.isPresent() && c.get().validation().size() == names.size()) {
        return attrs(c.get());
      }
      if (waited.compareTo(Duration.ofMinutes(2)) > 0) {
        throw new CloudException("certificate " + arn + " has no DNS validation records after 2 minutes");
      }
      P.sleep(cloud, Duration.ofSeconds(2), "waiting for the validation records of " + arn);
      waited = waited.plusSeconds(2);
    }
  }

  @Override
  public Map<String, String> update(Cloud cloud, Actual actual, Map<String, Object> p, Set<String> changed) {
    return actual.attributes();
  }

  @Override
  public void delete(Cloud cloud, Actual actual, Desired desired) {
    cloud.acm().deleteCertificate(actual.attributes().get("arn"));
  }

  @Override
  public Set<String> replaceOn() {
    return Set.of("domainName", "subjectAlternativeNames");
  }

  @Override
  public Optional<Waiter> waiter() {
    return Optional.of(Waiter.of("certificate issued", Duration.ofMinutes(45), Duration.ofSeconds(10),
        (cloud, attributes) -> {
      AcmPort.Certificate c = cloud.acm().describeCertificate(attributes.get("arn"))
          .orElseThrow(() -> new CloudException.NotFound("certificate " + attributes.get("arn") + " is gone"));
      return switch (c.status()) {
        case "ISSUED" -> null;
        case "PENDING_VALIDATION" -> "pending DNS validation";
        default -> throw new CloudException("certificate " + c.arn() + " is " + c.status());
      };
    }));
  }
}
