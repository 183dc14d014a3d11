package io.cruddur.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.Cruddur;
import io.cruddur.apply.Outcome;
import io.cruddur.spec.Stack;
import java.util.List;

/** What the planner tests share: an apply that must succeed, and a plan's work as {@code "+ kind name"} lines. */
final class PlanChecks {
  private PlanChecks() {}

  /** Applies {@code stack}, failing the test with the outcome unless it succeeded. */
  static void applied(Cruddur cruddur, Stack stack) {
    Outcome o = cruddur.apply(stack);
    assertThat(o.succeeded()).as(o.toString()).isTrue();
  }

  /** Every step of {@code plan} but the waits: its action's symbol and its resource. */
  static List<String> work(Plan plan) {
    return plan.work().stream().filter(s -> s.action() != Action.WAIT)
        .map(s -> s.action().symbol() + " " + s.resource()).toList();
  }
}
