package io.cruddur.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.Cruddur;
import io.cruddur.TestStacks;
import io.cruddur.plan.Action;
import io.cruddur.plan.Plan;
import io.cruddur.port.ElbPort;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A plan finds the resources it declares in the listings of their kinds (issue 11): what was changed by hand since
 * the apply shows all the same, on AWS's API as moto serves it. A rule, a target group's setting, a policy put on
 * the stack's role, and a log group tagged as the stack's that it does not declare.
 */
@ExtendWith(Moto.class)
class PlanSeesHandEditsOnMotoTest {
  private static final String DOC = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
      + "\"s3:GetObject\",\"Resource\":\"*\"}]}";

  @Test
  void changesMadeByHandShowInTheNextPlan() {
    try (AwsCloud cloud = Moto.cloud().build()) {
      Cruddur cruddur = Cruddur.with(new MotoCompensation().wrap(cloud)).withOptions(io.cruddur.apply.ExecutorOptions
          .defaults().withWaitForDeployments(false)).withPlanOptions(new io.cruddur.plan.PlanOptions(true, true));
      assertThat(cruddur.apply(TestStacks.shop()).succeeded()).isTrue();
      assertThat(cruddur.plan(TestStacks.shop()).isEmpty()).isTrue();

      ElbPort.LoadBalancer lb = cloud.elb().findLoadBalancer("shop-alb").orElseThrow();
      ElbPort.Listener https = cloud.elb().listeners(lb.arn()).stream().filter(l -> l.port() == 443).findFirst()
          .orElseThrow();
      ElbPort.Rule api = cloud.elb().rules(https.arn()).stream().filter(r -> r.hosts().contains("api.shop.example.org"))
          .findFirst().orElseThrow();
      cloud.elb().modifyRule(api.arn(), List.of("edited.shop.example.org"), api.paths(), api.action());
      ElbPort.TargetGroup tg = cloud.elb().listTargetGroups().stream().filter(t -> t.name().startsWith("shop-web"))
          .findFirst().orElseThrow();
      cloud.elb().modifyTargetGroup(tg.arn(), tg.healthCheck(), tg.deregistrationDelaySeconds() + 17);
      cloud.iam().putRolePolicy("shop-task-role", "by-hand", DOC);
      cloud.logs().createLogGroup("shop-old", Map.of("cruddur:stack", "shop"));
      cloud.logs().createLogGroup("someone-else", Map.of("cruddur:stack", "blog"));

      Plan plan = cruddur.plan(TestStacks.shop());
      assertThat(plan.work().stream().filter(s -> s.action() != Action.WAIT)
          .map(s -> s.action().symbol() + " " + s.resource()).toList()).as(plan.toText()).containsExactlyInAnyOrder(
              "~ elb.listener-rule shop-alb:443 priority " + TestStacks.SHOP_API_PRIORITY,
              "~ elb.target-group " + tg.name(),
              "- iam.role-policy shop-task-role/by-hand",
              "- logs.log-group shop-old");
    }
  }
}
