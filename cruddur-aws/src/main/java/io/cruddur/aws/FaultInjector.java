package io.cruddur.aws;

import io.cruddur.memory.Faults;
import io.cruddur.memory.Faults.Decision;
import io.cruddur.memory.Faults.Fault;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Seeded fault injection at the HTTP level, as an SDK v2 interceptor: the same {@link Faults.Policy} as the
 * in-memory cloud's {@code faults().inject(...)}, for the AWS adapters against an emulator (moto, LocalStack).
 * Never point it at a real account.
 *
 * <pre>{@code
 * FaultInjector faults = new FaultInjector(Faults.atRate(0.2, 42).latency(Duration.ofMillis(5)));
 * try (AwsCloud cloud = AwsCloud.builder().endpoint(URI.create("http://127.0.0.1:5000")).addInterceptor(faults)
 *     .build()) { ... }
 * faults.injected();   // {THROTTLING=3, SERVER_ERROR=4, TIMEOUT=2, LOST_RESPONSE=3}
 * }</pre>
 *
 * <ul><li>operations are named as in the in-memory cloud: {@code ecs:CreateService}, {@code elbv2:CreateRule},
 * {@code logs:...}, {@code application-autoscaling:...}; a call's target is not known here, so the decision
 * depends on the seed, the operation and how many calls of it came before;</li>
 * <li>{@link Fault#THROTTLING}: the request is not sent; the SDK gets a 400 with the service's throttling code
 * ({@code ThrottlingException}, {@code Throttling} for the query and XML services, {@code RequestLimitExceeded}
 * for EC2);</li>
 * <li>{@link Fault#SERVER_ERROR}: the request is not sent; a 500 {@code InternalFailure} or a 503
 * {@code ServiceUnavailable}, drawn from the seed, the operation and how many calls of it came before, as the
 * fault itself;</li>
 * <li>{@link Fault#TIMEOUT}: after {@code timeoutAfter} (real time), a client error caused by a
 * {@link SocketTimeoutException}; the request was sent or not, drawn from the seed;</li>
 * <li>{@link Fault#LOST_RESPONSE}: the request is sent and carried out, then the response is dropped (a client
 * error caused by a connection reset);</li>
 * <li>latency: real time, slept before the request is sent.</li></ul>
 * Thread-safe; one instance may serve every client of a cloud.
 */
public final class FaultInjector implements ExecutionInterceptor {
  private static final ExecutionAttribute<Decision> DECISION = new ExecutionAttribute<>("cruddur.fault");
  private static final String INJECTED = "injected fault: ";
  private static final Map<String, String> SERVICES = Map.of("ElasticLoadBalancingV2", "elbv2",
      "CloudWatchLogs", "logs", "ApplicationAutoScaling", "application-autoscaling");
  private static final List<String> QUERY_OR_XML = List.of("elbv2", "iam", "route53", "sts");

  private final Faults.Injection injection;
  // How many calls of each operation the policy covered so far: the n of the injection's decision (guarded by this).
  private final Map<String, Long> calls = new HashMap<>();

  public FaultInjector(Faults.Policy policy) {
    this.injection = policy.start();
  }

  public Faults.Policy policy() {
    return injection.policy();
  }

  /** How many faults of each kind were injected. */
  public Map<Fault, Long> injected() {
    return injection.injected();
  }

  /** Every fault injected, in the order decided (targets are empty at this level). */
  public List<Faults.Injected> log() {
    return injection.log();
  }

  /** The operation as the in-memory cloud names it: {@code ecs:CreateService}. */
  static String operation(ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String name = SERVICES.getOrDefault(service, service == null ? "unknown" : service.toLowerCase());
    return name + ":" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
  }

  /** Whether an operation changes something, by AWS's naming: everything but Describe, Get and List. */
  static boolean isWrite(String operationName) {
    return !operationName.matches("(Describe|Get|List)[A-Z].*");
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String operation = operation(attributes);
    String name = operation.substring(operation.indexOf(':') + 1);
    boolean write = isWrite(name);
    Decision d;
    long n;
    synchronized (this) {
      // Counted under the same lock as the decision, so that n is the one the injection decided with.
      d = injection.next(operation, "", write);
      n = injection.policy().covers(operation, write) ? calls.merge(operation, 1L, Long::sum) : 0;
    }
    attributes.putAttribute(DECISION, d);
    sleep(d.latency());
    if (!d.faulted() || d.applied()) {
      return;
    }
    throw switch (d.fault()) {
      case THROTTLING -> serviceError(operation, 400, throttlingCode(operation), "Rate exceeded");
      case SERVER_ERROR -> unavailable(injection.policy().seed(), operation, n)
          ? serviceError(operation, 503, "ServiceUnavailable", "Service is unavailable. Please try again.")
          : serviceError(operation, 500, "InternalFailure", "We encountered an internal error. Please try again.");
      case TIMEOUT -> timeout(operation);
      case LOST_RESPONSE -> throw new IllegalStateException("a lost response is always applied");
    };
  }

  /**
   * After the response arrived and before the SDK reads it, success or error alike: a lost response, or a time-out
   * of a request that was carried out.
   */
  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    Decision d = attributes.getAttribute(DECISION);
    if (d != null && d.faulted() && d.applied()) {
      // Release the connection: the body is never read.
      context.responseBody().ifPresent(body -> {
        try {
          body.close();
        } catch (IOException ignored) {
          // dropped either way
        }
      });
      throw lost(operation(attributes), d);
    }
  }

  private static SdkException lost(String operation, Decision d) {
    return d.fault() == Fault.TIMEOUT ? timeout(operation)
        : SdkClientException.builder().message(INJECTED + operation + ": connection reset, the response was lost")
            .cause(new IOException("Connection reset")).build();
  }

  private static SdkException timeout(String operation) {
    return SdkClientException.builder().message(INJECTED + operation + ": timed out waiting for the response")
        .cause(new SocketTimeoutException("Read timed out")).build();
  }

  /**
   * Whether the {@code n}-th call of {@code operation}, a server error, is a 503 rather than a 500: drawn, like the
   * decision that faulted it, from the seed, the operation and {@code n} only, one chance in two.
   */
  static boolean unavailable(long seed, String operation, long n) {
    long h = mix(seed ^ 0x5DEECE66DL);
    for (byte b : operation.getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ (b & 0xFF));
    }
    return (mix(h ^ n) & 1) == 1;
  }

  /** SplitMix64's finalizer: a stable 64-bit mix, the same on every JVM. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static String throttlingCode(String operation) {
    String service = operation.substring(0, operation.indexOf(':'));
    return service.equals("ec2") ? "RequestLimitExceeded"
        : QUERY_OR_XML.contains(service) ? "Throttling" : "ThrottlingException";
  }

  private static AwsServiceException serviceError(String operation, int status, String code, String message) {
    return AwsServiceException.builder().message(INJECTED + operation + ": " + message).statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(INJECTED + message)
            .serviceName(operation.substring(0, operation.indexOf(':')))
            .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build()).build())
        .build();
  }

  private static void sleep(Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SdkClientException.builder().message("interrupted during an injected latency").cause(e).build();
    }
  }
}
