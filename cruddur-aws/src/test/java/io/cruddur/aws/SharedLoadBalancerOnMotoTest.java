package io.cruddur.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.Cruddur;
import io.cruddur.TestStacks;
import io.cruddur.apply.ExecutorOptions;
import io.cruddur.apply.Outcome;
import io.cruddur.memory.CloudInventory;
import io.cruddur.plan.Action;
import io.cruddur.port.ElbPort;
import io.cruddur.spec.Stack;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The blog shares the shop's load balancer on moto, through the AWS adapters: its rules step around the shop's,
 * its certificate is added to the shop's HTTPS listener, and destroying it leaves the shop's as they were.
 */
@ExtendWith(Moto.class)
class SharedLoadBalancerOnMotoTest {
  private static Cruddur cruddur(AwsCloud cloud) {
    return Cruddur.with(FaultInjectionOnMotoTest.fast(cloud))
        .withOptions(ExecutorOptions.defaults().withWaitForDeployments(false))
        .withPlanOptions(new io.cruddur.plan.PlanOptions(true, true));
  }

  private static Map<String, String> rules(AwsCloud cloud) {
    ElbPort.LoadBalancer lb = cloud.elb().findLoadBalancer("shop-alb").orElseThrow();
    ElbPort.Listener https = cloud.elb().listeners(lb.arn()).stream().filter(l -> l.port() == 443).findFirst()
        .orElseThrow();
    Map<String, String> out = new TreeMap<>();
    cloud.elb().rules(https.arn()).forEach(r -> out.put(String.join(",", r.hosts()), r.priority() + " "
        + r.tags().get(Stack.OWNER_TAG)));
    return out;
  }

  @Test
  void theBlogSharesTheShopsLoadBalancerWithoutTouchingItsRules() {
    Moto.reset();
    try (AwsCloud cloud = Moto.cloud().build()) {
      Outcome shop = cruddur(cloud).apply(TestStacks.shop());
      assertThat(shop.succeeded()).as(String.valueOf(shop)).isTrue();
      Map<String, String> shopRules = rules(cloud);

      Outcome blog = cruddur(cloud).apply(TestStacks.blog());
      assertThat(blog.succeeded()).as(String.valueOf(blog)).isTrue();
      Map<String, String> both = rules(cloud);
      assertThat(both).containsAllEntriesOf(shopRules).hasSize(4)
          .containsEntry(TestStacks.BLOG_CLASHING_HOST, (TestStacks.SHOP_API_PRIORITY + 1) + " blog");
      assertThat(new HashSet<>(both.values().stream().map(v -> v.split(" ")[0]).toList())).hasSize(4);
      var inventory = CloudInventory.of(cloud);
      assertThat(CloudInventory.duplicates(inventory)).isEmpty();
      assertThat(inventory.get("elb.load-balancer")).containsExactly("shop-alb");
      assertThat(inventory.get("elb.listener-certificate")).containsExactly("shop-alb:443 blog.example.org");
      assertThat(cruddur(cloud).plan(TestStacks.blog()).work()).as("the blog's rules and certificate converged")
          .noneMatch(s -> s.action() != Action.WAIT && s.resource().kind().name().startsWith("elb."));
      assertThat(cruddur(cloud).plan(TestStacks.shop()).work()).as("the shop leaves the blog's rules alone")
          .noneMatch(s -> s.resource().kind().name().startsWith("elb."));

      Outcome gone = cruddur(cloud).destroy(TestStacks.blog());
      assertThat(gone.succeeded()).as(String.valueOf(gone)).isTrue();
      assertThat(rules(cloud)).isEqualTo(shopRules);
      assertThat(CloudInventory.of(cloud).get("elb.listener-certificate")).isNull();
      assertThat(cloud.elb().listTargetGroups()).extracting(ElbPort.TargetGroup::name)
          .noneMatch(n -> n.startsWith("blog"));
      assertThat(List.copyOf(cloud.elb().listLoadBalancers())).hasSize(1);
    }
  }
}
