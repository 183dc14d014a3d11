package io.cruddur.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.Cruddur;
import io.cruddur.TestStacks;
import io.cruddur.apply.ApplyEvent;
import io.cruddur.apply.Outcome;
import io.cruddur.plan.Action;
import io.cruddur.port.CloudException;
import io.cruddur.port.ElbPort;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The in-memory cloud's timing, per latency profile: what AWS does late, the fake does late too, so that code that
 * assumes otherwise fails in a unit test rather than in production.
 */
class EventualConsistencyTest {
  private static final Map<String, String> TAGS = Map.of("cruddur:stack", "t");

  private final InMemoryCloud cloud = InMemoryCloud.builder().latency(Latency.realistic()).build();

  private List<String> subnets() {
    return cloud.ec2().subnets(cloud.ec2().defaultVpc().orElseThrow().id()).stream().map(s -> s.id()).limit(2)
        .toList();
  }

  private String vpc() {
    return cloud.ec2().defaultVpc().orElseThrow().id();
  }

  @Test
  void aNewSecurityGroupIsNotDescribedNorUsableForAMoment() {
    var g = cloud.ec2().createSecurityGroup("fresh", "d", vpc(), TAGS);
    assertThat(cloud.ec2().findSecurityGroup(vpc(), "fresh")).isEmpty();
    assertThatThrownBy(() -> cloud.ec2().authorizeIngress(g.id(), new io.cruddur.port.Ec2Port.Permission("tcp", 80,
        80, "0.0.0.0/0", null, null))).isInstanceOf(CloudException.NotYetConsistent.class);
    cloud.clock().advance(Latency.realistic().ec2Visibility());
    assertThat(cloud.ec2().findSecurityGroup(vpc(), "fresh")).isPresent();
  }

  @Test
  void aDrainedServicesNetworkInterfacesHoldItsSecurityGroupFromWhenItDrained() {
    Latency l = Latency.realistic();
    var g = cloud.ec2().createSecurityGroup("svc-sg", "d", vpc(), TAGS);
    cloud.clock().advance(l.ec2Visibility());
    var cluster = cloud.ecs().createCluster("c", false, null, TAGS);
    var td = cloud.ecs().registerTaskDefinition(new io.cruddur.port.EcsPort.TaskDefinitionSpec("f", "256", "512",
        null, null, List.of(new io.cruddur.port.EcsPort.ContainerDefinition("app", "nginx:1", 0, null, true,
            List.of(), Map.of(), Map.of(), null, null)), TAGS));
    cloud.ecs().createService(new io.cruddur.port.EcsPort.ServiceSpec(cluster.name(), "web", td.arn(), 1,
        subnets(), List.of(g.id()), false, List.of(), null, false, true, false, 100, 200, "NONE", TAGS), null);
    cloud.ecs().deleteService("c", "web");
    assertThatThrownBy(() -> cloud.ec2().deleteSecurityGroup(g.id())).as("draining")
        .isInstanceOfSatisfying(CloudException.InUse.class, e -> assertThat(e.mayClearItself()).isTrue());
    // Nobody looks at the service while it drains; the interfaces go networkInterfaceRelease after it drained.
    cloud.clock().advance(l.serviceDraining().plus(l.networkInterfaceRelease()).minusSeconds(1));
    assertThatThrownBy(() -> cloud.ec2().deleteSecurityGroup(g.id())).as("1 s before the interfaces go")
        .isInstanceOfSatisfying(CloudException.InUse.class, e -> assertThat(e.mayClearItself()).isTrue());
    cloud.clock().advance(Duration.ofSeconds(1));
    cloud.ec2().deleteSecurityGroup(g.id());
  }

  @Test
  void aDeletedLoadBalancersNetworkInterfacesHoldItsSecurityGroupForMinutes() {
    var g = cloud.ec2().createSecurityGroup("alb-sg", "d", vpc(), TAGS);
    var lb = cloud.elb().createLoadBalancer("alb", true, subnets(), List.of(g.id()), TAGS);
    cloud.elb().deleteLoadBalancer(lb.arn());
    assertThatThrownBy(() -> cloud.ec2().deleteSecurityGroup(g.id())).isInstanceOf(CloudException.InUse.class)
        .hasMessageContaining("DependencyViolation");
    cloud.clock().advance(Latency.realistic().networkInterfaceRelease());
    cloud.ec2().deleteSecurityGroup(g.id());
  }

  @Test
  void certificateRecordsComeSecondsAfterTheRequestAndIssuanceNeedsADelegatedZone() {
    var zone = cloud.route53().createHostedZone("d.example.com", "ref", TAGS);
    String arn = cloud.acm().requestCertificate("d.example.com", List.of("d.example.com"), null, TAGS);
    assertThat(cloud.acm().describeCertificate(arn).orElseThrow().validation()).isEmpty();
    cloud.clock().advance(Latency.realistic().certificateRecords());
    var v = cloud.acm().describeCertificate(arn).orElseThrow().validation().get(0);
    cloud.route53().changeRecords(zone.id(), List.of(io.cruddur.port.Route53Port.Change.upsert(
        new io.cruddur.port.Route53Port.RecordSet(v.name(), "CNAME", 300L, List.of(v.value()), null))));
    cloud.clock().advance(Duration.ofHours(1));
    assertThat(cloud.acm().describeCertificate(arn).orElseThrow().status()).as("the zone is not delegated")
        .isEqualTo("PENDING_VALIDATION");
    cloud.delegate("d.example.com");
    cloud.acm().describeCertificate(arn);
    cloud.clock().advance(Latency.realistic().certificateValidation());
    assertThat(cloud.acm().describeCertificate(arn).orElseThrow().status()).isEqualTo("ISSUED");
  }

  @Test
  void aCertificateStaysInUseForAWhileAfterItsListenerIsDeleted() {
    var g = cloud.ec2().createSecurityGroup("alb-sg", "d", vpc(), TAGS);
    var lb = cloud.elb().createLoadBalancer("alb", true, subnets(), List.of(g.id()), TAGS);
    var zone = cloud.route53().createHostedZone("c.example.com", "ref", TAGS);
    cloud.delegate("c.example.com");
    String arn = cloud.acm().requestCertificate("c.example.com", List.of("c.example.com"), null, TAGS);
    cloud.clock().advance(Latency.realistic().certificateRecords());
    var v = cloud.acm().describeCertificate(arn).orElseThrow().validation().get(0);
    cloud.route53().changeRecords(zone.id(), List.of(io.cruddur.port.Route53Port.Change.upsert(
        new io.cruddur.port.Route53Port.RecordSet(v.name(), "CNAME", 300L, List.of(v.value()), null))));
    cloud.clock().advance(Latency.realistic().recordPropagation());
    cloud.acm().describeCertificate(arn);
    cloud.clock().advance(Latency.realistic().certificateValidation());
    var listener = cloud.elb().createListener(lb.arn(), "HTTPS", 443, arn, "ELBSecurityPolicy-TLS13-1-2-2021-06",
        ElbPort.Action.fixed("404", "text/plain", "x"), TAGS);
    cloud.elb().deleteListener(listener.arn());
    assertThatThrownBy(() -> cloud.acm().deleteCertificate(arn)).isInstanceOf(CloudException.InUse.class);
    cloud.clock().advance(Latency.realistic().certificateRelease());
    cloud.acm().deleteCertificate(arn);
  }

  @Test
  void aNewExecutionRoleCannotBeAssumedAtOnce() {
    var role = cloud.iam().createRole("exec", "{}", TAGS);
    var iam = (MemIam) cloud.iam();
    assertThat(iam.assumable(role.arn())).isFalse();
    cloud.clock().advance(Latency.realistic().iamPropagation());
    assertThat(iam.assumable(role.arn())).isTrue();
  }

  /**
   * Under the realistic profile an apply takes what it would on AWS: its critical path, not the sum of its waits.
   * The shop: the certificate's records (5 s), their Route 53 propagation (30 s) and validation (120 s) gate the
   * HTTPS listener, its rules and the services, whose tasks start (45 s) and pass two health checks 15 s apart
   * (30 s); the load balancer's 180 s run beside them. Two waits are on that path, the certificate's and the
   * services': each may end up to its bound after its state is reached ({@link io.cruddur.resource.Backoff}, 5 s
   * for both), and the certificate's request sees its records on a retry up to a second late.
   */
  @Test
  void underTheRealisticProfileAnApplyTakesItsCriticalPath() {
    InMemoryCloud realistic = TestStacks.withSecret(TestStacks.cloudBuilder().latency(Latency.realistic()).build());
    java.util.concurrent.atomic.AtomicInteger polls = new java.util.concurrent.atomic.AtomicInteger();
    Outcome o = Cruddur.with(realistic).withListener(e -> {
      if (e instanceof ApplyEvent.Waiting || (e instanceof ApplyEvent.Finished && e.step().action() == Action.WAIT)) {
        polls.incrementAndGet();
      }
    }).apply(TestStacks.shop());
    assertThat(o.succeeded()).as(String.valueOf(o)).isTrue();
    Latency l = Latency.realistic();
    Duration path = l.certificateRecords().plus(l.recordPropagation()).plus(l.certificateValidation())
        .plus(l.taskStart())
        .plus(Duration.ofSeconds(15 * 2));
    System.out.println("realistic apply of the shop: " + o.elapsed().toSeconds() + " s, critical path "
        + path.toSeconds() + " s, " + polls + " polls");
    // The steps enter the clock, so it never runs ahead of one that computes, and each wait's jitter is seeded by
    // its step: the figure is the same every run.
    assertThat(o.elapsed()).as("critical path %s", path).isBetween(path, path.plus(Duration.ofSeconds(11)));
    // With fixed intervals (10 s for the certificate and the load balancer, 5 s for the services) the waits polled
    // 67 times and saw a state up to 10 s late; backing off from 1 s by 1.5 to caps of 5 and 10 s takes up to 110
    // polls, a few more with the certificate's and its record's faster start (250 ms growing 1.2 times).
    assertThat(polls.get()).isLessThanOrEqualTo(130);
  }
}
