package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads of {@link AcmPort}: what planning may call. A view of this type can only read, so a plan cannot
 * change anything by construction.
 */
public interface AcmReads {
  Optional<AcmPort.Certificate> describeCertificate(String arn);

  /**
   * The certificate as {@link #describeCertificate} reads it, without reading its tags where they take a call of their
   * own (ListTagsForCertificate on AWS): for a wait's polls, which need its status. Its tags may then be empty.
   */
  default Optional<AcmPort.Certificate> describeCertificateStatus(String arn) {
    return describeCertificate(arn);
  }

  List<AcmPort.Certificate> listCertificates();
}
