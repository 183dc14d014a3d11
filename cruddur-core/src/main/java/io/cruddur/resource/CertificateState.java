package io.cruddur.resource;

import java.util.List;

/**
 * {@code acm.certificate}: a DNS-validated public certificate for a domain and its alternative names. Other names
 * make another certificate; the old one is deleted once no listener uses it.
 */
public record CertificateState(@RequiresReplace String domainName,
    @RequiresReplace List<String> subjectAlternativeNames) implements ResourceState {
  /** The CNAME that proves control of {@code domainName} (a wildcard shares its base name's record). */
  public record Validation(String domainName, String name, String value) {}

  public record Outputs(String arn, String status, List<Validation> validation) {
    /** The validation record of {@code base} (a name without its {@code *.}). */
    public Validation validationOf(String base) {
      return validation.stream().filter(v -> CertificateState.base(v.domainName()).equals(base)).findFirst()
          .orElseThrow(() -> new IllegalStateException("certificate " + arn + " has no validation record for "
              + base));
    }
  }

  /** {@code *.example.com} to {@code example.com}; other names unchanged. */
  public static String base(String name) {
    return name.startsWith("*.") ? name.substring(2) : name;
  }
}
