package io.cruddur.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cruddur.base.CruddurException;
import io.cruddur.plan.Step;
import io.cruddur.port.CloudException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /**
   * A JSON rendering: {@code succeeded}, {@code elapsedSeconds}, the {@code completed} and {@code skipped} step
   * ids, and per failed step its {@code error} type and {@code message}; a failed deployment adds the
   * {@code service}, {@code rolloutStateReason}, {@code stoppedReason} and {@code stopCode} of its last stopped
   * task, the {@code runningTaskDefinitionArn} it was rolled back to, and the {@code targetHealth} of its targets
   * that were not healthy (null when there were none).
   */
  default String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("succeeded", succeeded());
    root.put("elapsedSeconds", elapsed().toSeconds());
    root.put("completed", completed().stream().map(Step::id).toList());
    List<Object> failures = new ArrayList<>();
    List<Step> skipped = List.of();
    if (this instanceof Failed f) {
      for (StepFailure sf : f.failures()) {
        failures.add(Json.failure(sf));
      }
      skipped = f.skipped();
    }
    root.put("failures", failures);
    root.put("skipped", skipped.stream().map(Step::id).toList());
    try {
      return Json.MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new CruddurException("cannot render the outcome as JSON", e);
    }
  }

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

  /** The JSON rendering's helpers. */
  final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    static Map<String, Object> failure(StepFailure sf) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("step", sf.step().id());
      m.put("error", errorType(sf.cause()));
      m.put("message", sf.cause().getMessage());
      if (sf.cause() instanceof CloudException.DeploymentFailed d) {
        m.putAll(d.details());
      }
      return m;
    }

    /** {@code DeploymentFailed}, {@code NotFound}, {@code CloudException}...: the simple name of the type. */
    static String errorType(Throwable t) {
      return t.getClass().getSimpleName().isEmpty() ? t.getClass().getName() : t.getClass().getSimpleName();
    }
  }
}
