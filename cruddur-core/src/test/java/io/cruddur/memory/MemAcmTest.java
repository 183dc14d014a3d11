package io.cruddur.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.port.AcmPort;
import io.cruddur.port.AcmPort.Certificate;
import io.cruddur.port.AcmPort.ValidationRecord;
import io.cruddur.port.CloudException;
import io.cruddur.port.Route53Port;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ACM DNS validation as AWS behaves: validation records a moment after the request, one CNAME per domain shared by
 * the domain and its wildcard, issuance a while after every CNAME resolves in the delegated zone, idempotency
 * tokens for an hour, and no delete while a listener uses the certificate. Compact latency: records after 2 s,
 * issuance 20 s after validation.
 */
class MemAcmTest {
  private static final Map<String, String> TAGS = Map.of("cruddur:stack", "t");

  private final InMemoryCloud cloud = InMemoryCloud.create();
  private final AcmPort acm = cloud.acm();

  private Certificate describe(String arn) {
    return acm.describeCertificate(arn).orElseThrow();
  }

  private void advance(long millis) {
    cloud.clock().advance(Duration.ofMillis(millis));
  }

  private void upsert(String zoneId, ValidationRecord v) {
    cloud.route53().changeRecords(zoneId, List.of(Route53Port.Change.upsert(new Route53Port.RecordSet(v.name(),
        v.type(), 300L, List.of(v.value()), null))));
  }

  @Test
  void aRequestGetsAnArnAndIsPendingWithItsNamesInOrderWithoutDuplicates() {
    String arn = acm.requestCertificate("example.com", List.of("example.com", "*.example.com", "api.example.com",
        "*.example.com"), null, TAGS);
    assertThat(arn).matches("arn:aws:acm:us-east-1:000000000000:certificate/"
        + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    Certificate c = describe(arn);
    assertThat(c.domainName()).isEqualTo("example.com");
    assertThat(c.subjectAlternativeNames()).containsExactly("example.com", "*.example.com", "api.example.com");
    assertThat(c.status()).isEqualTo("PENDING_VALIDATION");
    assertThat(c.inUseBy()).isEmpty();
    assertThat(c.tags()).isEqualTo(TAGS);
    assertThat(acm.describeCertificate(arn + "x")).isEmpty();
    assertThat(acm.listCertificates()).containsExactly(c);
  }

  @Test
  void validationRecordsComeAfterAMomentOnePerDomainSharedWithItsWildcard() {
    String arn = acm.requestCertificate("example.com", List.of("*.example.com", "api.example.com"), null, TAGS);
    advance(1_999);
    assertThat(describe(arn).validation()).isEmpty();
    advance(1);
    List<ValidationRecord> v = describe(arn).validation();
    assertThat(v).extracting(ValidationRecord::domainName)
        .containsExactly("example.com", "*.example.com", "api.example.com");
    assertThat(v).allSatisfy(r -> assertThat(r.type()).isEqualTo("CNAME"));
    assertThat(v.get(0).name()).isEqualTo("_" + InMemoryCloud.digest("000000000000example.com", 32)
        + ".example.com.");
    assertThat(v.get(0).value()).isEqualTo("_" + InMemoryCloud.digest("value000000000000example.com", 32)
        + ".xlfgrmvvlj.acm-validations.aws.");
    assertThat(v.get(1).name()).as("the wildcard shares its domain's record").isEqualTo(v.get(0).name());
    assertThat(v.get(1).value()).isEqualTo(v.get(0).value());
    assertThat(v.get(2).name()).endsWith(".api.example.com.").isNotEqualTo(v.get(0).name());
    String again = acm.requestCertificate("example.com", List.of(), null, TAGS);
    advance(2_000);
    assertThat(describe(again).validation().get(0)).as("the same record for the same domain in the account")
        .isEqualTo(v.get(0));
  }

  @Test
  void aCertificateIsIssuedAWhileAfterItsLastRecordBecameResolvableWhoeverLooks() {
    var zone = cloud.route53().createHostedZone("example.com", "r", TAGS);
    cloud.delegate("example.com");
    String arn = acm.requestCertificate("example.com", List.of("api.example.com"), null, TAGS);
    advance(2_000);
    List<ValidationRecord> v = describe(arn).validation();
    upsert(zone.id(), v.get(0));
    advance(60_000);
    assertThat(describe(arn).status()).as("one of two records").isEqualTo("PENDING_VALIDATION");
    upsert(zone.id(), v.get(1));
    // The second record is INSYNC 2 s after its change (compact recordPropagation); ACM issues 20 s later. Nobody
    // looks meanwhile: issuance does not wait for a describe.
    advance(21_999);
    assertThat(describe(arn).status()).isEqualTo("PENDING_VALIDATION");
    advance(1);
    assertThat(describe(arn).status()).isEqualTo("ISSUED");
    cloud.route53().changeRecords(zone.id(), List.of(Route53Port.Change.delete(new Route53Port.RecordSet(
        v.get(0).name(), "CNAME", 300L, List.of(v.get(0).value()), null))));
    assertThat(describe(arn).status()).as("issued stays issued").isEqualTo("ISSUED");
  }

  @Test
  void aRecordThatIsNotYetInsyncDoesNotValidate() {
    var zone = cloud.route53().createHostedZone("example.com", "r", TAGS);
    cloud.delegate("example.com");
    String arn = acm.requestCertificate("example.com", List.of(), null, TAGS);
    advance(2_000);
    upsert(zone.id(), describe(arn).validation().get(0));
    advance(1_999);
    assertThat(describe(arn).status()).isEqualTo("PENDING_VALIDATION");
    assertThat(cloud.state.certificates.get(arn).validatedAt()).as("not seen yet").isNull();
    advance(1);
    assertThat(describe(arn).status()).isEqualTo("PENDING_VALIDATION");
    assertThat(cloud.state.certificates.get(arn).validatedAt()).as("seen since it is INSYNC").isEqualTo(
        cloud.now());
    advance(20_000);
    assertThat(acm.listCertificates()).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo("ISSUED"));
    assertThat(cloud.state.certificates.get(arn).validatedAt()).isEqualTo(cloud.now() - 20_000);
  }

  @Test
  void validationStartsOverWhenTheRecordChangesBeforeIssuance() {
    var zone = cloud.route53().createHostedZone("example.com", "r", TAGS);
    cloud.delegate("example.com");
    String arn = acm.requestCertificate("example.com", List.of(), null, TAGS);
    advance(2_000);
    ValidationRecord v = describe(arn).validation().get(0);
    upsert(zone.id(), v);
    advance(8_000);
    assertThat(describe(arn).status()).isEqualTo("PENDING_VALIDATION");
    assertThat(cloud.state.certificates.get(arn).validatedAt()).isNotNull();
    cloud.route53().changeRecords(zone.id(), List.of(Route53Port.Change.delete(new Route53Port.RecordSet(v.name(),
        "CNAME", 300L, List.of(v.value()), null))));
    assertThat(describe(arn).status()).isEqualTo("PENDING_VALIDATION");
    assertThat(cloud.state.certificates.get(arn).validatedAt()).as("validation lost").isNull();
    upsert(zone.id(), v);
    // Resolvable again 2 s after this change: issued 22 s from now, not 14 s (as from the first record).
    advance(14_000);
    assertThat(describe(arn).status()).isEqualTo("PENDING_VALIDATION");
    advance(7_999);
    assertThat(describe(arn).status()).isEqualTo("PENDING_VALIDATION");
    advance(1);
    assertThat(describe(arn).status()).isEqualTo("ISSUED");
  }

  @Test
  void theSameTokenAndNamesWithinAnHourReturnTheSameCertificate() {
    String first = acm.requestCertificate("example.com", List.of("*.example.com"), "tok", TAGS);
    assertThat(acm.requestCertificate("example.com", List.of("*.example.com"), "tok", TAGS)).isEqualTo(first);
    assertThat(acm.requestCertificate("example.com", List.of("*.example.com"), "other", TAGS)).isNotEqualTo(first);
    assertThat(acm.requestCertificate("example.com", List.of(), "tok", TAGS)).as("other names").isNotEqualTo(first);
    assertThat(acm.requestCertificate("example.com", List.of("*.example.com"), null, TAGS)).isNotEqualTo(first);
    advance(3_599_999);
    assertThat(acm.requestCertificate("example.com", List.of("*.example.com"), "tok", TAGS)).isEqualTo(first);
    advance(1);
    assertThat(acm.requestCertificate("example.com", List.of("*.example.com"), "tok", TAGS)).isNotEqualTo(first);
    assertThat(acm.listCertificates()).hasSize(5);
  }

  @Test
  void aCertificateInUseByAListenerCannotBeDeleted() {
    var zone = cloud.route53().createHostedZone("example.com", "r", TAGS);
    cloud.delegate("example.com");
    String arn = acm.requestCertificate("example.com", List.of(), null, TAGS);
    advance(2_000);
    upsert(zone.id(), describe(arn).validation().get(0));
    advance(22_000);
    assertThat(((MemAcm) acm).status(arn)).isEqualTo("ISSUED");
    assertThat(((MemAcm) acm).status(arn + "x")).isEqualTo("NOT_FOUND");
    String vpc = cloud.ec2().defaultVpc().orElseThrow().id();
    List<String> subnets = cloud.ec2().subnets(vpc).stream().map(s -> s.id()).limit(2).toList();
    String sg = cloud.ec2().createSecurityGroup("alb", "alb", vpc, TAGS).id();
    var lb = cloud.elb().createLoadBalancer("web", true, subnets, List.of(sg), TAGS);
    var fixed = io.cruddur.port.ElbPort.Action.fixed("404", "text/plain", "x");
    cloud.elb().createListener(lb.arn(), "HTTPS", 443, arn, "p", fixed, TAGS);
    cloud.elb().createListener(lb.arn(), "HTTPS", 8443, arn, "p", fixed, TAGS);
    assertThat(describe(arn).inUseBy()).as("once per load balancer").containsExactly(lb.arn());
    assertThatThrownBy(() -> acm.deleteCertificate(arn)).isInstanceOf(CloudException.InUse.class)
        .hasMessageContaining("ResourceInUseException");
    assertThatThrownBy(() -> acm.deleteCertificate(arn + "x")).isInstanceOf(CloudException.NotFound.class)
        .hasMessageContaining("ResourceNotFoundException");
    String unused = acm.requestCertificate("other.example.com", List.of(), null, TAGS);
    acm.deleteCertificate(unused);
    assertThat(acm.describeCertificate(unused)).isEmpty();
  }
}
