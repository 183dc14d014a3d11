package io.cruddur.aws;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.cruddur.port.CloudException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs SDK calls through Failsafe and translates their errors. Reads and idempotent writes are retried on every
 * retryable error; a create only when the request was certainly not carried out (throttled, or a dependency not
 * yet usable): after an ambiguous failure the executor looks the resource up before creating it again.
 * Each attempt's SDK calls are logged by {@link CallLog} with the attempt's number; a retry is logged at INFO
 * with the error that caused it. Thread-safe.
 */
final class Calls {
  private static final Logger LOG = LoggerFactory.getLogger(Calls.class);
  private final RetryPolicy<Object> anyRetryable;
  private final RetryPolicy<Object> notCarriedOut;
  private final int maxAttempts;

  Calls(RetrySettings s) {
    this.maxAttempts = s.maxAttempts();
    this.anyRetryable = policy(s, e -> e instanceof CloudException c && c.retryable());
    this.notCarriedOut = policy(s, e -> e instanceof CloudException.Throttled
        || e instanceof CloudException.NotYetConsistent);
  }

  private static RetryPolicy<Object> policy(RetrySettings s, dev.failsafe.function.CheckedPredicate<Throwable> p) {
    return RetryPolicy.builder().handleIf(p).withBackoff(s.initialDelay(), s.maxDelay()).withJitter(0.25)
        .withMaxAttempts(s.maxAttempts()).withMaxDuration(s.maxDuration()).build();
  }

  /** A read, or a write that may be repeated safely (put, update, delete, a create with an idempotency key). */
  <T> T read(String operation, Supplier<T> body) {
    return run(anyRetryable, operation, body);
  }

  <T> T write(String operation, Supplier<T> body) {
    return run(anyRetryable, operation, body);
  }

  void write(String operation, Runnable body) {
    run(anyRetryable, operation, () -> {
      body.run();
      return null;
    });
  }

  /** A create that would make a second resource if repeated after it was carried out. */
  <T> T create(String operation, Supplier<T> body) {
    return run(notCarriedOut, operation, body);
  }

  private <T> T run(RetryPolicy<Object> policy, String operation, Supplier<T> body) {
    return Failsafe.with(policy).get(execution -> {
      CallLog.Attempt attempt = new CallLog.Attempt(execution.getAttemptCount() + 1, maxAttempts);
      if (attempt.number() > 1) {
        LOG.info("{}: retrying, {}, after {}", operation, attempt, execution.getLastException().getMessage());
      }
      return CallLog.during(attempt, () -> {
        try {
          return body.get();
        } catch (SdkException e) {
          throw Errors.translate(operation, e);
        }
      });
    });
  }
}
