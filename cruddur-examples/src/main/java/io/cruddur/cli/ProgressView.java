package io.cruddur.cli;

import io.cruddur.apply.ApplyEvent;
import io.cruddur.apply.ApplyListener;
import io.cruddur.apply.Outcome;
import io.cruddur.plan.Plan;
import java.util.List;

/**
 * Shows one run of a plan (apply, destroy, redeploy): told the plan first, then each event as the executor reports
 * it, then the outcome; closed at the end. Implementations are thread-safe: events come from the executor's
 * threads.
 */
interface ProgressView extends ApplyListener, AutoCloseable {
  void begin(Plan plan);

  void end(Outcome outcome);

  /** Gives back what the view holds (a terminal). Closing twice is harmless. */
  @Override
  default void close() {}

  /** A view that shows through each of {@code views}, in order. */
  static ProgressView all(List<ProgressView> views) {
    List<ProgressView> copy = List.copyOf(views);
    return new ProgressView() {
      @Override
      public void begin(Plan plan) {
        copy.forEach(v -> v.begin(plan));
      }

      @Override
      public void on(ApplyEvent event) {
        copy.forEach(v -> v.on(event));
      }

      @Override
      public void end(Outcome outcome) {
        copy.forEach(v -> v.end(outcome));
      }

      @Override
      public void close() {
        copy.forEach(ProgressView::close);
      }
    };
  }
}
