package io.cruddur.apply;

import io.cruddur.plan.Step;
import java.time.Duration;

/** Progress of an apply, reported to an {@link ApplyListener}. Elapsed times are on the cloud's clock. */
public sealed interface ApplyEvent {
  Step step();

  record Started(Step step) implements ApplyEvent {}

  record Finished(Step step, Duration elapsed) implements ApplyEvent {}

  record Failed(Step step, Throwable cause, Duration elapsed) implements ApplyEvent {}

  /** Not run because a step it depends on failed. */
  record Skipped(Step step, String reason) implements ApplyEvent {}

  record Waiting(Step step, String status, Duration elapsed) implements ApplyEvent {}

  record Retrying(Step step, Throwable cause, int attempt, Duration delay) implements ApplyEvent {}
}
