package io.cruddur.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.Cruddur;
import io.cruddur.TestStacks;
import io.cruddur.plan.Action;
import io.cruddur.plan.Plan;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** How many AWS calls a plan of a stack that is as declared makes (issue 11: at most one per resource plus 5). */
@ExtendWith(Moto.class)
class NoOpPlanReadsOnMotoTest {
  /** Counts requests sent, by service and operation. */
  static final class Count implements ExecutionInterceptor {
    final Map<String, Integer> sent = new TreeMap<>();

    @Override
    public synchronized void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes a) {
      sent.merge(a.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
          + a.getAttribute(SdkExecutionAttribute.OPERATION_NAME), 1, Integer::sum);
    }

    synchronized int total() {
      return sent.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  @Test
  void aNoOpPlanReadsEachResourceAtMostOnceWithoutWriting() {
    Count count = new Count();
    try (AwsCloud cloud = Moto.cloud().addInterceptor(count).build()) {
      Cruddur cruddur = Cruddur.with(new MotoCompensation().wrap(cloud)).withOptions(io.cruddur.apply.ExecutorOptions
          .defaults().withWaitForDeployments(false)).withPlanOptions(new io.cruddur.plan.PlanOptions(true, true));
      assertThat(cruddur.apply(TestStacks.shop()).succeeded()).isTrue();
      count.sent.clear();
      Plan plan = cruddur.plan(TestStacks.shop());
      long resources = plan.steps().stream().filter(s -> s.action() != Action.WAIT).count();
      System.out.println("no-op plan of the shop on moto: " + resources + " resources, " + count.total()
          + " calls " + count.sent);
      assertThat(plan.isEmpty()).as(plan.toText()).isTrue();
      assertThat(count.sent.keySet()).allMatch(op -> op.matches(".*:(Describe|List|Get).*"));
      // Measured: 85 calls for 31 resources before issue 11, 34 after.
      assertThat(count.total()).as(count.sent.toString()).isLessThanOrEqualTo((int) resources + 5);
    }
  }
}
