package io.cruddur.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.port.CloudException;
import io.cruddur.port.Ec2Port;
import io.cruddur.port.ElbPort;
import io.cruddur.port.Route53Port;
import io.cruddur.port.Route53Port.AliasTarget;
import io.cruddur.port.Route53Port.Change;
import io.cruddur.port.Route53Port.HostedZone;
import io.cruddur.port.Route53Port.RecordSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Route 53 as AWS behaves: zones with their NS and SOA records, caller references used once, change batches that
 * apply atomically or fail with InvalidChangeBatch, CNAME rules, aliases to load balancers, and public resolution
 * only through the zone the registrar delegates to.
 */
class MemRoute53Test {
  private static final Map<String, String> TAGS = Map.of("cruddur:stack", "t");

  private final InMemoryCloud cloud = InMemoryCloud.create();
  private final Route53Port dns = cloud.route53();

  private static RecordSet a(String name, String... ips) {
    return new RecordSet(name, "A", 300L, List.of(ips), null);
  }

  private static RecordSet cname(String name, String value) {
    return new RecordSet(name, "CNAME", 300L, List.of(value), null);
  }

  private static Change create(RecordSet r) {
    return new Change("CREATE", r);
  }

  private List<RecordSet> userRecords(String zoneId) {
    return dns.listRecords(zoneId).stream().filter(r -> !r.type().equals("NS") && !r.type().equals("SOA")).toList();
  }

  @Test
  void aNewZoneHasFourNameServersAnNsAndAnSoaRecord() {
    HostedZone z = dns.createHostedZone("Example.COM", "ref-1", TAGS);
    assertThat(z.id()).matches("Z[0-9A-F]{20}");
    assertThat(z.name()).isEqualTo("example.com.");
    assertThat(z.tags()).isEqualTo(TAGS);
    String id = z.id().toLowerCase();
    assertThat(z.nameServers()).containsExactly("ns-" + id.substring(1, 5) + ".awsdns-01.org.",
        "ns-" + id.substring(5, 9) + ".awsdns-02.co.uk.", "ns-" + id.substring(9, 13) + ".awsdns-03.com.",
        "ns-" + id.substring(13, 17) + ".awsdns-04.net.");
    assertThat(dns.listRecords(z.id())).containsExactly(
        new RecordSet("example.com.", "NS", 172800L, z.nameServers(), null),
        new RecordSet("example.com.", "SOA", 900L, List.of(z.nameServers().get(0)
            + " awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"), null));
    assertThat(dns.findHostedZone("EXAMPLE.com.")).contains(z);
    assertThat(dns.findHostedZone("other.com")).isEmpty();
    assertThat(dns.listHostedZones()).containsExactly(z);
  }

  @Test
  void aCallerReferenceIsNeverAcceptedTwiceEvenAfterItsZoneIsDeleted() {
    HostedZone z = dns.createHostedZone("example.com", "ref-1", TAGS);
    assertThatThrownBy(() -> dns.createHostedZone("other.com", "ref-1", TAGS))
        .isInstanceOf(CloudException.Conflict.class).hasMessageContaining("HostedZoneAlreadyExists");
    dns.deleteHostedZone(z.id());
    assertThat(dns.listHostedZones()).isEmpty();
    assertThatThrownBy(() -> dns.createHostedZone("example.com", "ref-1", TAGS))
        .isInstanceOf(CloudException.Conflict.class);
    HostedZone again = dns.createHostedZone("example.com", "ref-2", TAGS);
    assertThat(again.id()).as("a new zone of the same name").isNotEqualTo(z.id());
  }

  @Test
  void recordsAreNormalizedSortedAndMustBeInTheZone() {
    HostedZone z = dns.createHostedZone("example.com", "r", TAGS);
    dns.changeRecords(z.id(), List.of(create(a("WWW.Example.com", "10.0.0.2")), create(a("api.example.com.",
        "10.0.0.1")), create(new RecordSet("example.com", "MX", 300L, List.of("10 mail.example.com."), null))));
    assertThat(dns.listRecords(z.id())).extracting(r -> r.name() + " " + r.type()).containsExactly(
        "api.example.com. A", "example.com. MX", "example.com. NS", "example.com. SOA", "www.example.com. A");
    assertThat(userRecords(z.id())).contains(a("www.example.com.", "10.0.0.2"));
    assertThatThrownBy(() -> dns.changeRecords(z.id(), List.of(create(a("www.other.com", "1.1.1.1")))))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("is not in zone example.com.");
    assertThatThrownBy(() -> dns.changeRecords(z.id(), List.of(create(a("badexample.com", "1.1.1.1")))))
        .as("a suffix is not a subdomain").isInstanceOf(CloudException.Invalid.class);
    assertThatThrownBy(() -> dns.changeRecords("ZNONE", List.of(create(a("example.com", "1.1.1.1")))))
        .isInstanceOf(CloudException.NotFound.class).hasMessageContaining("NoSuchHostedZone");
    assertThatThrownBy(() -> dns.listRecords("ZNONE")).isInstanceOf(CloudException.NotFound.class);
    RecordSet nullValues = new RecordSet("txt.example.com", "TXT", 60L, null, null);
    dns.changeRecords(z.id(), List.of(create(nullValues)));
    assertThat(userRecords(z.id())).contains(new RecordSet("txt.example.com.", "TXT", 60L, List.of(), null));
  }

  @Test
  void createUpsertAndDeleteBehaveAsRoute53Says() {
    HostedZone z = dns.createHostedZone("example.com", "r", TAGS);
    dns.changeRecords(z.id(), List.of(create(a("www.example.com", "10.0.0.1"))));
    assertThatThrownBy(() -> dns.changeRecords(z.id(), List.of(create(a("www.example.com", "10.0.0.9")))))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("InvalidChangeBatch")
        .hasMessageContaining("but it already exists");
    dns.changeRecords(z.id(), List.of(Change.upsert(a("www.example.com", "10.0.0.9"))));
    assertThat(userRecords(z.id())).containsExactly(a("www.example.com.", "10.0.0.9"));
    dns.changeRecords(z.id(), List.of(Change.upsert(new RecordSet("www.example.com", "AAAA", 300L, List.of("::1"),
        null))));
    assertThat(userRecords(z.id())).hasSize(2);
    assertThatThrownBy(() -> dns.changeRecords(z.id(), List.of(Change.delete(a("www.example.com", "10.0.0.1")))))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("do not match the current values");
    assertThatThrownBy(() -> dns.changeRecords(z.id(), List.of(Change.delete(a("api.example.com", "10.0.0.1")))))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("but it was not found");
    dns.changeRecords(z.id(), List.of(Change.delete(a("www.example.com", "10.0.0.9"))));
    assertThat(userRecords(z.id())).extracting(RecordSet::type).containsExactly("AAAA");
    assertThatThrownBy(() -> dns.changeRecords(z.id(), List.of(new Change("REPLACE", a("x.example.com", "1.1.1.1")))))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("action REPLACE");
  }

  @Test
  void aBatchIsAppliedWhollyOrNotAtAll() {
    HostedZone z = dns.createHostedZone("example.com", "r", TAGS);
    dns.changeRecords(z.id(), List.of(create(a("www.example.com", "10.0.0.1"))));
    assertThatThrownBy(() -> dns.changeRecords(z.id(), List.of(create(a("api.example.com", "10.0.0.2")),
        create(a("www.example.com", "10.0.0.3"))))).isInstanceOf(CloudException.Invalid.class);
    assertThat(userRecords(z.id())).containsExactly(a("www.example.com.", "10.0.0.1"));
    dns.changeRecords(z.id(), List.of(Change.delete(a("www.example.com", "10.0.0.1")),
        create(a("www.example.com", "10.0.0.4"))));
    assertThat(userRecords(z.id())).containsExactly(a("www.example.com.", "10.0.0.4"));
  }

  @Test
  void aCnameIsAloneAtItsNameAndNeverAtTheApex() {
    HostedZone z = dns.createHostedZone("example.com", "r", TAGS);
    assertThatThrownBy(() -> dns.changeRecords(z.id(), List.of(Change.upsert(cname("example.com", "x.net.")))))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("not permitted at apex");
    dns.changeRecords(z.id(), List.of(create(a("www.example.com", "10.0.0.1"))));
    assertThatThrownBy(() -> dns.changeRecords(z.id(), List.of(create(cname("www.example.com", "x.net.")))))
        .isInstanceOf(CloudException.Invalid.class)
        .hasMessageContaining("RRSet of type CNAME with DNS name www.example.com. is not permitted because a "
            + "conflicting RRSet of type A with the same DNS name already exists in zone example.com.");
    dns.changeRecords(z.id(), List.of(create(cname("api.example.com", "x.net."))));
    assertThatThrownBy(() -> dns.changeRecords(z.id(), List.of(Change.upsert(a("api.example.com", "10.0.0.1")))))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("conflicting RRSet of type CNAME");
    dns.changeRecords(z.id(), List.of(Change.upsert(cname("api.example.com", "y.net."))));
    assertThat(userRecords(z.id())).contains(cname("api.example.com.", "y.net."));
    dns.changeRecords(z.id(), List.of(Change.upsert(new RecordSet("www.example.com", "AAAA", 300L, List.of("::1"),
        null))));
    assertThat(userRecords(z.id())).as("A beside AAAA is fine").hasSize(3);
  }

  @Test
  void anAliasMustNameAnExistingLoadBalancerAndItsCanonicalZone() {
    HostedZone z = dns.createHostedZone("example.com", "r", TAGS);
    String vpc = cloud.ec2().defaultVpc().orElseThrow().id();
    List<String> subnets = cloud.ec2().subnets(vpc).stream().map(Ec2Port.Subnet::id).limit(2).toList();
    String sg = cloud.ec2().createSecurityGroup("alb", "alb", vpc, TAGS).id();
    ElbPort.LoadBalancer lb = cloud.elb().createLoadBalancer("web", true, subnets, List.of(sg), TAGS);
    RecordSet wrongZone = new RecordSet("www.example.com", "A", null, List.of(),
        new AliasTarget(lb.dnsName(), "ZWRONG", true));
    assertThatThrownBy(() -> dns.changeRecords(z.id(), List.of(create(wrongZone))))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("alias target");
    RecordSet wrongName = new RecordSet("www.example.com", "A", null, List.of(),
        new AliasTarget("other." + lb.dnsName(), lb.canonicalHostedZoneId(), true));
    assertThatThrownBy(() -> dns.changeRecords(z.id(), List.of(create(wrongName))))
        .isInstanceOf(CloudException.Invalid.class);
    RecordSet dualstack = new RecordSet("www.example.com", "A", 60L, null,
        new AliasTarget("dualstack." + lb.dnsName().toUpperCase(), lb.canonicalHostedZoneId(), false));
    dns.changeRecords(z.id(), List.of(create(dualstack)));
    assertThat(userRecords(z.id())).containsExactly(new RecordSet("www.example.com.", "A", null, List.of(),
        new AliasTarget("dualstack." + lb.dnsName() + ".", lb.canonicalHostedZoneId(), false)));
    dns.changeRecords(z.id(), List.of(create(new RecordSet("api.example.com", "A", null, List.of(),
        new AliasTarget(lb.dnsName() + ".", lb.canonicalHostedZoneId(), true)))));
    assertThat(userRecords(z.id())).hasSize(2);
  }

  @Test
  void aZoneIsDeletableOnlyWithNothingButItsApexNsAndSoa() {
    HostedZone z = dns.createHostedZone("example.com", "r", TAGS);
    cloud.delegate("example.com");
    RecordSet sub = new RecordSet("dev.example.com", "NS", 300L, List.of("ns1.example.net."), null);
    dns.changeRecords(z.id(), List.of(create(sub)));
    assertThatThrownBy(() -> dns.deleteHostedZone(z.id())).isInstanceOf(CloudException.InUse.class)
        .hasMessageContaining("HostedZoneNotEmpty");
    dns.changeRecords(z.id(), List.of(Change.delete(sub)));
    RecordSet apexTxt = new RecordSet("example.com", "TXT", 300L, List.of("\"v=spf1 -all\""), null);
    dns.changeRecords(z.id(), List.of(create(apexTxt)));
    assertThatThrownBy(() -> dns.deleteHostedZone(z.id())).isInstanceOf(CloudException.InUse.class);
    dns.changeRecords(z.id(), List.of(Change.delete(apexTxt)));
    dns.deleteHostedZone(z.id());
    assertThat(dns.findHostedZone("example.com")).isEmpty();
    assertThat(cloud.state.delegatedZones).isEmpty();
    assertThatThrownBy(() -> dns.deleteHostedZone(z.id())).isInstanceOf(CloudException.NotFound.class);
  }

  @Test
  void publicDnsResolvesOnlyFromTheZoneTheRegistrarPointsAt() {
    HostedZone first = dns.createHostedZone("example.com", "r1", TAGS);
    HostedZone second = dns.createHostedZone("example.com", "r2", TAGS);
    HostedZone other = dns.createHostedZone("other.org", "r3", TAGS);
    dns.changeRecords(first.id(), List.of(create(cname("_v.example.com", "one."))));
    dns.changeRecords(second.id(), List.of(create(cname("_v.example.com", "two."))));
    dns.changeRecords(other.id(), List.of(create(cname("_v.other.org", "three."))));
    cloud.clock().advance(Latency.compact().recordPropagation());
    MemRoute53 route53 = (MemRoute53) dns;
    assertThat(route53.resolvesCname("_v.example.com", "one.")).isFalse();
    synchronized (cloud.lock) {
      route53.delegate("example.com.", first.id());
      route53.delegate("other.org.", other.id());
    }
    assertThat(route53.resolvesCname("_V.Example.com", "one.")).isTrue();
    assertThat(route53.resolvesCname("_v.example.com", "two.")).isFalse();
    assertThat(route53.resolvesCname("_v.other.org.", "three.")).isTrue();
    synchronized (cloud.lock) {
      route53.delegate("example.com.", second.id());
    }
    assertThat(cloud.state.delegatedZones).containsExactlyInAnyOrder(other.id(), second.id());
    assertThat(route53.resolvesCname("_v.example.com", "one.")).isFalse();
    assertThat(route53.resolvesCname("_v.example.com", "two.")).isTrue();
    assertThat(route53.resolvesCname("_v.other.org", "one.")).isFalse();
    dns.changeRecords(second.id(), List.of(create(a("_a.example.com", "10.0.0.1"))));
    cloud.clock().advance(Latency.compact().recordPropagation());
    assertThat(route53.resolvesCname("_a.example.com", "10.0.0.1")).as("an A record is no CNAME").isFalse();
    assertThat(route53.resolvesCname("example.com", "two.")).isFalse();
  }

  @Test
  void namesAreFullyQualifiedInLowerCase() {
    assertThat(MemRoute53.fqdn("Example.COM")).isEqualTo("example.com.");
    assertThat(MemRoute53.fqdn("example.com.")).isEqualTo("example.com.");
  }

  @Test
  void publicDnsSeesAChangeOnlyOnceItIsInsync() {
    HostedZone z = dns.createHostedZone("example.com", "r", TAGS);
    cloud.delegate("example.com");
    MemRoute53 route53 = (MemRoute53) dns;
    long t0 = cloud.now();
    dns.changeRecords(z.id(), List.of(create(cname("_v.example.com", "one."))));
    cloud.clock().advance(java.time.Duration.ofMillis(1_999));
    assertThat(route53.resolvesCname("_v.example.com", "one.")).isFalse();
    assertThat(route53.resolvableSince("_v.example.com", "one.")).isEmpty();
    cloud.clock().advance(java.time.Duration.ofMillis(1));
    assertThat(route53.resolvesCname("_v.example.com", "one.")).isTrue();
    assertThat(route53.resolvableSince("_v.example.com", "one.")).hasValue(t0 + 2_000);
    cloud.clock().advance(java.time.Duration.ofSeconds(10));
    assertThat(route53.resolvableSince("_v.example.com", "one.")).as("since the change, not since asked")
        .hasValue(t0 + 2_000);
    dns.changeRecords(z.id(), List.of(Change.upsert(cname("_v.example.com", "two."))));
    assertThat(route53.resolvesCname("_v.example.com", "one.")).isFalse();
    assertThat(route53.resolvesCname("_v.example.com", "two.")).as("the new value is not INSYNC yet").isFalse();
    cloud.clock().advance(java.time.Duration.ofSeconds(2));
    assertThat(route53.resolvableSince("_v.example.com", "two.")).hasValue(t0 + 14_000);
    assertThat(cloud.state.recordsChangedAt).containsKey(z.id() + " _v.example.com. CNAME");
    dns.changeRecords(z.id(), List.of(Change.delete(cname("_v.example.com", "two."))));
    dns.deleteHostedZone(z.id());
    assertThat(cloud.state.recordsChangedAt).as("forgotten with the zone").isEmpty();
  }

  /** GetChange says INSYNC at the moment public DNS starts to answer with the change (the profile's 2 s here). */
  @Test
  void aChangeIsPendingUntilItIsInsyncAndUnknownIdsAreEmpty() {
    HostedZone z = dns.createHostedZone("example.com", "r", TAGS);
    cloud.delegate("example.com");
    var change = dns.changeRecords(z.id(), List.of(create(cname("_v.example.com", "one."))));
    assertThat(change.status()).isEqualTo("PENDING");
    assertThat(change.id()).matches("C[0-9A-F]{13}");
    cloud.clock().advance(java.time.Duration.ofMillis(1_999));
    assertThat(dns.getChange(change.id())).hasValue(new Route53Port.ChangeInfo(change.id(), "PENDING"));
    cloud.clock().advance(java.time.Duration.ofMillis(1));
    assertThat(dns.getChange(change.id())).hasValue(new Route53Port.ChangeInfo(change.id(), "INSYNC"));
    assertThat(((MemRoute53) dns).resolvesCname("_v.example.com", "one.")).isTrue();
    var next = dns.changeRecords(z.id(), List.of(Change.upsert(cname("_v.example.com", "two."))));
    assertThat(next.id()).isNotEqualTo(change.id());
    assertThat(dns.getChange(next.id()).orElseThrow().inSync()).isFalse();
    assertThat(dns.getChange("CNOSUCHCHANGE00")).isEmpty();
  }

  @Test
  void aSubdomainsZoneIsDelegatedByNsRecordsInItsDelegatedParentThatNameItsNameServers() {
    HostedZone parent = dns.createHostedZone("example.com", "p", TAGS);
    HostedZone child = dns.createHostedZone("dev.example.com", "c", TAGS);
    cloud.delegate("example.com");
    MemRoute53 route53 = (MemRoute53) dns;
    dns.changeRecords(child.id(), List.of(create(cname("_v.dev.example.com", "child."))));
    dns.changeRecords(parent.id(), List.of(create(cname("_v.dev.example.com", "parent."))));
    cloud.clock().advance(java.time.Duration.ofSeconds(2));
    assertThat(route53.resolvesCname("_v.dev.example.com", "child.")).as("the child zone is not delegated").isFalse();
    assertThat(route53.resolvesCname("_v.dev.example.com", "parent.")).isTrue();

    List<String> wrong = List.of("ns-1.awsdns-01.org.", "ns-2.awsdns-02.co.uk.");
    dns.changeRecords(parent.id(), List.of(create(new RecordSet("dev.example.com", "NS", 300L, wrong, null))));
    cloud.clock().advance(java.time.Duration.ofSeconds(2));
    assertThat(route53.resolvesCname("_v.dev.example.com", "child.")).as("other name servers").isFalse();

    List<String> servers = new java.util.ArrayList<>(child.nameServers().stream()
        .map(n -> n.substring(0, n.length() - 1).toUpperCase()).toList());
    java.util.Collections.reverse(servers);
    dns.changeRecords(parent.id(), List.of(Change.upsert(new RecordSet("dev.example.com", "NS", 300L, servers,
        null))));
    cloud.clock().advance(java.time.Duration.ofMillis(1_999));
    assertThat(route53.resolvesCname("_v.dev.example.com", "child.")).as("the NS records are not INSYNC yet")
        .isFalse();
    cloud.clock().advance(java.time.Duration.ofMillis(1));
    assertThat(route53.resolvesCname("_v.dev.example.com", "child.")).as("its name servers, in any order or case")
        .isTrue();
    assertThat(route53.resolvesCname("_v.dev.example.com", "parent.")).as("the most specific zone answers")
        .isFalse();

    HostedZone grandchild = dns.createHostedZone("a.dev.example.com", "g", TAGS);
    dns.changeRecords(grandchild.id(), List.of(create(cname("_v.a.dev.example.com", "grandchild."))));
    dns.changeRecords(child.id(), List.of(create(new RecordSet("a.dev.example.com", "NS", 300L,
        grandchild.nameServers(), null))));
    cloud.clock().advance(java.time.Duration.ofSeconds(2));
    assertThat(route53.resolvesCname("_v.a.dev.example.com", "grandchild.")).as("delegated through two levels")
        .isTrue();
    cloud.state.delegatedZones.clear();
    assertThat(route53.resolvesCname("_v.a.dev.example.com", "grandchild.")).as("no longer from the top").isFalse();
    assertThat(route53.resolvesCname("_v.dev.example.com", "child.")).isFalse();
  }

  @Test
  void deletingAZoneForgetsOnlyItsOwnRecordsChangeTimes() {
    HostedZone a = dns.createHostedZone("a.com", "ra", TAGS);
    HostedZone b = dns.createHostedZone("b.com", "rb", TAGS);
    dns.changeRecords(a.id(), List.of(create(cname("_v.a.com", "x."))));
    dns.changeRecords(b.id(), List.of(create(cname("_v.b.com", "y."))));
    dns.changeRecords(a.id(), List.of(Change.delete(cname("_v.a.com", "x."))));
    dns.deleteHostedZone(a.id());
    assertThat(cloud.state.recordsChangedAt.keySet()).containsExactly(b.id() + " _v.b.com. CNAME");
  }
}
