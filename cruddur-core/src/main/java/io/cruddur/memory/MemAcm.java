package io.cruddur.memory;

import io.cruddur.memory.MemoryState.StoredCertificate;
import io.cruddur.port.AcmPort;
import io.cruddur.port.CloudException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class MemAcm implements AcmPort {
  private final InMemoryCloud c;

  MemAcm(InMemoryCloud c) {
    this.c = c;
  }

  @Override
  public String requestCertificate(String domainName, List<String> sans, String idempotencyToken,
      Map<String, String> tags) {
    return c.op("acm", "RequestCertificate", domainName, true, () -> {
      List<String> names = new ArrayList<>();
      names.add(domainName);
      sans.stream().filter(n -> !names.contains(n)).forEach(names::add);
      // ACM returns the same certificate for the same idempotency token and names within an hour.
      for (StoredCertificate s : c.state.certificates.values()) {
        if (idempotencyToken != null && idempotencyToken.equals(s.idempotencyToken())
            && s.subjectAlternativeNames().equals(names) && c.now() - s.requestedAt() < 3_600_000) {
          return s.arn();
        }
      }
      String h = c.nextId("certificate", String.join(",", names), 32);
      String uuid = h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
          + h.substring(16, 20) + "-" + h.substring(20, 32);
      String arn = c.arn("acm", "certificate/" + uuid);
      c.state.certificates.put(arn, new StoredCertificate(arn, domainName, List.copyOf(names), idempotencyToken,
          c.now(), null, "PENDING_VALIDATION", InMemoryCloud.copy(tags)));
      return arn;
    });
  }

  /** The CNAME ACM asks for: the same for the same domain in an account, shared by name and *.name. */
  private List<ValidationRecord> validation(StoredCertificate s) {
    Map<String, ValidationRecord> byBase = new LinkedHashMap<>();
    List<ValidationRecord> out = new ArrayList<>();
    for (String n : s.subjectAlternativeNames()) {
      String base = n.startsWith("*.") ? n.substring(2) : n;
      ValidationRecord v = byBase.computeIfAbsent(base, b -> new ValidationRecord(n,
          "_" + InMemoryCloud.digest(c.state.accountId + b, 32) + "." + b + ".", "CNAME",
          "_" + InMemoryCloud.digest("value" + c.state.accountId + b, 32) + ".xlfgrmvvlj.acm-validations.aws."));
      out.add(new ValidationRecord(n, v.name(), v.type(), v.value()));
    }
    return out;
  }

  /** Moves a pending certificate on: validation seen, then issued after the validation delay. */
  private StoredCertificate advance(StoredCertificate s) {
    if (!s.status().equals("PENDING_VALIDATION")) {
      return s;
    }
    MemRoute53 dns = (MemRoute53) c.route53();
    // Validation starts when the last of the certificate's CNAMEs resolves publicly (not when someone looks).
    Long since = s.requestedAt();
    for (ValidationRecord v : validation(s)) {
      java.util.OptionalLong t = dns.resolvableSince(v.name(), v.value());
      since = t.isPresent() && since != null ? Math.max(since, t.getAsLong()) : null;
    }
    StoredCertificate next = s;
    if (since == null) {
      if (s.validatedAt() != null) {
        next = with(s, null, "PENDING_VALIDATION");
      }
    } else if (c.now() >= since + c.settings.certificateValidation().toMillis()) {
      next = with(s, since, "ISSUED");
    } else if (!since.equals(s.validatedAt())) {
      next = with(s, since, "PENDING_VALIDATION");
    }
    if (next != s) {
      c.state.certificates.put(s.arn(), next);
    }
    return next;
  }

  private static StoredCertificate with(StoredCertificate s, Long validatedAt, String status) {
    return new StoredCertificate(s.arn(), s.domainName(), s.subjectAlternativeNames(), s.idempotencyToken(),
        s.requestedAt(), validatedAt, status, s.tags());
  }

  private Certificate view(StoredCertificate s) {
    List<String> inUse = c.state.listeners.values().stream().filter(l -> s.arn().equals(l.certificateArn())
            || c.state.listenerCertificates.getOrDefault(l.arn(), new java.util.TreeSet<>()).contains(s.arn()))
        .map(l -> l.loadBalancerArn()).distinct().sorted().toList();
    // ACM fills in the validation records a few seconds after the request.
    boolean recordsReady = c.now() >= s.requestedAt() + c.settings.certificateRecords().toMillis();
    return new Certificate(s.arn(), s.domainName(), s.subjectAlternativeNames(), s.status(),
        recordsReady ? validation(s) : List.of(), inUse, s.tags());
  }

  String status(String arn) {
    StoredCertificate s = c.state.certificates.get(arn);
    return s == null ? "NOT_FOUND" : advance(s).status();
  }

  @Override
  public Optional<Certificate> describeCertificate(String arn) {
    return c.op("acm", "DescribeCertificate", arn, false,
        () -> Optional.ofNullable(c.state.certificates.get(arn)).map(this::advance).map(this::view));
  }

  @Override
  public List<Certificate> listCertificates() {
    return c.op("acm", "ListCertificates", null, false,
        () -> List.copyOf(c.state.certificates.values()).stream().map(this::advance).map(this::view).toList());
  }

  @Override
  public void deleteCertificate(String arn) {
    c.opv("acm", "DeleteCertificate", arn, () -> {
      StoredCertificate s = c.state.certificates.get(arn);
      if (s == null) {
        throw new CloudException.NotFound("ResourceNotFoundException: " + arn);
      }
      if (!view(s).inUseBy().isEmpty() || c.state.heldCertificates.getOrDefault(arn, 0L) > c.now()) {
        throw new CloudException.InUse("ResourceInUseException: certificate " + arn + " is in use",
            view(s).inUseBy().isEmpty());
      }
      c.state.certificates.remove(arn);
      c.state.heldCertificates.remove(arn);
    });
  }
}
