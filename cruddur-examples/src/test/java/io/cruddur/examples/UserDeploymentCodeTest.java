package io.cruddur.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.Cruddur;
import io.cruddur.apply.Outcome;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.plan.Plan;
import io.cruddur.plan.PlanOptions;
import io.cruddur.plan.PlanRefusedException;
import io.cruddur.spec.Image;
import io.cruddur.spec.Secret;
import io.cruddur.spec.Stack;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/testing.md, as a user writes them: their own stack, tested against the in-memory cloud.
 * Kept in step with the page; if one changes, so does the other.
 */
class UserDeploymentCodeTest {
  /** A user's own stack: one API service with a secret, behind a load balancer. */
  static final class MyStacks {
    static Stack prod(String tag) {
      return Stack.builder().name("prod").region("us-east-1")
          .cluster(c -> c.name("prod"))
          .repository(r -> r.name("api"))
          .logGroup(l -> l.name("prod").retentionDays(7))
          .domain(d -> d.name("example.com").certificateFor("*.example.com"))
          .loadBalancer(lb -> lb.name("prod-alb").defaultService("api"))
          .addService(s -> s.name("api").image(Image.ecr("api", tag)).port(8080).desiredCount(2)
              .healthCheck(h -> h.path("/health")).route(r -> r.host("api.example.com"))
              .secret("DB_URL", Secret.ssm("/prod/api/DB_URL")))
          .build();
    }

    static Stack prod() {
      return prod("1.4.2");
    }
  }

  @Test
  void theStackDeploysAndASecondApplyWritesNothing() {
    InMemoryCloud cloud = InMemoryCloud.builder()
        .seedImages("api", List.of("1.4.2"))      // pushed when the stack creates the repository
        .delegate("example.com")                  // the registrar points at the zone once it exists
        .build();
    cloud.putParameter("/prod/api/DB_URL", "SecureString");   // the value is never stored
    Cruddur cruddur = Cruddur.with(cloud);
    assertThat(cruddur.apply(MyStacks.prod()).succeeded()).isTrue();
    assertThat(cloud.ecs().findService("prod", "api").orElseThrow().runningCount()).isEqualTo(2);

    cloud.clearCalls();
    cruddur.apply(MyStacks.prod());
    assertThat(cloud.writes()).isEmpty();          // idempotent: a second apply writes nothing
  }

  @Test
  void aTagThatWasNeverPushedIsCaughtByThePlan() {
    InMemoryCloud cloud = InMemoryCloud.builder().seedImages("api", List.of("1.4.2")).delegate("example.com").build();
    cloud.putParameter("/prod/api/DB_URL", "SecureString");
    Cruddur cruddur = Cruddur.with(cloud);
    assertThat(cruddur.apply(MyStacks.prod("1.4.2")).succeeded()).isTrue();

    Plan next = cruddur.plan(MyStacks.prod("1.4.3"));                 // CI forgot to push 1.4.3
    assertThat(next.problems()).anyMatch(p -> p.toString().contains("tag 1.4.3 is not in repository api"));
    assertThatThrownBy(() -> cruddur.apply(next)).isInstanceOf(PlanRefusedException.class);   // nothing changes

    // Allowed anyway, it deploys, and the circuit breaker rolls it back with the reason, as on AWS:
    Outcome o = cruddur.withPlanOptions(PlanOptions.defaults().withAllowMissingImages(true))
        .apply(MyStacks.prod("1.4.3"));
    assertThat(((Outcome.Failed) o).describe()).contains("CannotPullContainerError").contains("api:1.4.3: not found");
  }
}
