package io.cruddur.aws;

import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Logs every AWS API call at DEBUG on the logger {@value #LOGGER}, one line per attempt (the SDK's own retries are
 * off; {@link Calls} retries, and says which attempt this is):
 *
 * <pre>
 * ssm:PutParameter 200 in 41 ms, attempt 1 of 8: {"Name":"/cruddur/api/TOKEN","Value":"***","Type":"SecureString"}
 * ecs:CreateService 400 ClusterNotFoundException in 12 ms, attempt 1 of 8: {"cluster":"cruddur",...}
 * </pre>
 *
 * <p>Operations are named as the in-memory cloud names them. The request is rendered by {@link Redaction}; response
 * bodies and headers are never logged (they hold parameter values, ECR's token, signatures). Costs nothing while
 * the logger is off. Stateless and thread-safe; {@link AwsCloud} registers it on every client first.
 */
final class CallLog implements ExecutionInterceptor {
  static final String LOGGER = "io.cruddur.aws.calls";
  static final CallLog INSTANCE = new CallLog();

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("cruddur.log.started");
  private static final ExecutionAttribute<Attempt> ATTEMPT = new ExecutionAttribute<>("cruddur.log.attempt");
  /** The attempt {@link Calls} is making on this thread (synchronous clients call on the caller's thread). */
  private static final ThreadLocal<Attempt> CURRENT = new ThreadLocal<>();

  /** The {@code number}th attempt of at most {@code max} at one call. */
  record Attempt(int number, int max) {
    @Override
    public String toString() {
      return "attempt " + number + " of " + max;
    }
  }

  private CallLog() {}

  /** Runs {@code body} with the calls it makes on this thread logged as {@code attempt}. */
  static <T> T during(Attempt attempt, Supplier<T> body) {
    Attempt outer = CURRENT.get();
    CURRENT.set(attempt);
    try {
      return body.get();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (!LOG.isDebugEnabled()) {
      return;
    }
    attributes.putAttribute(STARTED, System.nanoTime());
    Attempt attempt = CURRENT.get();
    if (attempt != null) {
      attributes.putAttribute(ATTEMPT, attempt);
    }
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    log(context.request(), attributes, String.valueOf(context.httpResponse().statusCode()));
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    Throwable e = context.exception();
    String outcome;
    if (e instanceof AwsServiceException a && a.awsErrorDetails() != null) {
      outcome = a.statusCode() + " " + a.awsErrorDetails().errorCode();
    } else if (e instanceof SdkServiceException s) {
      outcome = s.statusCode() + " " + s.getClass().getSimpleName();
    } else {
      Optional<String> status = context.httpResponse().map(SdkHttpResponse::statusCode).map(String::valueOf);
      outcome = status.map(s -> s + " ").orElse("") + "failed (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
    }
    log(context.request(), attributes, outcome);
  }

  private static void log(SdkRequest request, ExecutionAttributes attributes, String outcome) {
    Long started = attributes.getAttribute(STARTED);
    if (started == null || !LOG.isDebugEnabled()) {
      return;
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    Attempt attempt = attributes.getAttribute(ATTEMPT);
    String body = Redaction.render(request);
    LOG.debug("{} {} in {} ms{}: {}", FaultInjector.operation(attributes), outcome, ms,
        attempt == null ? "" : ", " + attempt, body);
  }
}
