package io.cruddur.spec;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A listener rule that forwards to the service: by host header and/or path patterns. Without a priority a stable
 * one is derived from the route: host-and-path rules are evaluated before path-only rules, which come before
 * host-only rules. Give explicit priorities where path patterns of the same kind overlap.
 */
@Value.Immutable
public interface Route {
  Optional<String> host();

  List<String> pathPatterns();

  Optional<Integer> priority();

  /** What identifies the route among the stack's: {@code host|path,path}. */
  default String key() {
    return host().orElse("") + "|" + String.join(",", pathPatterns());
  }

  /**
   * The priority derived from the route itself, so that adding or removing a route never renumbers the rest:
   * host-and-path rules first (1000-10999), then path-only (11000-20999), then host-only (21000-30999), a hash of
   * host and paths within the band. The stack takes the next free number on a clash.
   */
  default int derivedPriority() {
    int band = host().isPresent() && !pathPatterns().isEmpty() ? 0 : pathPatterns().isEmpty() ? 2 : 1;
    var crc = new java.util.zip.CRC32();
    crc.update(key().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return 1000 + band * 10000 + (int) (crc.getValue() % 10000);
  }

  static Builder builder() {
    return new Builder();
  }

  class Builder extends ImmutableRoute.Builder {
    public Builder path(String pattern) {
      return addPathPattern(pattern);
    }
  }
}
