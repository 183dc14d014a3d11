package io.cruddur.bench;

import io.cruddur.Cruddur;
import io.cruddur.apply.Outcome;
import io.cruddur.aws.AwsCloud;
import io.cruddur.lease.Lease;
import io.cruddur.lease.LeaseOptions;
import io.cruddur.lease.ParameterLeases;
import io.cruddur.plan.Plan;
import io.cruddur.plan.PlanOptions;
import io.cruddur.spec.Stack;
import io.cruddur.stackfile.StackFile;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * {@code Bench startup} and {@code Bench phases}: where a cold JVM's time goes, until the first AWS call and through
 * a whole apply.
 */
final class Startup {
  private Startup() {}

  private static AwsCloud.Builder cloud(URI endpoint, String region) {
    if (!"127.0.0.1".equals(endpoint.getHost())) {
      throw new IllegalArgumentException("only an endpoint on 127.0.0.1: " + endpoint);
    }
    return AwsCloud.builder().endpoint(endpoint).region(region)
        .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
  }

  /**
   * A cold start split in parts: the JVM until {@code main}, loading the stack file (compiling it), and building the
   * AWS clients until the first call leaves (the cloud asks who the credentials are while it is built).
   */
  static Map<String, Object> firstCall(Path file, URI endpoint) throws InterruptedException {
    long loadAt = System.currentTimeMillis();
    Stack app = StackFile.load(file).single();
    long cloudAt = System.currentTimeMillis();
    AtomicLong first = new AtomicLong();
    CountDownLatch sent = new CountDownLatch(1);
    // The cloud's first call (who the credentials are) leaves while it is built; the listener answers 503.
    Thread call = new Thread(() -> {
      try {
        AwsCloud aws = cloud(endpoint, app.region()).addInterceptor(new ExecutionInterceptor() {
              @Override
              public void beforeTransmission(Context.BeforeTransmission c, ExecutionAttributes a) {
                first.compareAndSet(0, System.currentTimeMillis());
                sent.countDown();
              }
            }).build();
        Cruddur.with(aws).plan(app);
      } catch (RuntimeException expected) {
        // the listener answers 503
      }
    });
    call.setDaemon(true);
    call.start();
    if (!sent.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("no AWS call within 120 s");
    }
    long jvmAt = ManagementFactory.getRuntimeMXBean().getStartTime();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("jvmToMainMs", Bench.mainAt() - jvmAt);
    m.put("loadStackFileMs", cloudAt - loadAt);
    m.put("clientsToFirstCallMs", first.get() - cloudAt);
    m.put("jvmToFirstCallMs", first.get() - jvmAt);
    return m;
  }

  /** Counts calls and the time they take. Thread-safe. */
  private static final class Clocked implements ExecutionInterceptor {
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicLong busy = new AtomicLong();
    private final Map<Object, Long> sentAt = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission c, ExecutionAttributes a) {
      sentAt.put(c.request(), System.nanoTime());
      String op = a.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      (op.startsWith("Describe") || op.startsWith("List") || op.startsWith("Get") ? reads : writes)
          .incrementAndGet();
    }

    @Override
    public void afterTransmission(Context.AfterTransmission c, ExecutionAttributes a) {
      Long at = sentAt.remove(c.request());
      if (at != null) {
        busy.addAndGet(System.nanoTime() - at);
      }
    }

    /** Reads, writes and time spent in calls since the last take. */
    Map<String, Object> take() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("reads", reads.getAndSet(0));
      m.put("writes", writes.getAndSet(0));
      m.put("callMs", busy.getAndSet(0) / 1_000_000);
      return m;
    }
  }

  /**
   * An apply as the CLI makes it ({@code apply --yes --allow-missing-images}: the stack's lease, a plan, its
   * apply), each phase timed, with the calls it made and the time they took (summed over threads).
   */
  static Map<String, Object> apply(Path file, URI endpoint) {
    long t0 = System.nanoTime();
    Stack app = StackFile.load(file).single();
    long t1 = System.nanoTime();
    Clocked calls = new Clocked();
    Map<String, Object> m = new LinkedHashMap<>();
    long jvmAt = ManagementFactory.getRuntimeMXBean().getStartTime();
    m.put("jvmToMainMs", Bench.mainAt() - jvmAt);
    m.put("loadStackFileMs", (t1 - t0) / 1_000_000);
    try (AwsCloud aws = cloud(endpoint, app.region()).addInterceptor(calls).build()) {
      aws.prepareClients(); // as the CLI's apply does
      long t2 = System.nanoTime();
      m.put("buildClientsMs", (t2 - t1) / 1_000_000);
      m.put("buildClientsCalls", calls.take());
      Lease lease = new ParameterLeases(aws.ssm()).acquire(app.name(), LeaseOptions.defaults());
      long t3 = System.nanoTime();
      m.put("leaseMs", (t3 - t2) / 1_000_000);
      m.put("leaseCalls", calls.take());
      Cruddur cruddur = Cruddur.with(aws).withLease(lease)
          .withPlanOptions(PlanOptions.defaults().withAllowMissingImages(true));
      Plan plan = cruddur.plan(app);
      long t4 = System.nanoTime();
      m.put("planMs", (t4 - t3) / 1_000_000);
      m.put("planCalls", calls.take());
      Outcome o = cruddur.apply(plan);
      long t5 = System.nanoTime();
      if (!o.succeeded()) {
        throw new IllegalStateException("the apply failed: " + o);
      }
      m.put("applyMs", (t5 - t4) / 1_000_000);
      m.put("applyCalls", calls.take());
      lease.close();
      m.put("releaseMs", (System.nanoTime() - t5) / 1_000_000);
    }
    m.put("jvmToEndMs", System.currentTimeMillis() - jvmAt);
    return m;
  }
}
