package io.cruddur.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.Cruddur;
import io.cruddur.TestStacks;
import io.cruddur.memory.Call;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.plan.Action;
import io.cruddur.plan.Plan;
import io.cruddur.plan.Step;
import io.cruddur.port.CloudException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExecutorTest {
  /** Records the order of events and how many steps ran at once. */
  static final class Recorder implements ApplyListener {
    final List<ApplyEvent> events = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();

    @Override
    public void on(ApplyEvent e) {
      if (e instanceof ApplyEvent.Started s && s.step().action() != Action.WAIT) {
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
          // Hold the step a little so that overlap is observable even on a busy machine.
          Thread.sleep(20);
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
      }
      if ((e instanceof ApplyEvent.Finished || e instanceof ApplyEvent.Failed) && e.step().action() != Action.WAIT) {
        running.decrementAndGet();
      }
      events.add(e);
    }

    <T extends ApplyEvent> List<T> of(Class<T> type) {
      synchronized (events) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
      }
    }
  }

  @Test
  void everyStepStartsAfterTheStepsItDependsOnFinished() {
    InMemoryCloud cloud = TestStacks.cloud();
    Recorder rec = new Recorder();
    Plan plan = Cruddur.with(cloud).plan(TestStacks.shop());
    Outcome o = Cruddur.with(cloud).withListener(rec).apply(plan);
    assertThat(o.succeeded()).isTrue();
    Map<String, Integer> finishedAt = new HashMap<>();
    Map<String, Integer> startedAt = new HashMap<>();
    synchronized (rec.events) {
      for (int i = 0; i < rec.events.size(); i++) {
        ApplyEvent e = rec.events.get(i);
        if (e instanceof ApplyEvent.Started) {
          startedAt.put(e.step().id(), i);
        } else if (e instanceof ApplyEvent.Finished) {
          finishedAt.put(e.step().id(), i);
        }
      }
    }
    assertThat(startedAt.keySet()).containsExactlyInAnyOrderElementsOf(plan.work().stream().map(Step::id).toList());
    for (Step s : plan.work()) {
      for (String dep : s.dependsOn().stream().map(Object::toString).toList()) {
        assertThat(finishedAt.get(dep)).as(s.id() + " after " + dep).isLessThan(startedAt.get(s.id()));
      }
    }
    // The certificate wait comes after its validation record, and the HTTPS listener after the wait.
    Step listener = plan.steps().stream().filter(s -> s.id().equals("elb.listener shop-alb:443")).findFirst()
        .orElseThrow();
    assertThat(listener.dependsOn()).extracting(Object::toString)
        .contains("wait:acm.certificate shop.example.org, *.shop.example.org");
  }

  @Test
  void independentStepsRunInParallelWithinTheBound() {
    Recorder four = new Recorder();
    assertThat(Cruddur.with(TestStacks.cloud()).withListener(four).apply(TestStacks.shop()).succeeded()).isTrue();
    assertThat(four.maxRunning.get()).isBetween(2, 4);
    Recorder one = new Recorder();
    Outcome serial = Cruddur.with(TestStacks.cloud()).withListener(one)
        .withOptions(ExecutorOptions.defaults().withParallelism(1)).apply(TestStacks.shop());
    assertThat(serial.succeeded()).isTrue();
    assertThat(one.maxRunning.get()).isEqualTo(1);
  }

  @Test
  void longWaitsStartEarlyAndDoNotHoldBackOtherWork() {
    InMemoryCloud cloud = TestStacks.cloud();
    Recorder rec = new Recorder();
    Cruddur.with(cloud).withListener(rec).apply(TestStacks.shop());
    List<String> started = rec.of(ApplyEvent.Started.class).stream().map(e -> e.step().id()).toList();
    int lbWait = started.indexOf("wait:elb.load-balancer shop-alb");
    int firstService = started.indexOf("ecs.service shop/api");
    assertThat(lbWait).as("the load balancer wait starts before the services are created")
        .isBetween(0, firstService);
  }

  /**
   * With fewer slots than ready steps, the heads of the longest waits go first: on one slot the certificate's request
   * and the hosted zone its validation record goes into (at the head of the record's, the certificate's and the
   * services' waits) start before the repositories, roles and groups that nothing waits long for, although the plan
   * lists them earlier.
   */
  @Test
  void stepsAtTheHeadOfTheLongestWaitsTakeTheFirstSlots() {
    Plan plan = Cruddur.with(TestStacks.cloud()).plan(TestStacks.shop());
    List<String> planOrder = plan.work().stream().filter(s -> s.dependsOn().isEmpty()).map(Step::id).toList();
    assertThat(planOrder.indexOf("acm.certificate shop.example.org, *.shop.example.org")).as("plan order")
        .isGreaterThan(0);
    Recorder rec = new Recorder();
    Outcome o = Cruddur.with(TestStacks.cloud()).withListener(rec)
        .withOptions(ExecutorOptions.defaults().withParallelism(1)).apply(TestStacks.shop());
    assertThat(o.succeeded()).as(String.valueOf(o)).isTrue();
    List<String> started = rec.of(ApplyEvent.Started.class).stream().map(e -> e.step().id()).toList();
    assertThat(started.subList(0, 2)).containsExactlyInAnyOrder(
        "acm.certificate shop.example.org, *.shop.example.org", "route53.hosted-zone shop.example.org");
  }

  /**
   * Regression: a service named its cluster by a plain string, so the graph had no edge from a service to its
   * cluster. Without a load balancer to wait for, services were sometimes created before the cluster
   * ({@code ClusterNotFoundException: cluster big not found} in 2 of 24 applies). The cluster's create is slowed
   * down here so that any service not ordered after it would overtake it.
   */
  @Test
  void servicesCreatedBeforeTheirClusterWhenNothingElseOrderedThem() {
    var stack = io.cruddur.spec.Stack.builder().name("big");
    for (int i = 0; i < 40; i++) {
      String name = "svc-" + i;
      stack.addService(s -> s.name(name).image(io.cruddur.spec.Image.of("public.ecr.aws/nginx/nginx:1.27")));
    }
    InMemoryCloud cloud = TestStacks.cloud();
    cloud.faults().delay("ecs:CreateCluster", Duration.ofMillis(300));
    Cruddur cruddur = Cruddur.with(cloud).withOptions(ExecutorOptions.defaults().withParallelism(32));
    Plan plan = cruddur.plan(stack.build());
    assertThat(plan.work()).filteredOn(s -> s.resource().type().equals("ecs.service")
        && s.action() == Action.CREATE).hasSize(40)
        .allSatisfy(s -> assertThat(s.dependsOn()).extracting(Object::toString).contains("ecs.cluster big"));
    Outcome o = cruddur.apply(plan);
    assertThat(o.succeeded()).as(String.valueOf(o)).isTrue();
    List<String> ops = cloud.calls().stream().filter(Call::write).map(Call::operation).toList();
    assertThat(ops.indexOf("CreateCluster")).as("the cluster is created before every service")
        .isLessThan(ops.indexOf("CreateService"));
    assertThat(cloud.ecs().listServices("big")).hasSize(40);
  }

  @Test
  void aFailedStepSkipsItsDependentsButNotTheRest() {
    InMemoryCloud cloud = TestStacks.cloud();
    cloud.faults().failNext("elbv2:CreateLoadBalancer", () -> new CloudException.Invalid("injected"));
    Recorder rec = new Recorder();
    Outcome o = Cruddur.with(cloud).withListener(rec).apply(TestStacks.shop());
    assertThat(o).isInstanceOf(Outcome.Failed.class);
    Outcome.Failed f = (Outcome.Failed) o;
    assertThat(f.failures()).singleElement().satisfies(x -> {
      assertThat(x.step().id()).isEqualTo("elb.load-balancer shop-alb");
      assertThat(x.cause()).hasMessage("injected");
    });
    assertThat(f.skipped()).extracting(Step::id).contains("elb.listener shop-alb:80", "ecs.service shop/api");
    assertThat(f.completed()).extracting(Step::id).contains("ecr.repository api", "logs.log-group shop");
    assertThat(cloud.ecs().findService("shop", "api")).isEmpty();
  }

  @Test
  void rolesNotYetAssumableAreRetriedUntilIamHasPropagated() {
    InMemoryCloud cloud = TestStacks.withSecret(TestStacks.cloudBuilder().iamPropagationDelay(Duration.ofSeconds(150))
        .build());
    Recorder rec = new Recorder();
    Outcome o = Cruddur.with(cloud).withListener(rec).apply(TestStacks.shop());
    assertThat(o.succeeded()).as(String.valueOf(o)).isTrue();
    assertThat(rec.of(ApplyEvent.Retrying.class)).isNotEmpty()
        .allSatisfy(r -> assertThat(r.cause()).isInstanceOf(CloudException.NotYetConsistent.class));
    long creates = cloud.calls().stream().filter(c -> c.operation().equals("CreateService")).count();
    assertThat(creates).isGreaterThan(2);
    assertThat(cloud.ecs().listServices("shop")).hasSize(2);
  }

  @Test
  void aCreateWhoseResponseWasLostIsNotMadeTwice() {
    InMemoryCloud cloud = TestStacks.cloud();
    cloud.faults().failAfterNext("ecr:CreateRepository", () -> new CloudException.Unavailable("connection reset",
        null));
    cloud.faults().failAfterNext("ecs:CreateService", () -> new CloudException.Unavailable("read timed out", null));
    cloud.faults().failAfterNext("elbv2:CreateTargetGroup", () -> new CloudException.Unavailable("502", null));
    Outcome o = Cruddur.with(cloud).apply(TestStacks.shop());
    assertThat(o.succeeded()).as(String.valueOf(o)).isTrue();
    assertThat(cloud.ecr().listRepositories()).extracting(r -> r.name()).containsExactlyInAnyOrder("api", "web");
    assertThat(cloud.ecs().listServices("shop")).hasSize(2);
    assertThat(cloud.elb().listTargetGroups()).hasSize(2);
    List<Call> creates = cloud.calls().stream().filter(c -> c.operation().startsWith("Create")).toList();
    Set<String> once = new HashSet<>();
    assertThat(creates).allSatisfy(c -> assertThat(once.add(c.service() + c.operation() + c.target()))
        .as("created once: " + c).isTrue());
  }

  @Test
  void aCircuitBreakerRollbackIsAFailureNeverASuccess() {
    InMemoryCloud cloud = TestStacks.cloud();
    Cruddur cruddur = Cruddur.with(cloud);
    assertThat(cruddur.apply(TestStacks.shop()).succeeded()).isTrue();
    cloud.failDeploymentsOfImage("api:2.0.0", "Essential container in task exited");
    Outcome o = cruddur.apply(TestStacks.shop("2.0.0", 1));
    assertThat(o).isInstanceOf(Outcome.Failed.class);
    Outcome.Failed f = (Outcome.Failed) o;
    assertThat(f.failures()).singleElement().satisfies(x -> {
      assertThat(x.step().id()).isEqualTo("wait:ecs.service shop/api");
      assertThat(x.cause().getMessage()).contains("rolled back").contains("Essential container in task exited");
    });
    assertThat(cloud.ecs().findService("shop", "api").orElseThrow().spec().taskDefinitionArn()).endsWith("api:1");
    assertThat(cloud.ecs().findService("shop", "web").orElseThrow().spec().taskDefinitionArn()).endsWith("web:2");
    assertThat(cruddur.plan(TestStacks.shop("2.0.0", 1)).work()).extracting(Step::id)
        .as("the next plan shows the drift the rollback left").contains("ecs.service shop/api");
  }

  @Test
  void aWaitThatNeverCompletesFailsAtItsTimeLimit() {
    InMemoryCloud cloud = TestStacks.cloud();
    Cruddur cruddur = Cruddur.with(cloud);
    cloud.failDeploymentsOfImage("web:", "never healthy");
    var noBreaker = TestStacks.shop().toBuilder().services(List.of(TestStacks.shop().service("api").orElseThrow(),
        io.cruddur.spec.Service.builder().from(TestStacks.shop().service("web").orElseThrow()).circuitBreaker(false)
            .build())).build();
    Outcome o = cruddur.apply(noBreaker);
    assertThat(o).isInstanceOf(Outcome.Failed.class);
    assertThat(((Outcome.Failed) o).failures()).singleElement().satisfies(x ->
        assertThat(x.cause().getMessage()).startsWith("timed out after 20 min waiting for service stable"));
    assertThat(o.elapsed()).isGreaterThanOrEqualTo(Duration.ofMinutes(20)).isLessThan(Duration.ofMinutes(25));
  }

  @Test
  void redeployStartsANewDeploymentAndWaitsForIt() {
    InMemoryCloud cloud = TestStacks.cloud();
    Cruddur cruddur = Cruddur.with(cloud);
    cruddur.apply(TestStacks.shop());
    Recorder rec = new Recorder();
    Outcome o = cruddur.withListener(rec).redeploy(TestStacks.shop(), "api");
    assertThat(o.succeeded()).isTrue();
    assertThat(rec.of(ApplyEvent.Started.class)).extracting(e -> e.step().id())
        .containsExactly("ecs.service shop/api", "wait:ecs.service shop/api");
    assertThat(rec.of(ApplyEvent.Started.class).get(0).step().action()).isEqualTo(Action.REDEPLOY);
    assertThat(rec.of(ApplyEvent.Waiting.class)).isNotEmpty();
    var api = cloud.ecs().findService("shop", "api").orElseThrow();
    assertThat(api.deployments()).singleElement().satisfies(d -> assertThat(d.rolloutState()).isEqualTo("COMPLETED"));
  }

  /**
   * A small stack with one repository (beside the cluster, roles and group every stack has): a test can fault its
   * create or delete with no other call of the same operation in the way.
   */
  private static io.cruddur.spec.Stack small(boolean forceDelete) {
    return io.cruddur.spec.Stack.builder().name("solo").region("us-east-1")
        .repository(r -> r.name("api").forceDelete(forceDelete)).build();
  }

  private static List<ApplyEvent.Retrying> notYetConsistentRetries(Recorder rec) {
    return rec.of(ApplyEvent.Retrying.class).stream()
        .filter(r -> r.cause() instanceof CloudException.NotYetConsistent).toList();
  }

  /**
   * A Conflict whose holder cannot be seen is looked for again, as NotYetConsistent, for {@link
   * ExecutorOptions#inUseGrace()}: an earlier run may have made it just before it died. (A holder that can be seen
   * and is not the stack's fails at once: the test after the next.)
   */
  @Test
  void aConflictWhoseHolderIsNotVisibleIsLookedForAgainAsNotYetConsistent() {
    // A run that died right after a create leaves a resource the next plan may not see yet (EC2 and others are
    // eventually consistent): the next run's create conflicts with nothing it can see, and looks again.
    InMemoryCloud cloud = TestStacks.cloud();
    cloud.faults().failNext("ecr:CreateRepository", () -> new CloudException.Throttled("Rate exceeded"));
    cloud.faults().failNext("ecr:CreateRepository", () -> new CloudException.Conflict(
        "RepositoryAlreadyExistsException: taken"));
    Recorder rec = new Recorder();
    Outcome o = Cruddur.with(cloud).withListener(rec).apply(small(true));
    assertThat(o.succeeded()).as(String.valueOf(o)).isTrue();
    assertThat(notYetConsistentRetries(rec)).extracting(r -> r.cause().getMessage())
        .containsExactly("taken by a resource not visible yet: RepositoryAlreadyExistsException: taken");
    assertThat(cloud.calls().stream().filter(c -> c.operation().equals("CreateRepository"))).hasSize(3);
    assertThat(cloud.ecr().listRepositories()).extracting(r -> r.name()).containsOnlyOnce("api");
  }

  /** A conflict whose holder stays invisible counts once {@link ExecutorOptions#inUseGrace()} has passed. */
  @Test
  void aConflictWhoseHolderNeverShowsFailsAfterTheGrace() {
    InMemoryCloud cloud = TestStacks.cloud();
    cloud.faults().failNext("ecr:CreateRepository", 1000, () -> new CloudException.Conflict(
        "RepositoryAlreadyExistsException: taken"));
    Outcome o = Cruddur.with(cloud).apply(small(true));
    assertThat(o).as(String.valueOf(o)).isInstanceOf(Outcome.Failed.class);
    assertThat(((Outcome.Failed) o).failures()).singleElement().satisfies(x ->
        assertThat(x.cause()).isInstanceOf(CloudException.Conflict.class)
            .hasMessage("taken by a resource not visible yet: RepositoryAlreadyExistsException: taken"));
    assertThat(o.elapsed()).isBetween(ExecutorOptions.defaults().inUseGrace(),
        ExecutorOptions.defaults().inUseGrace().plus(ExecutorOptions.defaults().maxBackoff().multipliedBy(2)));
  }

  /**
   * Regression: after a create that may have happened (a 5xx), the look-up found the name taken by a resource the
   * stack does not own, and the create's Conflict was still retried as "not visible yet" for 10 minutes.
   */
  @Test
  void aConflictWithAResourceTheStackDoesNotOwnFailsAtOnceEvenAfterAnAmbiguousAttempt() {
    InMemoryCloud cloud = TestStacks.cloud();
    Cruddur cruddur = Cruddur.with(cloud);
    Plan plan = cruddur.plan(small(true));
    // Someone else takes the name after the plan; the first create fails with a 5xx before it changes anything.
    cloud.ecr().createRepository("api", false, false, Map.of("team", "other"));
    cloud.faults().failNext("ecr:CreateRepository", () -> new CloudException.Unavailable("503", null));
    Recorder rec = new Recorder();
    Outcome o = cruddur.withListener(rec).apply(plan);
    assertThat(o).as(String.valueOf(o)).isInstanceOf(Outcome.Failed.class);
    assertThat(((Outcome.Failed) o).failures()).singleElement().satisfies(x ->
        assertThat(x.cause()).isInstanceOf(CloudException.Conflict.class)
            .hasMessageContaining("RepositoryAlreadyExistsException"));
    assertThat(notYetConsistentRetries(rec)).isEmpty();
    assertThat(o.elapsed()).isLessThan(Duration.ofMinutes(1));
    assertThat(cloud.ecr().findRepository("api").orElseThrow().tags()).containsEntry("team", "other");
  }

  /**
   * What the Conflict conversion is for: a create whose response was lost did happen, and the look-up right after
   * does not see it yet (EC2 describes a new security group only seconds later): wait for it, never make two. One
   * step at a time and no waits, so that only this step's back-off moves the clock.
   */
  @Test
  void aLostCreateThatIsNotVisibleYetIsWaitedForAndNotMadeTwice() {
    InMemoryCloud cloud = TestStacks.cloudBuilder().latency(io.cruddur.memory.Latency.realistic()).build();
    cloud.faults().failAfterNext("ec2:CreateSecurityGroup", () -> new CloudException.Unavailable("connection reset",
        null));
    Recorder rec = new Recorder();
    Outcome o = Cruddur.with(cloud).withListener(rec).withOptions(ExecutorOptions.defaults().withParallelism(1))
        .apply(small(true));
    assertThat(o.succeeded()).as(String.valueOf(o)).isTrue();
    assertThat(notYetConsistentRetries(rec)).extracting(r -> r.cause().getMessage())
        .anyMatch(m -> m.startsWith("created by an earlier attempt: InvalidGroup.Duplicate"));
    assertThat(cloud.ec2().listSecurityGroups(cloud.ec2().defaultVpc().orElseThrow().id()))
        .extracting(g -> g.name()).containsOnlyOnce("solo-srv-sg");
  }

  /**
   * Regression: every InUse on a delete was tried again for 5 minutes, also holds that never clear by themselves:
   * a repository that still holds images (and may not be force-deleted) fails at once.
   */
  @Test
  void aDeleteRefusedByAHoldThatStaysFailsAtOnce() {
    InMemoryCloud cloud = TestStacks.cloud();
    Cruddur cruddur = Cruddur.with(cloud);
    assertThat(cruddur.apply(small(false)).succeeded()).isTrue();
    Recorder rec = new Recorder();
    Outcome o = cruddur.withListener(rec).destroy(small(false));
    assertThat(o).as(String.valueOf(o)).isInstanceOf(Outcome.Failed.class);
    assertThat(((Outcome.Failed) o).failures()).singleElement().satisfies(x ->
        assertThat(x.cause()).isInstanceOf(CloudException.InUse.class).hasMessageContaining("RepositoryNotEmpty"));
    assertThat(rec.of(ApplyEvent.Retrying.class)).isEmpty();
    assertThat(o.elapsed()).isLessThan(ExecutorOptions.defaults().inUseGrace());
  }

  /**
   * What the grace period is for: right after the load balancer and its listeners are deleted, their network
   * interfaces still hold its security group and ACM still counts the certificate in use; both clear by themselves.
   */
  @Test
  void aDeleteRefusedByAHoldThatClearsByItselfIsTriedAgain() {
    InMemoryCloud cloud = TestStacks.cloud();
    Cruddur cruddur = Cruddur.with(cloud);
    assertThat(cruddur.apply(TestStacks.shop()).succeeded()).isTrue();
    Recorder rec = new Recorder();
    Outcome o = cruddur.withListener(rec).destroy(TestStacks.shop());
    assertThat(o.succeeded()).as(String.valueOf(o)).isTrue();
    // Which of the two holds is still on when its delete runs depends on how the waits before it overlapped.
    assertThat(rec.of(ApplyEvent.Retrying.class)).extracting(r -> r.cause().getCause())
        .filteredOn(CloudException.InUse.class::isInstance).isNotEmpty()
        .allSatisfy(c -> assertThat(c.getMessage()).containsAnyOf("DependencyViolation", "ResourceInUseException"));
    assertThat(cloud.ecr().listRepositories()).isEmpty();
  }
}
