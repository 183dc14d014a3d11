package io.cruddur.spec;

import io.cruddur.TestStacks;
import java.util.List;
import java.util.function.Consumer;

/** Changes of the tests' shop stack, and what validation says of them: shared by the validation tests. */
final class ShopChanges {
  private ShopChanges() {}

  /** The shop with its api service changed. */
  static Consumer<Stack.Builder> api(Consumer<Service.Builder> change) {
    return b -> {
      Service.Builder s = Service.builder().from(TestStacks.shop().service("api").orElseThrow());
      change.accept(s);
      b.services(List.of(s.build(), TestStacks.shop().service("web").orElseThrow()));
    };
  }

  /** The paths reported for the changed shop stack: empty when it builds. */
  static List<String> paths(Consumer<Stack.Builder> change) {
    Stack.Builder b = TestStacks.shop().toBuilder();
    change.accept(b);
    try {
      b.build();
      return List.of();
    } catch (InvalidSpecException e) {
      return e.problems().stream().map(Problem::path).toList();
    }
  }
}
