package io.cruddur.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A certificate wait's poll reads the status with one DescribeCertificate call, not the tags too: a 3-minute wait
 * polls about 47 times, and ACM's request rates are per account.
 */
@ExtendWith(Moto.class)
class CertificateWaitCallsOnMotoTest {
  @Test
  void theStatusIsOneCallAndTheFullReadTwo() {
    NoOpPlanReadsOnMotoTest.Count count = new NoOpPlanReadsOnMotoTest.Count();
    try (AwsCloud cloud = Moto.cloud().addInterceptor(count).build()) {
      String arn = cloud.acm().requestCertificate("status.calls.example.org", List.of("status.calls.example.org"),
          "status-calls", Map.of("cruddur:stack", "calls"));
      count.sent.clear();
      var status = cloud.acm().describeCertificateStatus(arn).orElseThrow();
      assertThat(count.sent).containsExactly(Map.entry("Acm:DescribeCertificate", 1));
      var full = cloud.acm().describeCertificate(arn).orElseThrow();
      assertThat(count.sent).containsEntry("Acm:DescribeCertificate", 2).containsEntry("Acm:ListTagsForCertificate", 1);
      assertThat(status.status()).isEqualTo(full.status());
      assertThat(status.domainName()).isEqualTo(full.domainName());
      assertThat(full.tags()).containsEntry("cruddur:stack", "calls");
    }
  }
}
