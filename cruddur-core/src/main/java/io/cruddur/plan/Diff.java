package io.cruddur.plan;

import io.cruddur.resource.Records;
import io.cruddur.resource.Ref;
import io.cruddur.resource.RequiresReplace;
import io.cruddur.resource.ResourceState;
import io.cruddur.resource.Value;
import io.cruddur.resource.WriteOnly;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two states of one kind component by component and reports each changed field by its path
 * ({@code healthCheck.path}, {@code containers[api].image}). Write-only components are never compared. Thread-safe.
 */
final class Diff {
  private Diff() {}

  /** What a create sets: every top-level component that is not absent. */
  static List<Change> created(ResourceState desired) {
    List<Change> out = new ArrayList<>();
    for (RecordComponent c : compared(desired.getClass())) {
      Object after = Records.component((Record) desired, c);
      if (!absent(after)) {
        out.add(new Change(c.getName(), null, unwrap(after)));
      }
    }
    return out;
  }

  /** What a delete removes: every top-level component that is not absent. */
  static List<Change> deleted(ResourceState actual) {
    List<Change> out = new ArrayList<>();
    for (RecordComponent c : compared(actual.getClass())) {
      Object before = Records.component((Record) actual, c);
      if (!absent(before)) {
        out.add(new Change(c.getName(), unwrap(before), null));
      }
    }
    return out;
  }

  /** The differences between a desired and an actual state of the same kind. */
  static List<Change> of(ResourceState desired, ResourceState actual) {
    if (desired.getClass() != actual.getClass()) {
      throw new IllegalArgumentException("cannot compare " + desired.getClass() + " with " + actual.getClass());
    }
    List<Change> out = new ArrayList<>();
    diffRecord("", (Record) desired, (Record) actual, out);
    return out;
  }

  /** Whether one of {@code changes} is to a component that needs a new resource. */
  static boolean requiresReplace(Class<? extends ResourceState> type, List<Change> changes) {
    Set<String> top = new TreeSet<>();
    changes.forEach(c -> top.add(top(c.property())));
    return compared(type).stream().anyMatch(c -> top.contains(c.getName())
        && c.getAnnotation(RequiresReplace.class) != null);
  }

  /** {@code containers[api].image} to {@code containers}. */
  static String top(String property) {
    int i = 0;
    while (i < property.length() && property.charAt(i) != '.' && property.charAt(i) != '[') {
      i++;
    }
    return property.substring(0, i);
  }

  private static List<RecordComponent> compared(Class<?> type) {
    return Records.components(type).stream().filter(c -> c.getAnnotation(WriteOnly.class) == null).toList();
  }

  private static boolean absent(Object v) {
    return v == null || (v instanceof Value.Known<?> k && k.value() == null);
  }

  private static Object unwrap(Object v) {
    return v instanceof Value.Known<?> k ? k.value() : v;
  }

  private static void diffRecord(String prefix, Record want, Record have, List<Change> out) {
    for (RecordComponent c : compared(want.getClass())) {
      diff(prefix + c.getName(), Records.component(want, c), Records.component(have, c), out);
    }
  }

  private static void diff(String path, Object wantValue, Object haveValue, List<Change> out) {
    if (wantValue instanceof Value.Unknown<?> || wantValue instanceof Ref<?>) {
      out.add(new Change(path, unwrap(haveValue), wantValue));
      return;
    }
    Object want = unwrap(wantValue);
    Object have = unwrap(haveValue);
    if (want instanceof Record w && have instanceof Record h && w.getClass() == h.getClass()) {
      diffRecord(path + ".", w, h, out);
    } else if (want instanceof Map<?, ?> w && have instanceof Map<?, ?> h) {
      Set<String> keys = new TreeSet<>();
      w.keySet().forEach(k -> keys.add(String.valueOf(k)));
      h.keySet().forEach(k -> keys.add(String.valueOf(k)));
      keys.forEach(k -> diff(path + "." + k, w.get(k), h.get(k), out));
    } else if (want instanceof List<?> w && have instanceof List<?> h && w.size() == h.size()) {
      for (int i = 0; i < w.size(); i++) {
        diff(path + "[" + label(w.get(i), i) + "]", w.get(i), h.get(i), out);
      }
    } else if (!Objects.equals(want, have)) {
      out.add(new Change(path, have, want));
    }
  }

  /** List elements are named by their {@code name} component where they have one. */
  private static String label(Object element, int index) {
    if (element instanceof Record r) {
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        if (c.getName().equals("name") && Records.component(r, c) instanceof String n) {
          return n;
        }
      }
    }
    return String.valueOf(index);
  }
}
