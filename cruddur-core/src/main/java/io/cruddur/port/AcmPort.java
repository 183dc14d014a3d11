package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** AWS Certificate Manager, DNS-validated public certificates. */
public interface AcmPort extends AcmReads {
  record ValidationRecord(String domainName, String name, String type, String value) {}

  /** status: PENDING_VALIDATION, ISSUED, FAILED, ... */
  record Certificate(String arn, String domainName, List<String> subjectAlternativeNames, String status,
      List<ValidationRecord> validation, List<String> inUseBy, Map<String, String> tags) {}

  /** Returns the ARN. {@code idempotencyToken} makes a retried request return the same certificate. */
  String requestCertificate(String domainName, List<String> subjectAlternativeNames, String idempotencyToken,
      Map<String, String> tags);

  /** @throws CloudException.InUse while a listener uses it */
  void deleteCertificate(String arn);
}
