package io.cruddur.apply;

import io.cruddur.plan.Step;
import java.time.Duration;
import java.util.List;

/**
 * How an apply ended. {@link Succeeded} only when every step did; a deployment rolled back by the circuit breaker
 * is a {@link Failed}.
 */
public sealed interface Outcome {
  /** Steps that completed, in completion order. */
  List<Step> completed();

  /** Time on the cloud's clock from start to end (virtual on the in-memory cloud). */
  Duration elapsed();

  boolean succeeded();

  record Succeeded(List<Step> completed, Duration elapsed) implements Outcome {
    @Override
    public boolean succeeded() {
      return true;
    }
  }

  record StepFailure(Step step, Throwable cause) {}

  record Failed(List<Step> completed, List<StepFailure> failures, List<Step> skipped, Duration elapsed)
      implements Outcome {
    @Override
    public boolean succeeded() {
      return false;
    }

    /** One line per failed step: {@code ecs.service cruddur/backend-flask: deployment ... rolled back}. */
    public String describe() {
      StringBuilder b = new StringBuilder();
      for (StepFailure f : failures) {
        b.append(f.step().id()).append(": ").append(f.cause().getMessage()).append('\n');
      }
      if (!skipped.isEmpty()) {
        b.append(skipped.size()).append(" dependent step(s) not run\n");
      }
      return b.toString();
    }

    @Override
    public String toString() {
      return "Failed after " + elapsed.toSeconds() + " s (" + completed.size() + " step(s) completed):\n"
          + describe();
    }
  }
}
