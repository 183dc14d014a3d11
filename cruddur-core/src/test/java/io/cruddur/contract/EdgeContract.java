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

  @Test
  default void certificateIsIssuedOnceItsValidationRecordExists() {
    String domain = unique("c") + ".example.com";
    var zone = cloud().route53().createHostedZone(domain, unique("ref"), tags());
    String arn = cloud().acm().requestCertificate(domain, List.of(domain, "*." + domain), "tok" + domain.hashCode(),
        tags());
    assertThat(arn).contains(":certificate/");
    AcmPort.Certificate pending = cloud().acm().describeCertificate(arn).orElseThrow();
    assertThat(pending.subjectAlternativeNames()).containsExactly(domain, "*." + domain);
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
}
