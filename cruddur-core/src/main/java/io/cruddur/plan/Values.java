package io.cruddur.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** Operations on prop values: resolving references, diffing, rendering. */
public final class Values {
  private Values() {}

  /** Replaces every {@link Ref} by what {@code lookup} gives for it ({@link Unknown#VALUE} if not known). */
  public static Object resolve(Object value, Function<Ref, Object> lookup) {
    if (value instanceof Ref r) {
      return lookup.apply(r);
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, v) -> out.put((String) k, resolve(v, lookup)));
      return out;
    }
    if (value instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>();
      c.forEach(v -> out.add(resolve(v, lookup)));
      return out;
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> resolveProps(Map<String, Object> props, Function<Ref, Object> lookup) {
    return (Map<String, Object>) resolve(props, lookup);
  }

  public static boolean containsUnknown(Object value) {
    if (value == Unknown.VALUE) {
      return true;
    }
    if (value instanceof Map<?, ?> m) {
      return m.values().stream().anyMatch(Values::containsUnknown);
    }
    if (value instanceof Collection<?> c) {
      return c.stream().anyMatch(Values::containsUnknown);
    }
    return false;
  }

  /** The differences between desired and actual props; keys starting with {@code _} are Cruddur's own. */
  public static List<Change> diff(Map<String, Object> desired, Map<String, Object> actual) {
    List<Change> out = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>(new java.util.TreeSet<>(desired.keySet()));
    keys.addAll(new java.util.TreeSet<>(actual.keySet()));
    for (String k : keys) {
      if (!k.startsWith("_")) {
        diff(k, desired.get(k), actual.get(k), out);
      }
    }
    return out;
  }

  private static void diff(String path, Object want, Object have, List<Change> out) {
    if (want == Unknown.VALUE) {
      out.add(new Change(path, have, want));
    } else if (want instanceof Map<?, ?> w && have instanceof Map<?, ?> h) {
      Set<Object> keys = new LinkedHashSet<>(new java.util.TreeSet<>(w.keySet()));
      keys.addAll(new java.util.TreeSet<>(h.keySet()));
      keys.forEach(k -> diff(path + "." + k, w.get(k), h.get(k), out));
    } else if (want instanceof List<?> w && have instanceof List<?> h && w.size() == h.size()) {
      for (int i = 0; i < w.size(); i++) {
        diff(path + "[" + label(w.get(i), i) + "]", w.get(i), h.get(i), out);
      }
    } else if (!same(want, have)) {
      out.add(new Change(path, have, want));
    }
  }

  private static String label(Object element, int index) {
    if (element instanceof Map<?, ?> m && m.get("name") instanceof String n) {
      return n;
    }
    return String.valueOf(index);
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.longValue() == y.longValue();
    }
    return Objects.equals(a, b);
  }

  /** Renders a value compactly: strings quoted, unknowns as {@code (known after apply)}. */
  public static String render(Object v) {
    if (v == null) {
      return "null";
    }
    if (v == Unknown.VALUE) {
      return Unknown.VALUE.toString();
    }
    if (v instanceof String s) {
      return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder("{");
      m.forEach((k, x) -> b.append(b.length() > 1 ? ", " : "").append(k).append(": ").append(render(x)));
      return b.append('}').toString();
    }
    if (v instanceof Collection<?> c) {
      StringBuilder b = new StringBuilder("[");
      c.forEach(x -> b.append(b.length() > 1 ? ", " : "").append(render(x)));
      return b.append(']').toString();
    }
    return v.toString();
  }

  /** A JSON-friendly copy: unknowns become their text. */
  public static Object plain(Object v) {
    if (v == Unknown.VALUE || v instanceof Ref) {
      return Unknown.VALUE.toString();
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, x) -> out.put((String) k, plain(x)));
      return out;
    }
    if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>();
      c.forEach(x -> out.add(plain(x)));
      return out;
    }
    return v;
  }
}
