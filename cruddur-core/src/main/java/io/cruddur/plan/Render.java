package io.cruddur.plan;

import io.cruddur.resource.Records;
import io.cruddur.resource.Ref;
import io.cruddur.resource.Value;
import io.cruddur.resource.WriteOnly;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Renders plan values: compact text for people, plain values for JSON. Thread-safe. */
final class Render {
  private static final String UNKNOWN = new Value.Unknown<>().toString();
  /** Stands for an unknown value while rendering, so that it is never confused with the same text as a string. */
  private static final Object UNKNOWN_MARKER = new Object();

  private Render() {}

  /** Strings quoted, records and maps as {@code {key: value}} sorted by key, unknowns as (known after apply). */
  static String text(Object v) {
    return textOfPlain(plain(v));
  }

  private static String textOfPlain(Object v) {
    if (v == null) {
      return "null";
    }
    if (v == UNKNOWN_MARKER) {
      return UNKNOWN;
    }
    if (v instanceof String s) {
      return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder("{");
      m.forEach((k, x) -> b.append(b.length() > 1 ? ", " : "").append(k).append(": ").append(textOfPlain(x)));
      return b.append('}').toString();
    }
    if (v instanceof Collection<?> c) {
      StringBuilder b = new StringBuilder("[");
      c.forEach(x -> b.append(b.length() > 1 ? ", " : "").append(textOfPlain(x)));
      return b.append(']').toString();
    }
    return v.toString();
  }

  /** A JSON-friendly copy: records and maps as sorted maps without absent entries, unknowns as their text. */
  static Object json(Object v) {
    return replaceMarker(plain(v));
  }

  private static Object replaceMarker(Object p) {
    if (p == UNKNOWN_MARKER) {
      return UNKNOWN;
    }
    if (p instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, x) -> out.put((String) k, replaceMarker(x)));
      return out;
    }
    if (p instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(replaceMarker(x)));
      return out;
    }
    return p;
  }

  /** Values unwrapped, records turned into sorted maps (write-only and absent components left out). */
  private static Object plain(Object v) {
    if (v instanceof Value.Known<?> k) {
      return plain(k.value());
    }
    if (v instanceof Value.Unknown<?> || v instanceof Ref<?>) {
      return UNKNOWN_MARKER;
    }
    if (v instanceof Record r) {
      Map<String, Object> out = new TreeMap<>();
      for (RecordComponent c : Records.components(r.getClass())) {
        Object x = plain(Records.component(r, c));
        if (x != null && c.getAnnotation(WriteOnly.class) == null) {
          out.put(c.getName(), x);
        }
      }
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
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
