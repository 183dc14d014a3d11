package io.cruddur.aws;

import io.cruddur.port.AcmPort;
import io.cruddur.port.CloudException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.Tag;
import software.amazon.awssdk.services.acm.model.ValidationMethod;

final class AwsAcm implements AcmPort {
  private final Supplier<AcmClient> acm;
  private final Calls calls;

  AwsAcm(Supplier<AcmClient> acm, Calls calls) {
    this.acm = acm;
    this.calls = calls;
  }

  @Override
  public String requestCertificate(String domainName, List<String> sans, String token, Map<String, String> tags) {
    // The idempotency token makes a repeat within an hour return the same certificate.
    return calls.create("acm:RequestCertificate", () -> acm.get().requestCertificate(b -> b.domainName(domainName)
        .subjectAlternativeNames(sans).validationMethod(ValidationMethod.DNS).idempotencyToken(token)
        .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
            .toList())).certificateArn());
  }

  @Override
  public Optional<Certificate> describeCertificate(String arn) {
    return describe(arn, true);
  }

  /** One DescribeCertificate call: the tags are left out (empty). */
  @Override
  public Optional<Certificate> describeCertificateStatus(String arn) {
    return describe(arn, false);
  }

  private Optional<Certificate> describe(String arn, boolean withTags) {
    try {
      var c = calls.read("acm:DescribeCertificate", () -> acm.get().describeCertificate(b -> b.certificateArn(arn))
          .certificate());
      Map<String, String> tags = !withTags ? Map.of() : calls.read("acm:ListTagsForCertificate", () -> acm.get()
          .listTagsForCertificate(b -> b.certificateArn(arn)).tags().stream().collect(Collectors.toMap(Tag::key,
              t -> t.value() == null ? "" : t.value())));
      List<ValidationRecord> validation = c.domainValidationOptions().stream()
          .filter(o -> o.resourceRecord() != null)
          .map(o -> new ValidationRecord(o.domainName(), o.resourceRecord().name(), o.resourceRecord().typeAsString(),
              o.resourceRecord().value())).toList();
      // The apex first, as requested: some backends list the alternative names in another order.
      List<String> names = new java.util.ArrayList<>(c.subjectAlternativeNames());
      names.remove(c.domainName());
      names.add(0, c.domainName());
      return Optional.of(new Certificate(c.certificateArn(), c.domainName(), names, c.statusAsString(), validation,
          c.inUseBy(), tags));
    } catch (CloudException.NotFound e) {
      return Optional.empty();
    }
  }

  @Override
  public List<Certificate> listCertificates() {
    return calls.read("acm:ListCertificates", () -> acm.get().listCertificatesPaginator(b -> b.certificateStatuses(
        CertificateStatus.PENDING_VALIDATION, CertificateStatus.ISSUED, CertificateStatus.INACTIVE,
        CertificateStatus.EXPIRED, CertificateStatus.VALIDATION_TIMED_OUT, CertificateStatus.REVOKED,
        CertificateStatus.FAILED)).certificateSummaryList().stream().map(CertificateSummary::certificateArn)
        .toList()).stream().map(this::describeCertificate).flatMap(Optional::stream).toList();
  }

  @Override
  public void deleteCertificate(String arn) {
    calls.write("acm:DeleteCertificate", () -> acm.get().deleteCertificate(b -> b.certificateArn(arn)));
  }
}
