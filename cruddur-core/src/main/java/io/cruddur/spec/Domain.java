package io.cruddur.spec;

import java.util.List;
import org.immutables.value.Value;

/**
 * A domain: its Route 53 hosted zone, an ACM certificate for the apex and its alternative names (validated by
 * DNS records the stack writes into the zone), and alias A records to the load balancer for the apex and every
 * routed host.
 *
 * <ul><li>createZone: true (false looks the zone up and never changes or deletes it)</li>
 * <li>subjectAlternativeNames: none</li></ul>
 */
@Value.Immutable
public abstract class Domain {
  public abstract String name();

  @Value.Default
  public boolean createZone() {
    return true;
  }

  public abstract List<String> subjectAlternativeNames();

  /** Extra alias A records (besides the apex and every routed host). */
  public abstract List<String> aliases();

  /** Every name the certificate covers: the apex first, then the alternative names. */
  public List<String> certificateNames() {
    var names = new java.util.ArrayList<String>();
    names.add(name());
    subjectAlternativeNames().stream().filter(n -> !n.equals(name())).forEach(names::add);
    return names;
  }

  /** Whether the certificate covers {@code host} (exact name, or a one-level wildcard). */
  public boolean certificateCovers(String host) {
    for (String n : certificateNames()) {
      if (n.equalsIgnoreCase(host)) {
        return true;
      }
      if (n.startsWith("*.")) {
        String base = n.substring(2);
        int dot = host.indexOf('.');
        if (dot > 0 && host.substring(dot + 1).equalsIgnoreCase(base)) {
          return true;
        }
      }
    }
    return false;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutableDomain.Builder {
    /** Adds a subject alternative name to the certificate, e.g. {@code *.example.com}. */
    public Builder certificateFor(String name) {
      return addSubjectAlternativeName(name);
    }
  }
}
