package io.cruddur.plan.types;

import io.cruddur.plan.Actual;
import io.cruddur.plan.ResourceId;
import io.cruddur.plan.ResourceType;
import io.cruddur.spec.Stack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Helpers to read and write resource props. */
final class P {
  private P() {}

  static String str(Map<String, Object> p, String key) {
    Object v = p.get(key);
    return v == null ? null : v.toString();
  }

  static int integer(Map<String, Object> p, String key) {
    return ((Number) p.get(key)).intValue();
  }

  static boolean bool(Map<String, Object> p, String key) {
    return Boolean.TRUE.equals(p.get(key));
  }

  @SuppressWarnings("unchecked")
  static <T> List<T> list(Map<String, Object> p, String key) {
    Object v = p.get(key);
    return v == null ? List.of() : (List<T>) v;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> p, String key) {
    return (Map<String, Object>) p.get(key);
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> strings(Map<String, Object> p, String key) {
    Object v = p.get(key);
    return v == null ? Map.of() : (Map<String, String>) v;
  }

  /** A sorted props map; null values are kept out. */
  static Map<String, Object> props(Object... kv) {
    Map<String, Object> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] != null) {
        m.put((String) kv[i], kv[i + 1]);
      }
    }
    return m;
  }

  static Map<String, String> attrs(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] != null) {
        m.put(kv[i], kv[i + 1]);
      }
    }
    return m;
  }

  static boolean owns(Map<String, String> tags, String stack) {
    return tags != null && stack.equals(tags.get(Stack.OWNER_TAG));
  }

  static Actual actual(ResourceType type, String name, Map<String, Object> props, Map<String, String> attrs,
      boolean owned) {
    return new Actual(new ResourceId(type.name(), name), props, attrs, owned);
  }

  /** The local prop the executor sets on every create: one id per apply run. */
  static final String APPLY_ID = "_applyId";

  /**
   * An idempotency key for one create: the same on every retry within an apply run, different in the next run
   * (after a destroy, a key of the last run must not bring back the deleted resource; a Route 53 caller reference
   * may never be used twice).
   */
  static String requestKey(Map<String, String> tags, String resource, Map<String, Object> props, int length) {
    return token(tags.get(Stack.OWNER_TAG) + "|" + resource + "|" + str(props, APPLY_ID), length);
  }

  /** A deterministic token of {@code seed}. */
  static String token(String seed, int length) {
    try {
      byte[] h = java.security.MessageDigest.getInstance("SHA-256")
          .digest(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(h).substring(0, length);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static void sleep(io.cruddur.port.Cloud cloud, java.time.Duration d, String what) {
    try {
      cloud.clock().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new io.cruddur.port.CloudException("interrupted while " + what);
    }
  }

  static <T> List<T> sorted(List<T> in, java.util.Comparator<T> c) {
    List<T> out = new ArrayList<>(in);
    out.sort(c);
    return out;
  }
}
