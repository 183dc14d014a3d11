package io.cruddur.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.port.CloudException;
import io.cruddur.port.Ec2Port;
import io.cruddur.port.ElbPort;
import io.cruddur.port.ElbPort.Action;
import io.cruddur.port.ElbPort.HealthCheck;
import io.cruddur.port.ElbPort.Listener;
import io.cruddur.port.ElbPort.LoadBalancer;
import io.cruddur.port.ElbPort.Rule;
import io.cruddur.port.ElbPort.TargetGroup;
import io.cruddur.port.Route53Port;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Elastic Load Balancing v2 as AWS behaves: idempotent creates with the same settings and conflicts otherwise, two
 * subnets in two zones, target group names, one load balancer per target group, HTTPS only with an issued
 * certificate, rule priorities and condition limits, and what a delete takes with it.
 */
class MemElbTest {
  private static final Map<String, String> TAGS = Map.of("cruddur:stack", "t");
  private static final HealthCheck HEALTH = new HealthCheck("/health", 15, 5, 3, 2, "200");

  private final InMemoryCloud cloud = InMemoryCloud.create();
  private final ElbPort elb = cloud.elb();
  private final String vpc = cloud.ec2().defaultVpc().orElseThrow().id();
  private final List<String> subnets = cloud.ec2().subnets(vpc).stream().map(Ec2Port.Subnet::id).sorted().toList();
  private final String sg = cloud.ec2().createSecurityGroup("alb", "alb", vpc, TAGS).id();

  private LoadBalancer alb(String name) {
    return elb.createLoadBalancer(name, true, subnets.subList(0, 2), List.of(sg), TAGS);
  }

  private TargetGroup tg(String name) {
    return elb.createTargetGroup(name, "HTTP", 8080, vpc, "ip", HEALTH, 30, TAGS);
  }

  private Listener http(LoadBalancer lb, Action action) {
    return elb.createListener(lb.arn(), "HTTP", 80, null, null, action, TAGS);
  }

  private static Action notFound() {
    return Action.fixed("404", "text/plain", "none");
  }

  /** An issued certificate for {@code domain}: its zone delegated and its validation record in place. */
  private String issuedCertificate(String domain) {
    var zone = cloud.route53().createHostedZone(domain, "ref-" + domain, TAGS);
    cloud.delegate(domain);
    String arn = cloud.acm().requestCertificate(domain, List.of(), null, TAGS);
    cloud.clock().advance(Latency.compact().certificateRecords());
    var v = cloud.acm().describeCertificate(arn).orElseThrow().validation().get(0);
    cloud.route53().changeRecords(zone.id(), List.of(Route53Port.Change.upsert(new Route53Port.RecordSet(v.name(),
        "CNAME", 300L, List.of(v.value()), null))));
    // The CNAME is INSYNC after recordPropagation; ACM issues certificateValidation later.
    cloud.clock().advance(Latency.compact().recordPropagation().plus(Latency.compact().certificateValidation()));
    assertThat(cloud.acm().describeCertificate(arn).orElseThrow().status()).isEqualTo("ISSUED");
    return arn;
  }

  // ---- load balancers

  @Test
  void aLoadBalancerIsProvisioningForAMinuteThenActive() {
    LoadBalancer lb = alb("web");
    assertThat(lb.arn()).matches("arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/[0-9a-f]{16}");
    assertThat(lb.dnsName()).matches("web-\\d+\\.us-east-1\\.elb\\.amazonaws\\.com");
    assertThat(lb.canonicalHostedZoneId()).isEqualTo("Z35SXDOTRQ7X7K");
    assertThat(lb.scheme()).isEqualTo("internet-facing");
    assertThat(lb.state()).isEqualTo("provisioning");
    assertThat(lb.subnets()).isEqualTo(subnets.subList(0, 2));
    assertThat(lb.securityGroups()).containsExactly(sg);
    assertThat(lb.tags()).isEqualTo(TAGS);
    cloud.clock().advance(Duration.ofMillis(59_999));
    assertThat(elb.findLoadBalancer("web").orElseThrow().state()).isEqualTo("provisioning");
    cloud.clock().advance(Duration.ofMillis(1));
    assertThat(elb.findLoadBalancer("web").orElseThrow().state()).isEqualTo("active");
    assertThat(elb.listLoadBalancers()).extracting(LoadBalancer::state).containsExactly("active");
    assertThat(elb.findLoadBalancer("other")).isEmpty();
  }

  @Test
  void anInternalLoadBalancerHasAnInternalName() {
    LoadBalancer lb = elb.createLoadBalancer("api", false, subnets.subList(0, 2), List.of(sg), TAGS);
    assertThat(lb.scheme()).isEqualTo("internal");
    assertThat(lb.dnsName()).startsWith("internal-api-").endsWith(".us-east-1.elb.amazonaws.com");
  }

  @Test
  void theCanonicalZoneIsTheRegionsPublishedOne() {
    InMemoryCloud ireland = InMemoryCloud.builder().region("eu-west-1").build();
    String v = ireland.ec2().defaultVpc().orElseThrow().id();
    List<String> s = ireland.ec2().subnets(v).stream().map(Ec2Port.Subnet::id).limit(2).toList();
    String g = ireland.ec2().createSecurityGroup("g", "g", v, TAGS).id();
    LoadBalancer lb = ireland.elb().createLoadBalancer("web", true, s, List.of(g), TAGS);
    assertThat(lb.canonicalHostedZoneId()).isEqualTo("Z32O12XQLNTSW2");
    assertThat(lb.dnsName()).endsWith(".eu-west-1.elb.amazonaws.com");

    InMemoryCloud mumbai = InMemoryCloud.builder().region("ap-south-1").build();
    String mv = mumbai.ec2().defaultVpc().orElseThrow().id();
    List<String> ms = mumbai.ec2().subnets(mv).stream().map(Ec2Port.Subnet::id).limit(2).toList();
    String mg = mumbai.ec2().createSecurityGroup("g", "g", mv, TAGS).id();
    assertThat(mumbai.elb().createLoadBalancer("web", true, ms, List.of(mg), TAGS).canonicalHostedZoneId())
        .isEqualTo("Z" + InMemoryCloud.digest("ap-south-1", 12).toUpperCase());
  }

  @Test
  void theSameLoadBalancerRequestReturnsTheExistingOneAndAnotherConflicts() {
    LoadBalancer lb = alb("web");
    assertThat(elb.createLoadBalancer("web", true, List.of(subnets.get(1), subnets.get(0)), List.of(sg), Map.of()))
        .as("the same sets in another order").isEqualTo(lb);
    assertThatThrownBy(() -> elb.createLoadBalancer("web", false, subnets.subList(0, 2), List.of(sg), TAGS))
        .isInstanceOf(CloudException.Conflict.class).hasMessageContaining("DuplicateLoadBalancerName");
    assertThatThrownBy(() -> elb.createLoadBalancer("web", true, subnets.subList(1, 3), List.of(sg), TAGS))
        .isInstanceOf(CloudException.Conflict.class);
    assertThatThrownBy(() -> elb.createLoadBalancer("web", true, subnets.subList(0, 2), List.of(), TAGS))
        .isInstanceOf(CloudException.Conflict.class);
    assertThat(elb.listLoadBalancers()).hasSize(1);
  }

  @Test
  void aLoadBalancerNeedsTwoExistingSubnetsInTwoZonesAndExistingGroups() {
    assertThatThrownBy(() -> elb.createLoadBalancer("a", true, List.of(subnets.get(0)), List.of(sg), TAGS))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("two different Availability Zones");
    assertThatThrownBy(() -> elb.createLoadBalancer("a", true, List.of(subnets.get(0), subnets.get(0)), List.of(sg),
        TAGS)).isInstanceOf(CloudException.Invalid.class);
    assertThatThrownBy(() -> elb.createLoadBalancer("a", true, List.of(subnets.get(0), "subnet-nope"), List.of(sg),
        TAGS)).isInstanceOf(CloudException.NotFound.class).hasMessageContaining("SubnetNotFound: subnet-nope");
    assertThatThrownBy(() -> elb.createLoadBalancer("a", true, subnets.subList(0, 2), List.of("sg-nope"), TAGS))
        .isInstanceOf(CloudException.NotFound.class);
    assertThat(elb.listLoadBalancers()).isEmpty();
    assertThat(elb.createLoadBalancer("a", true, subnets, List.of(sg), TAGS).subnets()).hasSize(3);
  }

  @Test
  void aLoadBalancersGroupsAndSubnetsCanBeChangedWithTheSameChecks() {
    LoadBalancer lb = alb("web");
    String other = cloud.ec2().createSecurityGroup("other", "o", vpc, TAGS).id();
    elb.setSecurityGroups(lb.arn(), List.of(other, sg));
    assertThat(elb.findLoadBalancer("web").orElseThrow().securityGroups()).containsExactly(other, sg);
    assertThatThrownBy(() -> elb.setSecurityGroups(lb.arn(), List.of("sg-nope"))).isInstanceOf(
        CloudException.NotFound.class);
    elb.setSubnets(lb.arn(), subnets);
    LoadBalancer changed = elb.findLoadBalancer("web").orElseThrow();
    assertThat(changed.subnets()).isEqualTo(subnets);
    assertThat(changed.dnsName()).isEqualTo(lb.dnsName());
    assertThat(changed.state()).isEqualTo("provisioning");
    assertThatThrownBy(() -> elb.setSubnets(lb.arn(), List.of(subnets.get(0)))).isInstanceOf(
        CloudException.Invalid.class);
    assertThatThrownBy(() -> elb.setSubnets(lb.arn() + "x", subnets)).isInstanceOf(CloudException.NotFound.class)
        .hasMessageContaining("LoadBalancerNotFound");
    assertThatThrownBy(() -> elb.setSecurityGroups(lb.arn() + "x", List.of(sg)))
        .isInstanceOf(CloudException.NotFound.class);
    cloud.clock().advance(Duration.ofMinutes(1));
    assertThat(elb.findLoadBalancer("web").orElseThrow().state()).as("changes keep its creation time")
        .isEqualTo("active");
  }

  @Test
  void deletingALoadBalancerTakesItsListenersAndRulesAndHoldsItsGroupsAndCertificates() {
    LoadBalancer lb = alb("web");
    TargetGroup tg = tg("api");
    String cert = issuedCertificate("example.com");
    Listener https = elb.createListener(lb.arn(), "HTTPS", 443, cert, "ELBSecurityPolicy-TLS13-1-2-2021-06",
        notFound(), TAGS);
    elb.createRule(https.arn(), 10, List.of("api.example.com"), List.of(), Action.forward(tg.arn()), TAGS);
    elb.deleteLoadBalancer(lb.arn());
    assertThat(elb.findLoadBalancer("web")).isEmpty();
    assertThat(elb.listeners(lb.arn())).isEmpty();
    assertThat(elb.rules(https.arn())).isEmpty();
    assertThat(elb.findTargetGroup("api").orElseThrow().loadBalancerArns()).isEmpty();
    elb.deleteTargetGroup(tg.arn());
    assertThatThrownBy(() -> cloud.ec2().deleteSecurityGroup(sg)).isInstanceOf(CloudException.InUse.class);
    assertThatThrownBy(() -> cloud.acm().deleteCertificate(cert)).isInstanceOf(CloudException.InUse.class);
    cloud.clock().advance(Latency.compact().certificateRelease());
    cloud.acm().deleteCertificate(cert);
    cloud.clock().advance(Latency.compact().networkInterfaceRelease());
    cloud.ec2().deleteSecurityGroup(sg);
    elb.deleteLoadBalancer(lb.arn());
  }

  // ---- target groups

  @Test
  void targetGroupNamesAreOneTo32LettersDigitsOrHyphensNotAtEitherEnd() {
    for (String ok : new String[] {"a", "a-b", "A1", "a".repeat(32), "x-y-z9"}) {
      assertThat(tg(ok).name()).isEqualTo(ok);
    }
    for (String bad : new String[] {"", "-a", "a-", "a_b", "a.b", "a".repeat(33), "-"}) {
      assertThatThrownBy(() -> tg(bad)).as("'%s'", bad).isInstanceOf(CloudException.Invalid.class)
          .hasMessageContaining("ValidationError");
    }
  }

  @Test
  void theSameTargetGroupRequestReturnsTheExistingOneAndAnotherConflicts() {
    TargetGroup t = tg("api");
    assertThat(t.arn()).matches("arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/api/[0-9a-f]{16}");
    assertThat(t.loadBalancerArns()).isEmpty();
    assertThat(elb.createTargetGroup("api", "HTTP", 8080, vpc, "ip", HEALTH, 300, Map.of()))
        .as("the deregistration delay is no identity").isEqualTo(t);
    HealthCheck other = new HealthCheck("/other", 15, 5, 3, 2, "200");
    for (Runnable conflicting : List.<Runnable>of(
        () -> elb.createTargetGroup("api", "HTTPS", 8080, vpc, "ip", HEALTH, 30, TAGS),
        () -> elb.createTargetGroup("api", "HTTP", 8081, vpc, "ip", HEALTH, 30, TAGS),
        () -> elb.createTargetGroup("api", "HTTP", 8080, "vpc-other", "ip", HEALTH, 30, TAGS),
        () -> elb.createTargetGroup("api", "HTTP", 8080, vpc, "instance", HEALTH, 30, TAGS),
        () -> elb.createTargetGroup("api", "HTTP", 8080, vpc, "ip", other, 30, TAGS))) {
      assertThatThrownBy(conflicting::run).isInstanceOf(CloudException.Conflict.class)
          .hasMessageContaining("DuplicateTargetGroupName");
    }
    assertThat(elb.listTargetGroups()).containsExactly(t);
  }

  @Test
  void aTargetGroupCanBeModifiedAndDeletedOnceNothingForwardsToIt() {
    TargetGroup t = tg("api");
    HealthCheck slow = new HealthCheck("/ready", 30, 10, 5, 3, "200-299");
    elb.modifyTargetGroup(t.arn(), slow, 5);
    TargetGroup modified = elb.findTargetGroup("api").orElseThrow();
    assertThat(modified.healthCheck()).isEqualTo(slow);
    assertThat(modified.deregistrationDelaySeconds()).isEqualTo(5);
    assertThat(modified.arn()).isEqualTo(t.arn());
    assertThat(modified.tags()).isEqualTo(TAGS);
    assertThatThrownBy(() -> elb.modifyTargetGroup(t.arn() + "x", slow, 5)).isInstanceOf(
        CloudException.NotFound.class).hasMessageContaining("TargetGroupNotFound");

    LoadBalancer lb = alb("web");
    Listener l = http(lb, Action.forward(t.arn()));
    assertThat(elb.findTargetGroup("api").orElseThrow().loadBalancerArns()).containsExactly(lb.arn());
    assertThatThrownBy(() -> elb.deleteTargetGroup(t.arn())).isInstanceOf(CloudException.InUse.class)
        .hasMessageContaining("ResourceInUse");
    elb.modifyListener(l.arn(), "HTTP", 80, null, null, notFound());
    elb.deleteTargetGroup(t.arn());
    assertThat(elb.findTargetGroup("api")).isEmpty();
    assertThatThrownBy(() -> elb.deleteTargetGroup(t.arn())).isInstanceOf(CloudException.NotFound.class);
  }

  @Test
  void aTargetGroupIsInUseThroughARuleAndServesOneLoadBalancerOnly() {
    TargetGroup t = tg("api");
    LoadBalancer web = alb("web");
    LoadBalancer other = alb("other");
    Listener l = http(web, notFound());
    Rule r = elb.createRule(l.arn(), 5, List.of("api.example.com"), List.of(), Action.forward(t.arn()), TAGS);
    assertThat(elb.findTargetGroup("api").orElseThrow().loadBalancerArns()).containsExactly(web.arn());
    assertThat(elb.listTargetGroups()).singleElement().satisfies(x -> assertThat(x.loadBalancerArns())
        .containsExactly(web.arn()));
    assertThatThrownBy(() -> elb.deleteTargetGroup(t.arn())).isInstanceOf(CloudException.InUse.class);
    assertThatThrownBy(() -> http(other, Action.forward(t.arn()))).isInstanceOf(CloudException.Invalid.class)
        .hasMessageContaining("TargetGroupAssociationLimit");
    Listener otherListener = http(other, notFound());
    assertThatThrownBy(() -> elb.createRule(otherListener.arn(), 5, List.of("x.example.com"), List.of(),
        Action.forward(t.arn()), TAGS)).isInstanceOf(CloudException.Invalid.class);
    assertThat(elb.createRule(l.arn(), 6, List.of(), List.of("/api/*"), Action.forward(t.arn()), TAGS).priority())
        .as("the same load balancer may forward to it twice").isEqualTo(6);
    elb.deleteRule(r.arn());
    assertThatThrownBy(() -> elb.createListener(web.arn(), "HTTP", 81, null, null, Action.forward("arn:none"),
        TAGS)).isInstanceOf(CloudException.NotFound.class);
  }

  // ---- listeners

  @Test
  void listenersGetArnsUnderTheirLoadBalancerAndHttpKeepsNoSslPolicy() {
    LoadBalancer lb = alb("web");
    Listener l = elb.createListener(lb.arn(), "HTTP", 80, null, "ELBSecurityPolicy-2016-08",
        Action.redirectToHttps(), TAGS);
    assertThat(l.arn()).startsWith(lb.arn().replace(":loadbalancer/", ":listener/") + "/").matches(".*/[0-9a-f]{16}");
    assertThat(l.sslPolicy()).isNull();
    assertThat(l.loadBalancerArn()).isEqualTo(lb.arn());
    assertThat(elb.createListener(lb.arn(), "HTTP", 80, null, "ELBSecurityPolicy-2016-08", Action.redirectToHttps(),
        Map.of())).as("the same request").isEqualTo(l);
    assertThatThrownBy(() -> elb.createListener(lb.arn(), "HTTP", 80, null, null, notFound(), TAGS))
        .isInstanceOf(CloudException.Conflict.class).hasMessageContaining("DuplicateListener: port 80 on web");
    assertThat(elb.listeners(lb.arn())).containsExactly(l);
    assertThat(elb.listeners(alb("other").arn())).isEmpty();
    assertThatThrownBy(() -> elb.createListener(lb.arn() + "x", "HTTP", 80, null, null, notFound(), TAGS))
        .isInstanceOf(CloudException.NotFound.class);
  }

  @Test
  void anHttpsListenerNeedsAnIssuedCertificateAndKeepsItsSslPolicy() {
    LoadBalancer lb = alb("web");
    assertThatThrownBy(() -> elb.createListener(lb.arn(), "HTTPS", 443, null, "p", notFound(), TAGS))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("CertificateNotFound");
    String pending = cloud.acm().requestCertificate("pending.example.com", List.of(), null, TAGS);
    assertThatThrownBy(() -> elb.createListener(lb.arn(), "HTTPS", 443, pending, "p", notFound(), TAGS))
        .isInstanceOf(CloudException.Invalid.class)
        .hasMessageContaining("UnsupportedCertificate: certificate " + pending + " is PENDING_VALIDATION");
    assertThatThrownBy(() -> elb.createListener(lb.arn(), "HTTPS", 443, pending + "x", "p", notFound(), TAGS))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("is NOT_FOUND");
    String cert = issuedCertificate("example.com");
    Listener l = elb.createListener(lb.arn(), "HTTPS", 443, cert, "ELBSecurityPolicy-TLS13-1-2-2021-06", notFound(),
        TAGS);
    assertThat(l.sslPolicy()).isEqualTo("ELBSecurityPolicy-TLS13-1-2-2021-06");
    assertThat(l.certificateArn()).isEqualTo(cert);
    assertThat(elb.createListener(lb.arn(), "HTTPS", 443, cert, "ELBSecurityPolicy-TLS13-1-2-2021-06", notFound(),
        TAGS)).isEqualTo(l);
    assertThatThrownBy(() -> elb.createListener(lb.arn(), "HTTPS", 443, cert, "ELBSecurityPolicy-2016-08",
        notFound(), TAGS)).as("another policy").isInstanceOf(CloudException.Conflict.class);
    assertThatThrownBy(() -> elb.createListener(lb.arn(), "HTTPS", 443, null, "ELBSecurityPolicy-TLS13-1-2-2021-06",
        notFound(), TAGS)).as("another certificate").isInstanceOf(CloudException.Conflict.class);
    assertThatThrownBy(() -> elb.createListener(lb.arn(), "HTTP", 443, null, null, notFound(), TAGS))
        .as("another protocol").isInstanceOf(CloudException.Conflict.class);
    assertThatThrownBy(() -> elb.createListener(lb.arn(), "HTTPS", 443, cert, "ELBSecurityPolicy-TLS13-1-2-2021-06",
        Action.redirectToHttps(), TAGS)).as("another action").isInstanceOf(CloudException.Conflict.class);
    assertThat(cloud.acm().describeCertificate(cert).orElseThrow().inUseBy()).containsExactly(lb.arn());
  }

  @Test
  void aListenerCanBeModifiedWithTheSameChecksAndDeletedWithItsRules() {
    LoadBalancer lb = alb("web");
    Listener l = http(lb, notFound());
    String cert = issuedCertificate("example.com");
    elb.modifyListener(l.arn(), "HTTPS", 443, cert, "ELBSecurityPolicy-TLS13-1-2-2021-06", Action.redirectToHttps());
    assertThat(elb.listeners(lb.arn())).containsExactly(new Listener(l.arn(), lb.arn(), "HTTPS", 443, cert,
        "ELBSecurityPolicy-TLS13-1-2-2021-06", Action.redirectToHttps()));
    elb.modifyListener(l.arn(), "HTTPS", 443, cert, "ELBSecurityPolicy-TLS13-1-2-2021-06", notFound());
    assertThat(cloud.state.heldCertificates).as("the same certificate is not let go of").isEmpty();
    elb.modifyListener(l.arn(), "HTTP", 80, null, "ELBSecurityPolicy-TLS13-1-2-2021-06", notFound());
    assertThat(elb.listeners(lb.arn()).get(0).sslPolicy()).isNull();
    assertThat(cloud.state.heldCertificates).as("ACM counts the old certificate in use a while yet")
        .containsExactly(java.util.Map.entry(cert, cloud.now() + 10_000));
    assertThatThrownBy(() -> elb.modifyListener(l.arn(), "HTTPS", 443, null, "p", notFound()))
        .isInstanceOf(CloudException.Invalid.class);
    assertThatThrownBy(() -> elb.modifyListener(l.arn() + "x", "HTTP", 80, null, null, notFound()))
        .isInstanceOf(CloudException.NotFound.class).hasMessageContaining("ListenerNotFound");
    elb.createRule(l.arn(), 1, List.of("a.example.com"), List.of(), notFound(), TAGS);
    elb.deleteListener(l.arn());
    assertThat(elb.listeners(lb.arn())).isEmpty();
    assertThat(elb.rules(l.arn())).isEmpty();
    assertThatThrownBy(() -> elb.deleteListener(l.arn())).isInstanceOf(CloudException.NotFound.class);
  }

  @Test
  void aCertificateIsHeldForAWhileAfterItsListenerIsDeleted() {
    LoadBalancer lb = alb("web");
    String cert = issuedCertificate("example.com");
    Listener l = elb.createListener(lb.arn(), "HTTPS", 443, cert, "p", notFound(), TAGS);
    elb.deleteListener(l.arn());
    assertThat(cloud.state.heldCertificates).containsEntry(cert, cloud.now() + 10_000);
    cloud.clock().advance(Duration.ofMillis(9_999));
    assertThatThrownBy(() -> cloud.acm().deleteCertificate(cert)).isInstanceOf(CloudException.InUse.class);
    cloud.clock().advance(Duration.ofMillis(1));
    cloud.acm().deleteCertificate(cert);
    Listener plain = http(lb, notFound());
    elb.deleteListener(plain.arn());
    assertThat(cloud.state.heldCertificates).isEmpty();
  }

  // ---- rules

  @Test
  void rulePrioritiesAreOneTo50000AndUniquePerListener() {
    LoadBalancer lb = alb("web");
    Listener l = http(lb, notFound());
    Listener other = elb.createListener(lb.arn(), "HTTP", 8080, null, null, notFound(), TAGS);
    for (int bad : new int[] {0, -1, 50_001}) {
      assertThatThrownBy(() -> elb.createRule(l.arn(), bad, List.of("a.example.com"), List.of(), notFound(), TAGS))
          .as("priority %d", bad).isInstanceOf(CloudException.Invalid.class).hasMessageContaining("1-50000");
    }
    Rule first = elb.createRule(l.arn(), 1, List.of("a.example.com"), List.of(), notFound(), TAGS);
    Rule last = elb.createRule(l.arn(), 50_000, List.of("b.example.com"), List.of(), notFound(), TAGS);
    assertThat(first.arn()).startsWith(l.arn().replace(":listener/", ":listener-rule/") + "/");
    assertThat(elb.createRule(other.arn(), 1, List.of("a.example.com"), List.of(), notFound(), TAGS).priority())
        .as("another listener").isEqualTo(1);
    assertThatThrownBy(() -> elb.createRule(l.arn(), 1, List.of("c.example.com"), List.of(), notFound(), TAGS))
        .isInstanceOf(CloudException.Conflict.class).hasMessageContaining("PriorityInUse: priority '1'");
    elb.setRulePriority(first.arn(), 1);
    assertThatThrownBy(() -> elb.setRulePriority(first.arn(), 50_000)).isInstanceOf(CloudException.Conflict.class);
    assertThatThrownBy(() -> elb.setRulePriority(first.arn(), 50_001)).isInstanceOf(CloudException.Invalid.class);
    elb.setRulePriority(first.arn(), 7);
    assertThat(elb.rules(l.arn())).extracting(Rule::priority).containsExactlyInAnyOrder(7, 50_000);
    elb.deleteRule(last.arn());
    assertThat(elb.rules(l.arn())).extracting(Rule::arn).containsExactly(first.arn());
    assertThatThrownBy(() -> elb.deleteRule(last.arn())).isInstanceOf(CloudException.NotFound.class)
        .hasMessageContaining("RuleNotFound");
    assertThatThrownBy(() -> elb.setRulePriority(last.arn(), 3)).isInstanceOf(CloudException.NotFound.class);
    assertThatThrownBy(() -> elb.createRule(l.arn() + "x", 3, List.of("a"), List.of(), notFound(), TAGS))
        .isInstanceOf(CloudException.NotFound.class);
  }

  @Test
  void aRuleHasOneToThreeValuesPerConditionAndAtMostFive() {
    LoadBalancer lb = alb("web");
    Listener l = http(lb, notFound());
    List<String> three = List.of("a.example.com", "b.example.com", "c.example.com");
    List<String> four = List.of("a.example.com", "b.example.com", "c.example.com", "d.example.com");
    assertThatThrownBy(() -> elb.createRule(l.arn(), 1, List.of(), List.of(), notFound(), TAGS))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("at least one condition value");
    assertThatThrownBy(() -> elb.createRule(l.arn(), 1, four, List.of(), notFound(), TAGS))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("at most 3 values");
    assertThatThrownBy(() -> elb.createRule(l.arn(), 1, List.of(), List.of("/a", "/b", "/c", "/d"), notFound(),
        TAGS)).isInstanceOf(CloudException.Invalid.class).hasMessageContaining("at most 3 values");
    assertThatThrownBy(() -> elb.createRule(l.arn(), 1, three, List.of("/a", "/b", "/c"), notFound(), TAGS))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("ValidationError: A rule can only have '5' condition values");
    Rule r = elb.createRule(l.arn(), 1, three, List.of("/a", "/b"), notFound(), TAGS);
    assertThat(r.hosts()).isEqualTo(three);
    assertThat(r.paths()).containsExactly("/a", "/b");
    assertThat(elb.createRule(l.arn(), 2, List.of(), List.of("/x"), notFound(), TAGS).paths()).containsExactly("/x");
    assertThat(elb.createRule(l.arn(), 3, List.of("x.example.com"), List.of("/a", "/b", "/c"), notFound(), TAGS)
        .paths()).hasSize(3);
  }

  @Test
  void aRuleIsModifiedInPlaceWithTheSameChecks() {
    LoadBalancer lb = alb("web");
    Listener l = http(lb, notFound());
    TargetGroup t = tg("api");
    Rule r = elb.createRule(l.arn(), 3, List.of("a.example.com"), List.of(), notFound(), TAGS);
    elb.modifyRule(r.arn(), List.of(), List.of("/api/*"), Action.forward(t.arn()));
    assertThat(elb.rules(l.arn())).containsExactly(new Rule(r.arn(), l.arn(), 3, List.of(), List.of("/api/*"),
        Action.forward(t.arn()), TAGS));
    assertThatThrownBy(() -> elb.modifyRule(r.arn(), List.of(), List.of(), notFound()))
        .isInstanceOf(CloudException.Invalid.class);
    assertThatThrownBy(() -> elb.modifyRule(r.arn() + "x", List.of("a"), List.of(), notFound()))
        .isInstanceOf(CloudException.NotFound.class);
    Listener otherListener = http(alb("other"), Action.forward(tg("web").arn()));
    assertThatThrownBy(() -> elb.modifyRule(r.arn(), List.of("a"), List.of(), Action.forward(
        otherListener.defaultAction().targetGroupArn()))).isInstanceOf(CloudException.Invalid.class)
        .hasMessageContaining("TargetGroupAssociationLimit");
  }

  @Test
  void aLoadBalancersDnsNameIsItsNameAndANumberFromItsId() {
    LoadBalancer lb = alb("web");
    String hex = InMemoryCloud.digest("alb#web#1", 16);
    assertThat(lb.arn()).endsWith("/" + hex);
    assertThat(lb.dnsName()).isEqualTo("web-" + Long.parseLong(hex.substring(0, 8), 16)
        + ".us-east-1.elb.amazonaws.com");
  }

  @Test
  void deletesTakeOnlyWhatBelongsToTheDeletedLoadBalancerOrListener() {
    LoadBalancer web = alb("web");
    LoadBalancer api = alb("api");
    Listener webHttp = http(web, notFound());
    Listener webAlt = elb.createListener(web.arn(), "HTTP", 8080, null, null, notFound(), TAGS);
    Listener apiHttp = http(api, notFound());
    Rule webRule = elb.createRule(webHttp.arn(), 1, List.of("a.example.com"), List.of(), notFound(), TAGS);
    Rule altRule = elb.createRule(webAlt.arn(), 1, List.of("b.example.com"), List.of(), notFound(), TAGS);
    Rule apiRule = elb.createRule(apiHttp.arn(), 1, List.of("c.example.com"), List.of(), notFound(), TAGS);
    elb.deleteListener(webHttp.arn());
    assertThat(elb.rules(webHttp.arn())).isEmpty();
    assertThat(elb.rules(webAlt.arn())).containsExactly(altRule);
    assertThat(elb.listeners(web.arn())).containsExactly(webAlt);
    elb.deleteLoadBalancer(web.arn());
    assertThat(elb.listeners(api.arn())).containsExactly(apiHttp);
    assertThat(elb.rules(apiHttp.arn())).containsExactly(apiRule);
    assertThat(elb.listLoadBalancers()).extracting(LoadBalancer::name).containsExactly("api");
    assertThat(webRule.arn()).isNotEqualTo(apiRule.arn());
  }

  @Test
  void aListenerCannotBeModifiedToForwardToAnotherLoadBalancersTargetGroup() {
    TargetGroup t = tg("api");
    http(alb("other"), Action.forward(t.arn()));
    Listener l = http(alb("web"), notFound());
    assertThatThrownBy(() -> elb.modifyListener(l.arn(), "HTTP", 80, null, null, Action.forward(t.arn())))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("TargetGroupAssociationLimit");
    assertThat(elb.listeners(l.loadBalancerArn()).get(0).defaultAction()).isEqualTo(notFound());
  }
}
