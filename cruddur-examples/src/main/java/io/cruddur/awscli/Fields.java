package io.cruddur.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One JSON object of an input file, read field by field: whatever is not read by the time {@link #done()} is
 * called is a problem that names the field (and why, where Cruddur knows), so that nothing is dropped silently.
 */
final class Fields {
  private final String file;
  private final String path;
  private final JsonNode node;
  private final List<String> problems;
  private final Set<String> read = new HashSet<>();

  Fields(String file, String path, JsonNode node, List<String> problems) {
    this.file = file;
    this.path = path;
    this.node = node;
    this.problems = problems;
  }

  String where(String field) {
    return file + ": " + path + "." + field;
  }

  void problem(String field, String message) {
    problems.add(where(field) + ": " + message);
  }

  boolean has(String field) {
    return node.has(field) && !node.get(field).isNull();
  }

  Optional<JsonNode> node(String field) {
    read.add(field);
    return has(field) ? Optional.of(node.get(field)) : Optional.empty();
  }

  Optional<String> text(String field) {
    return node(field).flatMap(n -> {
      if (!n.isTextual()) {
        problem(field, "must be a string");
        return Optional.empty();
      }
      return Optional.of(n.asText());
    });
  }

  /** A number, or a string that holds one (the CLI takes "256" for cpu). */
  Optional<Integer> integer(String field) {
    return node(field).flatMap(n -> {
      if (n.canConvertToInt() && n.isIntegralNumber()) {
        return Optional.of(n.asInt());
      }
      if (n.isTextual() && n.asText().matches("\\d{1,9}")) {
        return Optional.of(Integer.parseInt(n.asText()));
      }
      problem(field, "must be a whole number");
      return Optional.empty();
    });
  }

  Optional<Boolean> bool(String field) {
    return node(field).flatMap(n -> {
      if (!n.isBoolean()) {
        problem(field, "must be true or false");
        return Optional.empty();
      }
      return Optional.of(n.asBoolean());
    });
  }

  /** The objects of an array field, each as {@code Fields} at {@code path.field[i]}. */
  List<Fields> objects(String field) {
    List<Fields> out = new ArrayList<>();
    node(field).ifPresent(n -> {
      if (!n.isArray()) {
        problem(field, "must be an array");
        return;
      }
      for (int i = 0; i < n.size(); i++) {
        if (!n.get(i).isObject()) {
          problem(field + "[" + i + "]", "must be an object");
        } else {
          out.add(new Fields(file, path + "." + field + "[" + i + "]", n.get(i), problems));
        }
      }
    });
    return out;
  }

  Optional<Fields> object(String field) {
    return node(field).flatMap(n -> {
      if (!n.isObject()) {
        problem(field, "must be an object");
        return Optional.empty();
      }
      return Optional.of(new Fields(file, path + "." + field, n, problems));
    });
  }

  List<String> strings(String field) {
    List<String> out = new ArrayList<>();
    node(field).ifPresent(n -> {
      if (!n.isArray()) {
        problem(field, "must be an array of strings");
        return;
      }
      n.forEach(e -> out.add(e.asText()));
    });
    return out;
  }

  /** Every field not read yet is a problem: {@code reasons} says why for the ones Cruddur knows. */
  void done(Map<String, String> reasons) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!read.contains(name)) {
        problem(name, "not supported: " + reasons.getOrDefault(name, "Cruddur's model has no such setting"));
      }
    }
  }
}
