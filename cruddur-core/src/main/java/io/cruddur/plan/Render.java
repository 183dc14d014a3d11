package io.cruddur.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;
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

/**
 * Renders plan values: indented text for people, plain values for JSON. Thread-safe.
 *
 * <p>The text of a value:
 * <ul>
 *   <li>a record or a map: a block in braces with one {@code key: value} per line, sorted by key (write-only and
 *       absent components left out); an empty one is {@code {}};
 *   <li>a list: on one line when it holds only scalars and fits in {@value #WIDTH} columns, else one item per line,
 *       each ending with a comma (the last too, as in Terraform's plans, so that adding an item changes one line); a
 *       list of more than {@value #FOLD} items (about a screenful) shows its first {@value #FOLD}, then
 *       {@code ... 35 more (55 in all)};
 *   <li>a string that holds a JSON object (an IAM policy document): that JSON, indented, its lists never folded (a
 *       created policy shows all that a role may do);
 *   <li>a value known only after apply: {@code (known after apply)}; a string: quoted, with {@code \} and
 *       {@code "} and control characters escaped, so that a value never spans lines.
 * </ul>
 * A change of a create or a delete shows its value; any other shows {@code old -> new} when both fit on one line,
 * else a line diff of the two, unfolded: {@code + } an added line, {@code - } a removed one, two spaces an unchanged
 * one, and a run of more than {@value #FOLD} unchanged lines cut to its first and last {@value #CONTEXT} lines around
 * a {@code ... 15 unchanged lines} line.
 */
final class Render {
  /** The columns a list may take on one line. */
  static final int WIDTH = 100;
  /** The items a list shows before the rest are counted instead, and the unchanged lines a diff shows in a row. */
  static final int FOLD = 20;
  /** The lines a diff keeps at each end of a long run of unchanged lines that it cuts. */
  static final int CONTEXT = 3;
  /** Beyond this many before-times-after lines a diff marks every differing line instead of matching them up. */
  private static final long DIFF_CELLS = 4_000_000;
  private static final String UNKNOWN = new Value.Unknown<>().toString();
  /** Stands for an unknown value while rendering, so that it is never confused with the same text as a string. */
  private static final Object UNKNOWN_MARKER = new Object();
  /**
   * Strict, so that a document with duplicate keys or trailing text stays a string rather than being shown as
   * something else; numbers keep their digits.
   */
  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS,
          DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .build();

  private Render() {}

  /**
   * The text of one change of a step of {@code action}: its first line starts at {@code column} (with the property's
   * name), the others carry their indentation relative to that column.
   */
  static List<String> change(Action action, Change c, int column) {
    String head = c.property() + ": ";
    if (action == Action.CREATE || action == Action.DELETE) {
      Object v = action == Action.CREATE ? c.after() : c.before();
      return new Text(column, true, true).value(head, plain(v), 0).lines;
    }
    List<String> update = update(c, column, true);
    return update != null ? update : update(c, column, false);
  }

  /**
   * {@code old -> new}, or the property's name and a line diff; null when {@code json} and both render alike (two
   * spellings of one JSON document), which the strings themselves then show.
   */
  private static List<String> update(Change c, int column, boolean json) {
    String head = c.property() + ": ";
    Object before = plain(c.before());
    Object after = plain(c.after());
    List<String> b = new Text(column, false, json).value(head, before, 0).lines;
    List<String> a = new Text(column, false, json).value(head, after, 0).lines;
    if (b.size() == 1 && a.size() == 1) {
      return List.of(b.get(0) + " -> " + a.get(0).substring(head.length()));
    }
    // The diff's lines start two columns in, after a two-column mark.
    b = new Text(column + 4, false, json).value("", before, 0).lines;
    a = new Text(column + 4, false, json).value("", after, 0).lines;
    if (json && b.equals(a)) {
      return null;
    }
    List<String> out = new ArrayList<>();
    out.add(c.property() + ":");
    lineDiff(b, a).forEach(l -> out.add("  " + l));
    return out;
  }

  /**
   * Every line of {@code before} and {@code after} in order, each marked {@code "- "} (only in before), {@code "+ "}
   * (only in after) or two spaces (in both, matched by a longest common subsequence); runs of more than
   * {@value #FOLD} unchanged lines are cut as the class comment says.
   */
  static List<String> lineDiff(List<String> before, List<String> after) {
    int start = 0;
    while (start < before.size() && start < after.size() && before.get(start).equals(after.get(start))) {
      start++;
    }
    int endB = before.size();
    int endA = after.size();
    while (endB > start && endA > start && before.get(endB - 1).equals(after.get(endA - 1))) {
      endB--;
      endA--;
    }
    List<String> marked = new ArrayList<>();
    before.subList(0, start).forEach(l -> marked.add("  " + l));
    List<String> b = before.subList(start, endB);
    List<String> a = after.subList(start, endA);
    if ((long) b.size() * a.size() > DIFF_CELLS) {
      b.forEach(l -> marked.add("- " + l));
      a.forEach(l -> marked.add("+ " + l));
    } else {
      // common[i][j]: the length of a longest common subsequence of b from i and a from j.
      int[][] common = new int[b.size() + 1][a.size() + 1];
      for (int i = b.size() - 1; i >= 0; i--) {
        for (int j = a.size() - 1; j >= 0; j--) {
          common[i][j] = b.get(i).equals(a.get(j)) ? common[i + 1][j + 1] + 1
              : Math.max(common[i + 1][j], common[i][j + 1]);
        }
      }
      int i = 0;
      int j = 0;
      while (i < b.size() || j < a.size()) {
        if (i < b.size() && j < a.size() && b.get(i).equals(a.get(j))) {
          marked.add("  " + b.get(i++));
          j++;
        } else if (j == a.size() || (i < b.size() && common[i + 1][j] >= common[i][j + 1])) {
          marked.add("- " + b.get(i++));
        } else {
          marked.add("+ " + a.get(j++));
        }
      }
    }
    before.subList(endB, before.size()).forEach(l -> marked.add("  " + l));
    return cutUnchanged(marked);
  }

  private static List<String> cutUnchanged(List<String> marked) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < marked.size()) {
      int end = i;
      while (end < marked.size() && marked.get(end).startsWith("  ")) {
        end++;
      }
      if (end == i) {
        out.add(marked.get(i++));
        continue;
      }
      if (end - i > FOLD) {
        out.addAll(marked.subList(i, i + CONTEXT));
        out.add("  ... " + (end - i - 2 * CONTEXT) + " unchanged lines");
        out.addAll(marked.subList(end - CONTEXT, end));
      } else {
        out.addAll(marked.subList(i, end));
      }
      i = end;
    }
    return out;
  }

  /** Lines of text for one value; see the class comment. Not thread-safe: one per rendering. */
  private static final class Text {
    /** The column the lines are relative to: where the first line starts. */
    private final int column;
    private final boolean fold;
    private final boolean json;
    private final List<String> lines = new ArrayList<>();

    Text(int column, boolean fold, boolean json) {
      this.column = column;
      this.fold = fold;
      this.json = json;
    }

    /** Adds the lines of {@code p} (a plain value), the first after {@code head}, nested {@code depth} deep. */
    Text value(String head, Object p, int depth) {
      if (p instanceof Map<?, ?> m && !m.isEmpty()) {
        lines.add(head + "{");
        m.forEach((k, x) -> value(indent(depth + 1) + k + ": ", x, depth + 1));
        lines.add(indent(depth) + "}");
      } else if (p instanceof List<?> l && !l.isEmpty()) {
        String inline = inline(l);
        if (inline != null && column + head.length() + inline.length() <= WIDTH) {
          lines.add(head + inline);
          return this;
        }
        lines.add(head + "[");
        int shown = fold && l.size() > FOLD ? FOLD : l.size();
        for (int i = 0; i < shown; i++) {
          value(indent(depth + 1), l.get(i), depth + 1);
          lines.set(lines.size() - 1, lines.get(lines.size() - 1) + ",");
        }
        if (shown < l.size()) {
          lines.add(indent(depth + 1) + "... " + (l.size() - shown) + " more (" + l.size() + " in all)");
        }
        lines.add(indent(depth) + "]");
      } else {
        JsonNode document = jsonObject(p);
        if (document != null) {
          json(head, document, depth, "");
        } else {
          lines.add(head + scalar(p));
        }
      }
      return this;
    }

    /** {@code [a, b]} when every item of {@code l} is a scalar, else null. */
    private String inline(List<?> l) {
      StringBuilder b = new StringBuilder("[");
      for (Object x : l) {
        if ((x instanceof Map<?, ?> m && !m.isEmpty()) || (x instanceof List<?> y && !y.isEmpty())
            || jsonObject(x) != null) {
          return null;
        }
        b.append(b.length() > 1 ? ", " : "").append(scalar(x));
      }
      return b.append(']').toString();
    }

    /** {@code p} parsed, when rendering documents and it is a string holding a JSON object; else null. */
    private JsonNode jsonObject(Object p) {
      if (!json || !(p instanceof String s) || !s.startsWith("{") || !s.endsWith("}")) {
        return null;
      }
      try {
        JsonNode n = JSON.readTree(s);
        return n.isObject() ? n : null;
      } catch (JsonProcessingException e) {
        return null; // not JSON after all: shown as the string it is
      }
    }

    /** JSON as {@code jq} indents it, each line ending with {@code tail} after the last. */
    private void json(String head, JsonNode n, int depth, String tail) {
      if (!n.isContainerNode() || n.isEmpty()) {
        lines.add(head + n + tail);
        return;
      }
      lines.add(head + (n.isObject() ? "{" : "["));
      int i = 0;
      if (n.isObject()) {
        for (Map.Entry<String, JsonNode> e : n.properties()) {
          json(indent(depth + 1) + TextNode.valueOf(e.getKey()) + ": ", e.getValue(), depth + 1,
              ++i < n.size() ? "," : "");
        }
      } else {
        for (JsonNode x : n) {
          json(indent(depth + 1), x, depth + 1, ++i < n.size() ? "," : "");
        }
      }
      lines.add(indent(depth) + (n.isObject() ? "}" : "]") + tail);
    }

    private static String indent(int depth) {
      return "  ".repeat(depth);
    }
  }

  /** One line: strings quoted and escaped, empty maps and lists as {@code {}} and {@code []}. */
  private static String scalar(Object p) {
    if (p == null) {
      return "null";
    }
    if (p == UNKNOWN_MARKER) {
      return UNKNOWN;
    }
    if (p instanceof String s) {
      StringBuilder b = new StringBuilder("\"");
      for (char ch : s.toCharArray()) {
        switch (ch) {
          case '"', '\\' -> b.append('\\').append(ch);
          case '\n' -> b.append("\\n");
          case '\r' -> b.append("\\r");
          case '\t' -> b.append("\\t");
          default -> {
            if (Character.isISOControl(ch)) {
              b.append(String.format("\\u%04x", (int) ch));
            } else {
              b.append(ch);
            }
          }
        }
      }
      return b.append('"').toString();
    }
    if (p instanceof Map<?, ?>) {
      return "{}";
    }
    if (p instanceof Collection<?>) {
      return "[]";
    }
    return p.toString();
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
