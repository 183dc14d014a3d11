package io.cruddur.stackfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a JShell script hands its stacks over: the script's snippets run in this JVM (JShell's local execution
 * engine, whose class loader delegates to the application's), and put their values here under the load's key.
 * Public only because the snippets call it.
 */
public final class Handoff {
  private static final Map<String, List<Object>> VALUES = new ConcurrentHashMap<>();

  private Handoff() {}

  /** Called by a snippet: {@code value} for the load {@code key}. */
  public static void put(String key, Object value) {
    VALUES.computeIfAbsent(key, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(value);
  }

  /** What was handed over under {@code key}, removed. */
  static List<Object> take(String key) {
    List<Object> out = VALUES.remove(key);
    return out == null ? List.of() : List.copyOf(out);
  }
}
