package io.cruddur.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.port.AcmPort;
import io.cruddur.port.CloudException;
import io.cruddur.port.Ec2Port;
import io.cruddur.port.ElbPort;
import io.cruddur.port.Route53Port;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Load balancers, target groups, listeners and rules; Route 53; ACM. */
public interface EdgeContract extends CloudContract {
  ElbPort.HealthCheck HEALTH = new ElbPort.HealthCheck("/api/health-check", 15, 5, 3, 3, "200-399");

  default ElbPort.LoadBalancer loadBalancer(String name) {
    requireService("elbv2");
    String vpc = cloud().ec2().defaultVpc().orElseThrow().id();
    List<String> subnets = cloud().ec2().subnets(vpc).stream().filter(Ec2Port.Subnet::defaultForAz)
        .map(Ec2Port.Subnet::id).limit(2).toList();
    var sg = cloud().ec2().createSecurityGroup(unique("lb-sg"), "lb", vpc, tags());
    return cloud().elb().createLoadBalancer(name, true, subnets, List.of(sg.id()), tags());
  }

  default ElbPort.TargetGroup targetGroup(String name) {
    requireService("elbv2");
    String vpc = cloud().ec2().defaultVpc().orElseThrow().id();
    return cloud().elb().createTargetGroup(name, "HTTP", 4567, vpc, "ip", HEALTH, 60, tags());
  }

  @Test
  default void loadBalancerBecomesActiveAndReportsItsCanonicalZone() {
    var lb = loadBalancer(unique("alb"));
    assertThat(lb.arn()).contains(":loadbalancer/app/" + lb.name() + "/");
    assertThat(lb.dnsName()).endsWith(".elb.amazonaws.com");
    assertThat(lb.canonicalHostedZoneId()).startsWith("Z");
    assertThat(eventually(Duration.ofMinutes(5),
        () -> cloud().elb().findLoadBalancer(lb.name()).orElseThrow().state().equals("active"))).isTrue();
  }

  @Test
  default void loadBalancerNamesAreUnique() {
    requireNo(Gap.DUPLICATE_NAMES_ALLOWED);
    var lb = loadBalancer(unique("alb"));
    assertThatThrownBy(() -> loadBalancer(lb.name())).isInstanceOf(CloudException.Conflict.class);
  }

  @Test
  default void targetGroupInUseCannotBeDeletedAndRulePrioritiesAreUnique() {
    var lb = loadBalancer(unique("alb"));
    var tg = targetGroup(unique("tg"));
    assertThat(tg.healthCheck().path()).isEqualTo("/api/health-check");
    var listener = cloud().elb().createListener(lb.arn(), "HTTP", 80, null, null,
        ElbPort.Action.fixed("404", "text/plain", "Not found"), tags());
    var rule = cloud().elb().createRule(listener.arn(), 10, List.of("api.example.com"), List.of(),
        ElbPort.Action.forward(tg.arn()), tags());
    assertThat(cloud().elb().rules(listener.arn())).extracting(ElbPort.Rule::priority).contains(10);
    assertThatThrownBy(() -> cloud().elb().createRule(listener.arn(), 10, List.of("www.example.com"), List.of(),
        ElbPort.Action.forward(tg.arn()), tags())).isInstanceOf(CloudException.Conflict.class)
        .hasMessageContaining("PriorityInUse");
    assertThat(cloud().elb().findTargetGroup(tg.name()).orElseThrow().loadBalancerArns()).containsExactly(lb.arn());
    assertThatThrownBy(() -> cloud().elb().deleteTargetGroup(tg.arn())).isInstanceOf(CloudException.InUse.class);
    cloud().elb().deleteRule(rule.arn());
    cloud().elb().deleteListener(listener.arn());
    cloud().elb().deleteTargetGroup(tg.arn());
    cloud().elb().deleteLoadBalancer(lb.arn());
    assertThat(cloud().elb().findLoadBalancer(lb.name())).isEmpty();
  }

  /** A plan reads ELB through the inventory: it says what the separate reads say. */
  @Test
  default void theInventorySaysWhatTheSeparateReadsSay() {
    var lb = loadBalancer(unique("alb"));
    var other = loadBalancer(unique("alb"));
    var tg = targetGroup(unique("tg"));
    var listener = cloud().elb().createListener(lb.arn(), "HTTP", 80, null, null,
        ElbPort.Action.fixed("404", "text/plain", "Not found"), tags());
    cloud().elb().createRule(listener.arn(), 10, List.of("api.example.com"), List.of(),
        ElbPort.Action.forward(tg.arn()), tags());
    for (var b : List.of(lb, other)) { // so that their state does not change between the reads compared
      assertThat(eventually(Duration.ofMinutes(5),
          () -> cloud().elb().findLoadBalancer(b.name()).orElseThrow().state().equals("active"))).isTrue();
    }
    ElbPort.Inventory inventory = cloud().elb().inventory(List.of(lb.name()));
    assertThat(inventory.loadBalancers()).contains(cloud().elb().findLoadBalancer(lb.name()).orElseThrow(),
        cloud().elb().findLoadBalancer(other.name()).orElseThrow());
    assertThat(inventory.targetGroups()).contains(cloud().elb().findTargetGroup(tg.name()).orElseThrow());
    assertThat(inventory.listeners()).containsOnlyKeys(lb.arn())
        .containsEntry(lb.arn(), cloud().elb().listeners(lb.arn()));
    assertThat(inventory.rules()).containsOnlyKeys(listener.arn())
        .containsEntry(listener.arn(), cloud().elb().rules(listener.arn()));
    assertThat(inventory.rules().get(listener.arn())).singleElement().satisfies(r -> assertThat(r.tags())
        .isEqualTo(tags()));
  }

  @Test
  default void redirectListenerKeepsItsAction() {
    var lb = loadBalancer(unique("alb"));
    var l = cloud().elb().createListener(lb.arn(), "HTTP", 80, null, null, ElbPort.Action.redirectToHttps(), tags());
    var read = cloud().elb().listeners(lb.arn()).get(0);
    assertThat(read.arn()).isEqualTo(l.arn());
    assertThat(read.defaultAction().type()).isEqualTo("redirect");
    assertThat(read.defaultAction().redirectProtocol()).isEqualTo("HTTPS");
    assertThat(read.defaultAction().statusCode()).isEqualTo("HTTP_301");
  }

  @Test
  default void zoneWithRecordsCannotBeDeletedAndAliasesPointAtLoadBalancers() {
    String domain = unique("z") + ".example.com";
    var zone = cloud().route53().createHostedZone(domain, unique("ref"), tags());
    assertThat(zone.name()).isEqualTo(domain + ".");
    var lb = loadBalancer(unique("alb"));
    var alias = new Route53Port.RecordSet("api." + domain + ".", "A", null, List.of(),
        new Route53Port.AliasTarget(lb.dnsName(), lb.canonicalHostedZoneId(), true));
    cloud().route53().changeRecords(zone.id(), List.of(Route53Port.Change.upsert(alias)));
    var records = cloud().route53().listRecords(zone.id());
    assertThat(records).extracting(Route53Port.RecordSet::type).contains("NS", "SOA", "A");
    var a = records.stream().filter(r -> r.type().equals("A")).findFirst().orElseThrow();
    assertThat(a.alias().hostedZoneId()).isEqualTo(lb.canonicalHostedZoneId());
    assertThatThrownBy(() -> cloud().route53().deleteHostedZone(zone.id())).isInstanceOf(CloudException.InUse.class);
    cloud().route53().changeRecords(zone.id(), List.of(Route53Port.Change.delete(a)));
    cloud().route53().deleteHostedZone(zone.id());
  }

  /**
   * ChangeResourceRecordSets returns its change, PENDING or already INSYNC, which GetChange follows until INSYNC
   * (within 60 s on Route 53; at once on moto, which gives every change the same id and answers INSYNC for any).
   */
  @Test
  default void recordChangeIsFollowedUntilInSync() {
    String domain = unique("s") + ".example.com";
    var zone = cloud().route53().createHostedZone(domain, unique("ref"), tags());
    var change = cloud().route53().changeRecords(zone.id(), List.of(Route53Port.Change.upsert(
        new Route53Port.RecordSet("txt." + domain + ".", "TXT", 300L, List.of("\"v=1\""), null))));
    assertThat(change.id()).isNotBlank().doesNotStartWith("/change/");
    assertThat(change.status()).isIn(Route53Port.ChangeInfo.PENDING, Route53Port.ChangeInfo.INSYNC);
    assertThat(cloud().route53().getChange(change.id())).hasValueSatisfying(c -> assertThat(c.id())
        .isEqualTo(change.id()));
    assertThat(eventually(Duration.ofMinutes(2),
        () -> cloud().route53().getChange(change.id()).orElseThrow().inSync())).isTrue();
    assertThat(cloud().route53().changeRecords(zone.id(), List.of(Route53Port.Change.delete(
        new Route53Port.RecordSet("txt." + domain + ".", "TXT", 300L, List.of("\"v=1\""), null)))).id())
        .isNotBlank();
    cloud().route53().deleteHostedZone(zone.id());
  }

  @Test
  default void certificateIsIssuedOnceItsValidationRecordExists() {
    String domain = unique("c") + ".example.com";
    var zone = cloud().route53().createHostedZone(domain, unique("ref"), tags());
    delegate(domain);
    String arn = cloud().acm().requestCertificate(domain, List.of(domain, "*." + domain), "tok" + domain.hashCode(),
        tags());
    assertThat(arn).contains(":certificate/");
    AcmPort.Certificate pending = cloud().acm().describeCertificate(arn).orElseThrow();
    assertThat(pending.subjectAlternativeNames()).containsExactly(domain, "*." + domain);
    var status = cloud().acm().describeCertificateStatus(arn).orElseThrow();
    assertThat(status.status()).as("what a wait's poll reads").isEqualTo(pending.status());
    assertThat(status.domainName()).isEqualTo(domain);
    assertThat(eventually(Duration.ofSeconds(30),
        () -> cloud().acm().describeCertificate(arn).orElseThrow().validation().size() == 2)).isTrue();
    var v = cloud().acm().describeCertificate(arn).orElseThrow().validation();
    assertThat(v.get(0).name()).as("apex and wildcard share one CNAME").isEqualTo(v.get(1).name());
    cloud().route53().changeRecords(zone.id(), List.of(Route53Port.Change.upsert(
        new Route53Port.RecordSet(v.get(0).name(), "CNAME", 300L, List.of(v.get(0).value()), null))));
    assertThat(eventually(Duration.ofMinutes(5),
        () -> cloud().acm().describeCertificate(arn).orElseThrow().status().equals("ISSUED"))).isTrue();
  }

  @Test
  default void certificateStaysPendingUntilItsValidationRecordExists() {
    requireNo(Gap.ACM_IGNORES_DNS);
    String domain = unique("p") + ".example.com";
    cloud().route53().createHostedZone(domain, unique("ref"), tags());
    String arn = cloud().acm().requestCertificate(domain, List.of(domain), null, tags());
    assertThat(eventually(Duration.ofMinutes(2),
        () -> !cloud().acm().describeCertificate(arn).orElseThrow().status().equals("PENDING_VALIDATION")))
        .as("pending while the zone has no validation CNAME").isFalse();
  }

  @Test
  default void certificateStaysPendingWhileItsZoneIsNotDelegated() {
    requireNo(Gap.ACM_IGNORES_DNS);
    String domain = unique("d") + ".example.com";
    var zone = cloud().route53().createHostedZone(domain, unique("ref"), tags());
    String arn = requestWithItsValidationRecord(domain, zone);
    assertThat(eventually(Duration.ofMinutes(10),
        () -> !cloud().acm().describeCertificate(arn).orElseThrow().status().equals("PENDING_VALIDATION")))
        .as("pending: public DNS does not resolve a zone its registrar does not point at").isFalse();
    delegate(domain);
    assertThat(eventually(Duration.ofMinutes(10),
        () -> cloud().acm().describeCertificate(arn).orElseThrow().status().equals("ISSUED"))).isTrue();
  }

  @Test
  default void certificateRequestWithTheSameTokenReturnsTheSameCertificate() {
    String domain = unique("t") + ".example.com";
    String a = cloud().acm().requestCertificate(domain, List.of(domain), "token-" + domain.hashCode(), tags());
    String b = cloud().acm().requestCertificate(domain, List.of(domain), "token-" + domain.hashCode(), tags());
    assertThat(b).isEqualTo(a);
  }

  @Test
  default void httpsListenerNeedsAnIssuedCertificate() {
    requireNo(Gap.ACM_IGNORES_DNS);
    var lb = loadBalancer(unique("alb"));
    String domain = unique("h") + ".example.com";
    String arn = cloud().acm().requestCertificate(domain, List.of(domain), null, tags());
    assertThatThrownBy(() -> cloud().elb().createListener(lb.arn(), "HTTPS", 443, arn,
        "ELBSecurityPolicy-TLS13-1-2-2021-06", ElbPort.Action.fixed("404", "text/plain", "x"), tags()))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("UnsupportedCertificate");
  }

  /** The default VPC's first two default subnets and a new security group, for load balancers of a test. */
  default List<String> twoDefaultSubnets() {
    String vpc = cloud().ec2().defaultVpc().orElseThrow().id();
    return cloud().ec2().subnets(vpc).stream().filter(Ec2Port.Subnet::defaultForAz).map(Ec2Port.Subnet::id)
        .limit(2).toList();
  }

  /**
   * API reference, CreateLoadBalancer: "If you attempt to create multiple load balancers with the same settings,
   * each call succeeds." Another load balancer with a taken name is pinned by {@link #loadBalancerNamesAreUnique}.
   */
  @Test
  default void identicalLoadBalancerRequestReturnsTheExistingOne() {
    requireService("elbv2");
    requireNo(Gap.ELB_CREATE_NOT_IDEMPOTENT);
    String vpc = cloud().ec2().defaultVpc().orElseThrow().id();
    var sg = cloud().ec2().createSecurityGroup(unique("lb-sg"), "lb", vpc, tags());
    String name = unique("alb");
    var first = cloud().elb().createLoadBalancer(name, true, twoDefaultSubnets(), List.of(sg.id()), tags());
    var again = cloud().elb().createLoadBalancer(name, true, twoDefaultSubnets(), List.of(sg.id()), tags());
    assertThat(again.arn()).isEqualTo(first.arn());
    assertThat(cloud().elb().listLoadBalancers()).filteredOn(lb -> lb.name().equals(name)).hasSize(1);
  }

  /**
   * API reference, CreateListener: "If you attempt to create multiple listeners with the same settings, each call
   * succeeds."
   */
  @Test
  default void identicalListenerOnTheSamePortReturnsTheExistingOne() {
    requireNo(Gap.ELB_CREATE_NOT_IDEMPOTENT);
    var lb = loadBalancer(unique("alb"));
    var action = ElbPort.Action.fixed("404", "text/plain", "Not found");
    var first = cloud().elb().createListener(lb.arn(), "HTTP", 80, null, null, action, tags());
    var again = cloud().elb().createListener(lb.arn(), "HTTP", 80, null, null, action, tags());
    assertThat(again.arn()).isEqualTo(first.arn());
    assertThat(cloud().elb().listeners(lb.arn())).hasSize(1);
  }

  /** API reference, CreateListener, Errors: DuplicateListener, "A listener with the specified port already exists." */
  @Test
  default void differentListenerOnATakenPortIsDuplicateListener() {
    requireNo(Gap.ELB_DUPLICATE_LISTENER_PORTS);
    var lb = loadBalancer(unique("alb"));
    cloud().elb().createListener(lb.arn(), "HTTP", 80, null, null, ElbPort.Action.fixed("404", "text/plain", "x"),
        tags());
    assertThatThrownBy(() -> cloud().elb().createListener(lb.arn(), "HTTP", 80, null, null,
        ElbPort.Action.redirectToHttps(), tags())).isInstanceOf(CloudException.Conflict.class)
        .hasMessageContaining("DuplicateListener");
    assertThat(cloud().elb().listeners(lb.arn())).hasSize(1);
  }

  /**
   * API reference, DeleteLoadBalancer: "If the load balancer does not exist or has already been deleted, the call
   * succeeds."
   */
  @Test
  default void deletingALoadBalancerThatDoesNotExistSucceeds() {
    requireService("elbv2");
    var lb = loadBalancer(unique("alb"));
    cloud().elb().deleteLoadBalancer(lb.arn());
    cloud().elb().deleteLoadBalancer(lb.arn());
    assertThat(cloud().elb().findLoadBalancer(lb.name())).isEmpty();
  }

  /**
   * ALB user guide, "Listener rules": "up to three comparison strings per condition and up to five per rule" (the
   * quota "Condition values per rule" is 5).
   */
  @Test
  default void ruleConditionValuesAreAtMostThreePerConditionAndFivePerRule() {
    requireNo(Gap.ELB_NO_CONDITION_VALUE_LIMITS);
    var lb = loadBalancer(unique("alb"));
    var tg = targetGroup(unique("tg"));
    var listener = cloud().elb().createListener(lb.arn(), "HTTP", 80, null, null,
        ElbPort.Action.fixed("404", "text/plain", "Not found"), tags());
    var forward = ElbPort.Action.forward(tg.arn());
    List<String> threeHosts = List.of("a.example.com", "b.example.com", "c.example.com");
    var rule = cloud().elb().createRule(listener.arn(), 10, threeHosts, List.of("/a/*", "/b/*"), forward, tags());
    assertThat(rule.hosts()).hasSize(3);
    assertThatThrownBy(() -> cloud().elb().createRule(listener.arn(), 11,
        List.of("a.example.com", "b.example.com", "c.example.com", "d.example.com"), List.of(), forward, tags()))
        .as("four values in one condition").isInstanceOf(CloudException.Invalid.class);
    assertThatThrownBy(() -> cloud().elb().createRule(listener.arn(), 12, threeHosts,
        List.of("/a/*", "/b/*", "/c/*"), forward, tags()))
        .as("six values in one rule").isInstanceOf(CloudException.Invalid.class);
    assertThatThrownBy(() -> cloud().elb().modifyRule(rule.arn(), threeHosts, List.of("/a/*", "/b/*", "/c/*"),
        forward)).as("six values in one rule, by a modify").isInstanceOf(CloudException.Invalid.class);
    assertThat(cloud().elb().rules(listener.arn())).extracting(ElbPort.Rule::priority).containsExactly(10);
  }

  /**
   * API reference, CreateTargetGroup, Name: "can have a maximum of 32 characters, must contain only alphanumeric
   * characters or hyphens, and must not begin or end with a hyphen".
   */
  @Test
  default void targetGroupNamesAreLettersDigitsAndHyphensOnly() {
    requireService("elbv2");
    String vpc = cloud().ec2().defaultVpc().orElseThrow().id();
    String ok = unique("tg-Ok1");
    assertThat(cloud().elb().createTargetGroup(ok, "HTTP", 80, vpc, "ip", HEALTH, 60, tags()).name()).isEqualTo(ok);
    for (String bad : List.of(unique("tg_under"), unique("tg.dot"), "-" + unique("lead"), unique("trail") + "-",
        unique("tg") + "-0123456789abcdefghijklmn")) {
      assertThatThrownBy(() -> cloud().elb().createTargetGroup(bad, "HTTP", 80, vpc, "ip", HEALTH, 60, tags()))
          .as(bad).isInstanceOf(CloudException.Invalid.class);
      assertThat(cloud().elb().listTargetGroups()).extracting(ElbPort.TargetGroup::name).doesNotContain(bad);
    }
  }

  /**
   * DescribeTargetHealth: a group nothing registered targets in has none; a group that is gone is
   * TargetGroupNotFound.
   */
  @Test
  default void aTargetGroupWithoutTargetsReportsNoneAndAGoneOneIsNotFound() {
    var tg = targetGroup(unique("tg"));
    assertThat(cloud().elb().targetHealth(tg.arn())).isEmpty();
    cloud().elb().deleteTargetGroup(tg.arn());
    assertThatThrownBy(() -> cloud().elb().targetHealth(tg.arn())).isInstanceOf(CloudException.NotFound.class);
  }

  default Route53Port.RecordSet cname(String name, String value) {
    return new Route53Port.RecordSet(name, "CNAME", 300L, List.of(value), null);
  }

  default Route53Port.RecordSet a(String name, String ip) {
    return new Route53Port.RecordSet(name, "A", 300L, List.of(ip), null);
  }

  /** ChangeResourceRecordSets: "Tried to create resource record set ... but it already exists" (InvalidChangeBatch). */
  @Test
  default void creatingARecordThatExistsIsAnInvalidChangeBatch() {
    requireNo(Gap.ROUTE53_CREATE_DUPLICATES_RECORDS);
    String domain = unique("r") + ".example.com";
    var zone = cloud().route53().createHostedZone(domain, unique("ref"), tags());
    var www = a("www." + domain + ".", "192.0.2.1");
    cloud().route53().changeRecords(zone.id(), List.of(new Route53Port.Change("CREATE", www)));
    assertThatThrownBy(() -> cloud().route53().changeRecords(zone.id(),
        List.of(new Route53Port.Change("CREATE", a("www." + domain + ".", "192.0.2.2")))))
        .isInstanceOf(CloudException.Invalid.class);
    assertThat(cloud().route53().listRecords(zone.id())).filteredOn(r -> r.type().equals("A"))
        .singleElement().satisfies(r -> assertThat(r.values()).containsExactly("192.0.2.1"));
  }

  /** ChangeResourceRecordSets: a DELETE must give every value the record has; else InvalidChangeBatch. */
  @Test
  default void deletingARecordThatIsMissingOrDiffersIsAnInvalidChangeBatch() {
    String domain = unique("d") + ".example.com";
    var zone = cloud().route53().createHostedZone(domain, unique("ref"), tags());
    cloud().route53().changeRecords(zone.id(), List.of(Route53Port.Change.upsert(a("www." + domain + ".",
        "192.0.2.1"))));
    assertThatThrownBy(() -> cloud().route53().changeRecords(zone.id(),
        List.of(Route53Port.Change.delete(a("www." + domain + ".", "192.0.2.9")))))
        .as("values differ").isInstanceOf(CloudException.Invalid.class);
    assertThatThrownBy(() -> cloud().route53().changeRecords(zone.id(),
        List.of(Route53Port.Change.delete(a("gone." + domain + ".", "192.0.2.1")))))
        .as("no such record").isInstanceOf(CloudException.Invalid.class);
    assertThat(cloud().route53().listRecords(zone.id())).extracting(Route53Port.RecordSet::type).contains("A");
  }

  /** DNS allows nothing beside a CNAME (RFC 1034 3.6.2): Route 53 refuses one at the apex or beside another type. */
  @Test
  default void cnameIsRefusedAtTheApexAndBesideOtherRecords() {
    requireNo(Gap.ROUTE53_CNAME_UNCHECKED);
    String domain = unique("n") + ".example.com";
    var zone = cloud().route53().createHostedZone(domain, unique("ref"), tags());
    assertThatThrownBy(() -> cloud().route53().changeRecords(zone.id(),
        List.of(Route53Port.Change.upsert(cname(domain + ".", "elsewhere.example.net")))))
        .as("CNAME at the apex").isInstanceOf(CloudException.Invalid.class);
    cloud().route53().changeRecords(zone.id(), List.of(Route53Port.Change.upsert(a("www." + domain + ".",
        "192.0.2.1"))));
    assertThatThrownBy(() -> cloud().route53().changeRecords(zone.id(),
        List.of(Route53Port.Change.upsert(cname("www." + domain + ".", "elsewhere.example.net")))))
        .as("CNAME beside an A record").isInstanceOf(CloudException.Invalid.class);
    cloud().route53().changeRecords(zone.id(), List.of(Route53Port.Change.upsert(cname("api." + domain + ".",
        "elsewhere.example.net"))));
    assertThatThrownBy(() -> cloud().route53().changeRecords(zone.id(),
        List.of(Route53Port.Change.upsert(a("api." + domain + ".", "192.0.2.1")))))
        .as("an A record beside a CNAME").isInstanceOf(CloudException.Invalid.class);
    assertThat(cloud().route53().listRecords(zone.id())).extracting(Route53Port.RecordSet::type)
        .containsExactlyInAnyOrder("NS", "SOA", "A", "CNAME");
  }

  /**
   * API reference, CreateHostedZone: "You must use a unique CallerReference string every time you submit a
   * CreateHostedZone request" (else HostedZoneAlreadyExists), so not even a deleted zone's reference is reusable.
   */
  @Test
  default void hostedZoneCallerReferenceIsNeverReusedEvenAfterTheZoneIsDeleted() {
    requireNo(Gap.ROUTE53_CALLER_REFERENCE_REUSABLE);
    String reference = unique("ref");
    String domain = unique("once") + ".example.com";
    var zone = cloud().route53().createHostedZone(domain, reference, tags());
    cloud().route53().deleteHostedZone(zone.id());
    assertThatThrownBy(() -> cloud().route53().createHostedZone(domain, reference, tags()))
        .isInstanceOf(CloudException.Conflict.class);
    assertThat(cloud().route53().findHostedZone(domain)).isEmpty();
  }

  /** Deletes with {@code delete} once the backend no longer answers InUse (it may release what was used late). */
  default boolean deletableWithin(Duration timeout, Runnable delete) {
    return eventually(timeout, () -> {
      try {
        delete.run();
        return true;
      } catch (CloudException.InUse e) {
        return false;
      }
    });
  }

  /**
   * A deleted load balancer's network interfaces are released minutes later (DependencyViolation meanwhile: EC2
   * docs, "Delete a security group"); a client retries, and the group goes.
   */
  @Test
  default void aDeletedLoadBalancersNetworkInterfacesHoldItsSecurityGroupForAWhile() {
    requireNo(Gap.NO_EVENTUAL_CONSISTENCY);
    var lb = loadBalancer(unique("alb"));
    String group = lb.securityGroups().get(0);
    cloud().elb().deleteLoadBalancer(lb.arn());
    assertThatThrownBy(() -> cloud().ec2().deleteSecurityGroup(group)).hasMessageContaining("DependencyViolation")
        .isInstanceOfSatisfying(CloudException.InUse.class, e -> assertThat(e.mayClearItself()).isTrue());
  }

  @Test
  default void aLoadBalancersSecurityGroupCanBeDeletedOnceItsNetworkInterfacesAreGone() {
    var lb = loadBalancer(unique("alb"));
    String group = lb.securityGroups().get(0);
    cloud().elb().deleteLoadBalancer(lb.arn());
    assertThat(deletableWithin(Duration.ofMinutes(15), () -> cloud().ec2().deleteSecurityGroup(group))).isTrue();
    String vpc = cloud().ec2().defaultVpc().orElseThrow().id();
    assertThat(cloud().ec2().listSecurityGroups(vpc)).extracting(Ec2Port.SecurityGroup::id).doesNotContain(group);
  }

  /** Requests a certificate for {@code domain} and writes its validation CNAME into {@code zone}, once ACM gives it. */
  default String requestWithItsValidationRecord(String domain, Route53Port.HostedZone zone) {
    String arn = cloud().acm().requestCertificate(domain, List.of(domain), null, tags());
    assertThat(eventually(Duration.ofMinutes(1),
        () -> !cloud().acm().describeCertificate(arn).orElseThrow().validation().isEmpty())).isTrue();
    var v = cloud().acm().describeCertificate(arn).orElseThrow().validation().get(0);
    cloud().route53().changeRecords(zone.id(), List.of(Route53Port.Change.upsert(
        new Route53Port.RecordSet(v.name(), "CNAME", 300L, List.of(v.value()), null))));
    return arn;
  }

  /** A certificate for a new delegated zone {@code domain}, validated and ISSUED. */
  default String issuedCertificate(String domain) {
    var zone = cloud().route53().createHostedZone(domain, unique("ref"), tags());
    delegate(domain);
    String arn = requestWithItsValidationRecord(domain, zone);
    assertThat(eventually(Duration.ofMinutes(10),
        () -> cloud().acm().describeCertificate(arn).orElseThrow().status().equals("ISSUED"))).isTrue();
    return arn;
  }

  /** ACM counts a deleted listener's use of a certificate for a while; a client retries, and the certificate goes. */
  @Test
  default void aCertificateCanBeDeletedOnceItsListenerIsGone() {
    requireNo(Gap.ACM_DELETES_CERTIFICATES_IN_USE);
    var lb = loadBalancer(unique("alb"));
    String arn = issuedCertificate(unique("u") + ".example.com");
    var listener = cloud().elb().createListener(lb.arn(), "HTTPS", 443, arn, "ELBSecurityPolicy-TLS13-1-2-2021-06",
        ElbPort.Action.fixed("404", "text/plain", "x"), tags());
    assertThatThrownBy(() -> cloud().acm().deleteCertificate(arn)).as("used by a live listener: a hold that stays")
        .isInstanceOfSatisfying(CloudException.InUse.class, e -> assertThat(e.mayClearItself()).isFalse());
    cloud().elb().deleteListener(listener.arn());
    assertThat(deletableWithin(Duration.ofMinutes(10), () -> cloud().acm().deleteCertificate(arn))).isTrue();
    assertThat(cloud().acm().describeCertificate(arn)).isEmpty();
  }

  /** Right after its listener is deleted, ACM still counts the certificate as in use: a hold that clears by itself. */
  @Test
  default void aCertificateStaysInUseForAWhileAfterItsListenerIsDeleted() {
    requireNo(Gap.ACM_DELETES_CERTIFICATES_IN_USE);
    requireNo(Gap.NO_EVENTUAL_CONSISTENCY);
    var lb = loadBalancer(unique("alb"));
    String arn = issuedCertificate(unique("h") + ".example.com");
    var listener = cloud().elb().createListener(lb.arn(), "HTTPS", 443, arn, "ELBSecurityPolicy-TLS13-1-2-2021-06",
        ElbPort.Action.fixed("404", "text/plain", "x"), tags());
    cloud().elb().deleteListener(listener.arn());
    assertThatThrownBy(() -> cloud().acm().deleteCertificate(arn))
        .isInstanceOfSatisfying(CloudException.InUse.class, e -> assertThat(e.mayClearItself()).isTrue());
  }

  /** A listener that moves to another certificate lets go of the old one as a deleted listener does: later. */
  @Test
  default void aCertificateAListenerMovedAwayFromIsReleasedLater() {
    requireNo(Gap.ACM_DELETES_CERTIFICATES_IN_USE);
    requireNo(Gap.NO_EVENTUAL_CONSISTENCY);
    var lb = loadBalancer(unique("alb"));
    String old = issuedCertificate(unique("o") + ".example.com");
    String next = issuedCertificate(unique("n") + ".example.com");
    var action = ElbPort.Action.fixed("404", "text/plain", "x");
    var listener = cloud().elb().createListener(lb.arn(), "HTTPS", 443, old, "ELBSecurityPolicy-TLS13-1-2-2021-06",
        action, tags());
    cloud().elb().modifyListener(listener.arn(), "HTTPS", 443, next, "ELBSecurityPolicy-TLS13-1-2-2021-06", action);
    assertThatThrownBy(() -> cloud().acm().deleteCertificate(old))
        .isInstanceOfSatisfying(CloudException.InUse.class, e -> assertThat(e.mayClearItself()).isTrue());
    assertThat(deletableWithin(Duration.ofMinutes(10), () -> cloud().acm().deleteCertificate(old))).isTrue();
    assertThatThrownBy(() -> cloud().acm().deleteCertificate(next)).as("the new one is in use")
        .isInstanceOf(CloudException.InUse.class);
  }

  /**
   * API reference, AddListenerCertificates: certificates beside the default one, served by SNI; adding one again
   * changes nothing, and DescribeListenerCertificates lists the default one apart (the port leaves it out).
   */
  @Test
  default void aListenerServesAddedCertificatesBesideItsDefaultOne() {
    var lb = loadBalancer(unique("alb"));
    String main = issuedCertificate(unique("m") + ".example.com");
    String extra = issuedCertificate(unique("e") + ".example.com");
    var listener = cloud().elb().createListener(lb.arn(), "HTTPS", 443, main, "ELBSecurityPolicy-TLS13-1-2-2021-06",
        ElbPort.Action.fixed("404", "text/plain", "x"), tags());
    assertThat(cloud().elb().listenerCertificates(listener.arn())).isEmpty();
    cloud().elb().addListenerCertificate(listener.arn(), extra);
    cloud().elb().addListenerCertificate(listener.arn(), extra);
    assertThat(cloud().elb().listenerCertificates(listener.arn())).containsExactly(extra);
    assertThat(cloud().elb().listeners(lb.arn())).extracting(ElbPort.Listener::certificateArn)
        .as("the default certificate stays the default").containsExactly(main);
    cloud().elb().removeListenerCertificate(listener.arn(), extra);
    assertThat(cloud().elb().listenerCertificates(listener.arn())).isEmpty();
    cloud().elb().removeListenerCertificate(listener.arn(), extra);
  }

  /** An added certificate is in use as a default one is: ACM refuses to delete it until it is removed. */
  @Test
  default void anAddedListenerCertificateIsInUseUntilRemoved() {
    requireNo(Gap.ACM_DELETES_CERTIFICATES_IN_USE);
    var lb = loadBalancer(unique("alb"));
    String main = issuedCertificate(unique("m") + ".example.com");
    String extra = issuedCertificate(unique("e") + ".example.com");
    var listener = cloud().elb().createListener(lb.arn(), "HTTPS", 443, main, "ELBSecurityPolicy-TLS13-1-2-2021-06",
        ElbPort.Action.fixed("404", "text/plain", "x"), tags());
    cloud().elb().addListenerCertificate(listener.arn(), extra);
    assertThat(cloud().acm().describeCertificate(extra).orElseThrow().inUseBy()).containsExactly(lb.arn());
    assertThatThrownBy(() -> cloud().acm().deleteCertificate(extra)).isInstanceOf(CloudException.InUse.class);
    cloud().elb().removeListenerCertificate(listener.arn(), extra);
    assertThat(deletableWithin(Duration.ofMinutes(10), () -> cloud().acm().deleteCertificate(extra))).isTrue();
  }

  /** Only an HTTPS listener takes certificates, and only issued ones. */
  @Test
  default void onlyAnHttpsListenerTakesAddedCertificatesAndOnlyIssuedOnes() {
    requireNo(Gap.ACM_IGNORES_DNS);
    var lb = loadBalancer(unique("alb"));
    String main = issuedCertificate(unique("m") + ".example.com");
    var https = cloud().elb().createListener(lb.arn(), "HTTPS", 443, main, "ELBSecurityPolicy-TLS13-1-2-2021-06",
        ElbPort.Action.fixed("404", "text/plain", "x"), tags());
    String domain = unique("p") + ".example.com";
    String pending = cloud().acm().requestCertificate(domain, List.of(domain), null, tags());
    assertThatThrownBy(() -> cloud().elb().addListenerCertificate(https.arn(), pending))
        .isInstanceOf(CloudException.Invalid.class);
    var http = cloud().elb().createListener(lb.arn(), "HTTP", 80, null, null,
        ElbPort.Action.fixed("404", "text/plain", "x"), tags());
    assertThatThrownBy(() -> cloud().elb().addListenerCertificate(http.arn(), main))
        .isInstanceOf(CloudException.Invalid.class);
  }

  /** ACM fills in a new certificate's DNS validation records within seconds of the request. */
  @Test
  default void certificateValidationRecordsAppearShortlyAfterTheRequest() {
    String domain = unique("r") + ".example.com";
    String arn = cloud().acm().requestCertificate(domain, List.of(domain), null, tags());
    assertThat(eventually(Duration.ofMinutes(1),
        () -> cloud().acm().describeCertificate(arn).orElseThrow().validation().size() == 1)).isTrue();
    var v = cloud().acm().describeCertificate(arn).orElseThrow().validation().get(0);
    assertThat(v.type()).isEqualTo("CNAME");
    assertThat(v.name()).endsWith("." + domain + ".");
  }
}
