package io.cruddur.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.Cruddur;
import io.cruddur.TestStacks;
import io.cruddur.apply.ApplyEvent;
import io.cruddur.apply.Outcome;
import io.cruddur.spec.ContainerHealthCheck;
import io.cruddur.spec.Service;
import io.cruddur.spec.Stack;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deployments that fail as on AWS, for the reasons an app gives: health checks that never pass. Cruddur's outcome
 * then names the stopped reason, and the service runs its previous revision again.
 */
class TaskFailureTest {
  private final InMemoryCloud cloud = TestStacks.cloud();
  private final Cruddur cruddur = Cruddur.with(cloud);

  private static Stack shop(String apiTag, boolean containerHealthCheck) {
    Stack shop = TestStacks.shop(apiTag, 1);
    Service api = shop.service("api").orElseThrow();
    if (containerHealthCheck) {
      api = Service.builder().from(api).containerHealthCheck(ContainerHealthCheck.shell("curl -f localhost:8080"))
          .build();
    }
    return shop.toBuilder().services(List.of(api, TestStacks.shop().service("web").orElseThrow())).build();
  }

  private static String failure(Outcome o) {
    assertThat(o).isInstanceOf(Outcome.Failed.class);
    return ((Outcome.Failed) o).describe();
  }

  @Test
  void aTargetGroupHealthCheckThatNeverPassesRollsTheDeploymentBack() {
    assertThat(cruddur.apply(shop("1.0.0", false)).succeeded()).isTrue();
    cloud.failTargetHealthChecks("api:1.1.0");
    assertThat(failure(cruddur.apply(shop("1.1.0", false)))).contains("wait:ecs.service shop/api")
        .contains("rolled back").contains("Task failed ELB health checks in (target-group");
    assertThat(cloud.ecs().findService("shop", "api").orElseThrow().spec().taskDefinitionArn()).endsWith("api:1");
  }

  /** The wait shows what the load balancer's health checks say of the new tasks, while they fail them. */
  @Test
  void theWaitForADeploymentReportsItsUnhealthyTargets() {
    assertThat(cruddur.apply(shop("1.0.0", false)).succeeded()).isTrue();
    cloud.failTargetHealthChecks("api:1.1.0");
    List<String> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
    Outcome o = cruddur.withListener(e -> {
      if (e instanceof ApplyEvent.Waiting w && w.step().id().equals("wait:ecs.service shop/api")) {
        statuses.add(w.status());
      }
    }).apply(shop("1.1.0", false));
    assertThat(o.succeeded()).isFalse();
    assertThat(statuses).anySatisfy(s -> assertThat(s).containsPattern(
        "targets: 10\\.0\\.\\d+\\.\\d+:\\d+ unhealthy \\(Target.FailedHealthChecks: Health checks failed\\)"));
    var tg = cloud.elb().listTargetGroups().stream().filter(t -> t.name().contains("api")).findFirst().orElseThrow();
    assertThat(cloud.elb().targetHealth(tg.arn())).as("after the rollback, the previous revision's task serves")
        .singleElement().satisfies(t -> assertThat(t.healthy()).isTrue());
  }

  @Test
  void aNewDeploymentsTargetsAreInInitialHealthChecksUntilItIsStable() {
    List<String> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
    Outcome o = cruddur.withListener(e -> {
      if (e instanceof ApplyEvent.Waiting w && w.step().id().equals("wait:ecs.service shop/api")) {
        statuses.add(w.status());
      }
    }).apply(shop("1.0.0", false));
    assertThat(o.succeeded()).as(String.valueOf(o)).isTrue();
    assertThat(statuses).isNotEmpty().allSatisfy(s -> assertThat(s).contains(
        "initial (Elb.InitialHealthChecking: Initial health checks in progress)"));
  }

  @Test
  void aContainerHealthCheckThatNeverPassesRollsTheDeploymentBack() {
    assertThat(cruddur.apply(shop("1.0.0", true)).succeeded()).isTrue();
    cloud.failContainerHealthChecks("api:1.1.0");
    assertThat(failure(cruddur.apply(shop("1.1.0", true)))).contains("Task failed container health checks");
  }

  @Test
  void aContainerWithoutAHealthCheckCannotFailOne() {
    assertThat(cruddur.apply(shop("1.0.0", false)).succeeded()).isTrue();
    cloud.failContainerHealthChecks("api:1.1.0");
    Outcome o = cruddur.apply(shop("1.1.0", false));
    assertThat(o.succeeded()).as(String.valueOf(o)).isTrue();
  }
}
