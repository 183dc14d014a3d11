package io.cruddur.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cruddur.memory.Faults;
import io.cruddur.memory.Faults.Fault;
import io.cruddur.port.CloudException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The faults that are decided before a request is sent, checked without an emulator: nothing is transmitted (the
 * endpoint, 127.0.0.1:9, is never reached). Lost responses and time-outs of requests carried out need a server:
 * {@link FaultInjectionOnMotoTest}.
 */
class FaultInjectorTest {
  private static <B extends AwsClientBuilder<B, C>, C> C client(B builder, FaultInjector faults) {
    return builder.region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:9"))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).addExecutionInterceptor(faults))
        .build();
  }

  private static CloudException call(String operation, Runnable call) {
    SdkException e = catchThrowableOfType(call::run, SdkException.class);
    assertThat(e).as(operation).isNotNull();
    return Errors.translate(operation, e);
  }

  @Test
  void throttlingUsesEachProtocolsCodeAndBecomesThrottled() {
    FaultInjector faults = new FaultInjector(Faults.atRate(1, 1).only(Fault.THROTTLING));
    try (EcsClient ecs = client(EcsClient.builder(), faults); IamClient iam = client(IamClient.builder(), faults);
        Ec2Client ec2 = client(Ec2Client.builder(), faults)) {
      List<Runnable> calls = List.of(ecs::listClusters, iam::listRoles, ec2::describeVpcs);
      List<String> codes = List.of("ThrottlingException", "Throttling", "RequestLimitExceeded");
      for (int i = 0; i < calls.size(); i++) {
        CloudException e = call("call " + i, calls.get(i));
        assertThat(e).isInstanceOf(CloudException.Throttled.class).hasMessageContaining("injected fault");
        assertThat(((AwsServiceException) e.getCause()).awsErrorDetails().errorCode()).isEqualTo(codes.get(i));
        assertThat(((AwsServiceException) e.getCause()).statusCode()).isEqualTo(400);
      }
    }
    assertThat(faults.injected()).containsEntry(Fault.THROTTLING, 3L);
    assertThat(faults.log()).extracting(Faults.Injected::operation)
        .containsExactly("ecs:ListClusters", "iam:ListRoles", "ec2:DescribeVpcs");
  }

  @Test
  void serverErrorsAre500And503AndBecomeUnavailable() {
    FaultInjector faults = new FaultInjector(Faults.atRate(1, 1).only(Fault.SERVER_ERROR));
    try (EcsClient ecs = client(EcsClient.builder(), faults)) {
      List<CloudException> errors = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        errors.add(call("ecs:ListClusters", ecs::listClusters));
      }
      assertThat(errors).allMatch(e -> e instanceof CloudException.Unavailable && e.retryable());
      assertThat(errors).extracting(e -> ((AwsServiceException) e.getCause()).statusCode())
          .containsOnly(500, 503).contains(500, 503);
    }
  }

  /** The status codes of the server errors of each operation, in order. */
  private static Map<String, List<Integer>> serverErrors(FaultInjector faults, List<String> order) {
    Map<String, List<Integer>> statuses = new TreeMap<>();
    try (EcsClient ecs = client(EcsClient.builder(), faults); IamClient iam = client(IamClient.builder(), faults)) {
      for (String op : order) {
        Runnable call = op.equals("ecs:ListClusters") ? ecs::listClusters : iam::listRoles;
        CloudException e = call(op, call);
        statuses.computeIfAbsent(op, k -> new ArrayList<>())
            .add(((AwsServiceException) e.getCause()).statusCode());
      }
    }
    return statuses;
  }

  /**
   * Regression: 500 and 503 alternated on a counter shared by every operation, so the same seed gave other answers
   * when calls of different operations interleaved otherwise. They are drawn from the seed, the operation and how
   * many calls of it came before, as the fault itself.
   */
  @Test
  void theSameSeedGivesTheSameServerErrorsHoweverOperationsInterleave() {
    Faults.Policy policy = Faults.atRate(1, 7).only(Fault.SERVER_ERROR);
    List<String> grouped = new ArrayList<>();
    List<String> alternating = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      grouped.add("ecs:ListClusters");
      alternating.add("ecs:ListClusters");
      alternating.add("iam:ListRoles");
    }
    for (int i = 0; i < 8; i++) {
      grouped.add("iam:ListRoles");
    }
    FaultInjector a = new FaultInjector(policy);
    FaultInjector b = new FaultInjector(policy);
    Map<String, List<Integer>> first = serverErrors(a, grouped);
    assertThat(first.get("ecs:ListClusters")).contains(500, 503);
    assertThat(serverErrors(b, alternating)).isEqualTo(first);
    for (Faults.Injected i : a.log()) {
      int status = first.get(i.operation()).get((int) i.n() - 1);
      assertThat(status).as("call %d of %s", i.n(), i.operation())
          .isEqualTo(FaultInjector.unavailable(policy.seed(), i.operation(), i.n()) ? 503 : 500);
    }
  }

  @Test
  void operationsAreNamedAsInTheInMemoryCloudAndScoped() {
    FaultInjector faults = new FaultInjector(Faults.atRate(1, 1).only(Fault.THROTTLING)
        .operations("elbv2:DescribeLoadBalancers"));
    try (ElasticLoadBalancingV2Client elb = client(ElasticLoadBalancingV2Client.builder(), faults)) {
      assertThat(call("elbv2:DescribeLoadBalancers", elb::describeLoadBalancers))
          .isInstanceOf(CloudException.Throttled.class);
      // Not in scope: sent (and refused by the closed port), not faulted.
      assertThat(call("elbv2:DescribeTargetGroups", elb::describeTargetGroups)).hasMessageNotContaining("injected");
    }
    assertThat(faults.log()).extracting(Faults.Injected::operation).containsExactly("elbv2:DescribeLoadBalancers");
    assertThat(FaultInjector.isWrite("CreateService")).isTrue();
    assertThat(FaultInjector.isWrite("DescribeServices")).isFalse();
    assertThat(FaultInjector.isWrite("ListTagsForResource")).isFalse();
  }

  @Test
  void theSameSeedFaultsTheSameCallsAndLatencyIsRealTime() {
    Consumer<FaultInjector> run = faults -> {
      try (EcsClient ecs = client(EcsClient.builder(), faults)) {
        for (int i = 0; i < 30; i++) {
          try {
            ecs.listClusters();
          } catch (SdkException expected) {
            // a fault, or the closed port
          }
        }
      }
    };
    Faults.Policy policy = Faults.atRate(0.4, 11).only(Fault.THROTTLING, Fault.SERVER_ERROR);
    FaultInjector a = new FaultInjector(policy);
    FaultInjector b = new FaultInjector(policy);
    run.accept(a);
    run.accept(b);
    assertThat(a.log()).isNotEmpty().isEqualTo(b.log());

    FaultInjector slow = new FaultInjector(Faults.atRate(1, 1).only(Fault.THROTTLING)
        .latency(Duration.ofMillis(50)));
    long t0 = System.nanoTime();
    try (EcsClient ecs = client(EcsClient.builder(), slow)) {
      call("ecs:ListClusters", ecs::listClusters);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
  }
}
