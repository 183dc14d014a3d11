package io.cruddur.spec;

import org.immutables.value.Value;

/**
 * An ECR repository.
 *
 * <ul><li>immutableTags: false</li><li>scanOnPush: true</li><li>forceDelete: false (destroy fails while it
 * holds images)</li></ul>
 */
@Value.Immutable
public interface Repository {
  String name();

  @Value.Default
  default boolean immutableTags() {
    return false;
  }

  @Value.Default
  default boolean scanOnPush() {
    return true;
  }

  @Value.Default
  default boolean forceDelete() {
    return false;
  }

  static Repository named(String name) {
    return builder().name(name).build();
  }

  static Builder builder() {
    return new Builder();
  }

  class Builder extends ImmutableRepository.Builder {}
}
