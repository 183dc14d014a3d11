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

  static Builder builder() {
    return new Builder();
  }

  class Builder extends ImmutableRoute.Builder {
    public Builder path(String pattern) {
      return addPathPattern(pattern);
    }
  }
}
