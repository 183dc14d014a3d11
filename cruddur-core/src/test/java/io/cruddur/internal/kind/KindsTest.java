package io.cruddur.internal.kind;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.resource.Kind;
import io.cruddur.resource.ResourceState;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The couplings the compiler cannot see when a kind is added: a constant left out of {@code Kinds.ALL} would never
 * be listed for deletion, and a state record without a kind could never be planned.
 */
class KindsTest {
  private static List<Kind<?, ?>> constants() throws IllegalAccessException {
    List<Kind<?, ?>> out = new java.util.ArrayList<>();
    for (Field f : Kinds.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && Kind.class.isAssignableFrom(f.getType())) {
        out.add((Kind<?, ?>) f.get(null));
      }
    }
    return out;
  }

  @Test
  void everyKindConstantIsListedOnceAndNamedOnce() throws IllegalAccessException {
    assertThat(Kinds.ALL).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(constants());
    assertThat(Kinds.ALL).extracting(Kind::name).doesNotHaveDuplicates();
  }

  @Test
  void kindsAreListedLowerLayersFirst() {
    assertThat(Kinds.ALL).extracting(Kind::layer).isSorted();
  }

  @Test
  void everyStateRecordHasExactlyOneKind() {
    List<Class<?>> states = Arrays.asList(ResourceState.class.getPermittedSubclasses());
    assertThat(states).allSatisfy(s -> assertThat(s.isRecord()).as(s + " is a record").isTrue());
    List<Class<?>> kindStates = Kinds.ALL.stream().<Class<?>>map(Kind::stateType).toList();
    assertThat(kindStates).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(states);
  }
}
