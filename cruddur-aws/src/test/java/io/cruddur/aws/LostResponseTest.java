package io.cruddur.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.Cruddur;
import io.cruddur.TestStacks;
import io.cruddur.apply.Outcome;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * A create whose response is lost after the request was carried out must not make a second resource: the SDK
 * interceptor fails the first call of each create operation after moto has executed it.
 */
@ExtendWith(Moto.class)
class LostResponseTest {
  /** Fails the first call of each named operation after it was executed, as a dropped connection would. */
  static final class LoseFirstResponse implements ExecutionInterceptor {
    final Set<String> pending = ConcurrentHashMap.newKeySet();
    final List<String> sent = new CopyOnWriteArrayList<>();

    LoseFirstResponse(String... operations) {
      pending.addAll(List.of(operations));
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      sent.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
      if (pending.remove(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
        throw SdkClientException.builder().message("injected: connection reset after the request was sent")
            .cause(new IOException("Connection reset")).build();
      }
    }
  }

  @Test
  void createsWhoseResponsesWereLostAreNotMadeTwice() {
    LoseFirstResponse faults = new LoseFirstResponse("CreateRepository", "CreateTargetGroup", "CreateLoadBalancer",
        "CreateService", "CreateHostedZone", "RequestCertificate", "CreateSecurityGroup", "CreateRole");
    try (AwsCloud cloud = Moto.cloud().addInterceptor(faults).build()) {
      // moto starts no tasks: the secret parameter the api's tasks would need does not matter here.
      Outcome o = Cruddur.with(cloud).withOptions(io.cruddur.apply.ExecutorOptions.defaults()
          .withWaitForDeployments(false)).withPlanOptions(new io.cruddur.plan.PlanOptions(true, true))
          .apply(TestStacks.shop());
      assertThat(o.succeeded()).as(String.valueOf(o)).isTrue();
      assertThat(faults.pending).as("every fault fired").isEmpty();
      assertThat(faults.sent.stream().filter(op -> op.equals("CreateRepository"))).hasSize(2);
      assertThat(cloud.ecr().listRepositories()).extracting(r -> r.name()).containsExactlyInAnyOrder("api", "web");
      assertThat(cloud.elb().listLoadBalancers()).hasSize(1);
      assertThat(cloud.elb().listTargetGroups()).hasSize(2);
      assertThat(cloud.ecs().listServices("shop")).hasSize(2);
      assertThat(cloud.route53().listHostedZones()).hasSize(1);
      assertThat(cloud.acm().listCertificates()).hasSize(1);
      assertThat(cloud.iam().listRoles()).extracting(r -> r.name())
          .containsExactlyInAnyOrder("shop-execution-role", "shop-task-role");
      String vpc = cloud.ec2().defaultVpc().orElseThrow().id();
      assertThat(cloud.ec2().listSecurityGroups(vpc)).extracting(g -> g.name())
          .containsOnlyOnce("shop-alb-sg", "shop-srv-sg");
    }
  }
}
