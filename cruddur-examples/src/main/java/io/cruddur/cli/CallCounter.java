package io.cruddur.cli;

import io.cruddur.lease.ParameterLeases;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts AWS API calls as they are sent, split into reads (Describe*, List*, Get*, Filter*) and writes (everything
 * else), so that a run can show it changed nothing. The calls on the stack's lease (SSM parameters under
 * {@code /cruddur/leases/}) are counted apart: they change no resource of the stack. Thread-safe.
 */
final class CallCounter implements ExecutionInterceptor {
  private final Map<String, AtomicInteger> writes = new TreeMap<>();
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicInteger lease = new AtomicInteger();

  private static boolean onLease(SdkRequest request) {
    return request.getValueForField("Name", String.class).or(() -> request.getValueForField("Path", String.class))
        .filter(n -> n.startsWith(ParameterLeases.ROOT) || (n + "/").equals(ParameterLeases.ROOT)).isPresent();
  }

  static boolean isRead(String operation) {
    return operation.startsWith("Describe") || operation.startsWith("List") || operation.startsWith("Get")
        || operation.startsWith("Filter");
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    if ("ssm".equalsIgnoreCase(service) && onLease(context.request())) {
      lease.incrementAndGet();
    } else if (isRead(operation)) {
      reads.incrementAndGet();
    } else {
      synchronized (writes) {
        writes.computeIfAbsent(service + ":" + operation, k -> new AtomicInteger()).incrementAndGet();
      }
    }
  }

  int writes() {
    synchronized (writes) {
      return writes.values().stream().mapToInt(AtomicInteger::get).sum();
    }
  }

  String summary() {
    synchronized (writes) {
      return "aws api calls: " + reads.get() + " reads, " + writes() + " writes" + (writes.isEmpty() ? ""
          : " " + writes) + (lease.get() == 0 ? "" : "; " + lease.get() + " on the stack's lease");
    }
  }
}
