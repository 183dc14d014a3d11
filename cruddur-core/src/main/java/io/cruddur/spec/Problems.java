package io.cruddur.spec;

import java.util.ArrayList;
import java.util.List;

/** The problems one validation run has found, in the order the rules reported them. */
final class Problems {
  private final List<Problem> found = new ArrayList<>();

  void add(String path, String message) {
    found.add(new Problem(path, message));
  }

  List<Problem> toList() {
    return List.copyOf(found);
  }
}
