package io.cruddur.plan;

import java.util.List;

/**
 * A resource that a day-2 command ({@code scale}, {@code rollback}, {@code deploy --image}) changed away from the
 * stack's spec: {@code by} says what it did and when, {@code changes} what differs (before: live, after: the spec),
 * {@code keep} how to make the spec agree instead of letting apply restore it. Immutable.
 */
public record Drift(String resource, String by, List<Change> changes, String keep) {
  public Drift {
    changes = List.copyOf(changes);
  }
}
