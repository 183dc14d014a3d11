package io.cruddur.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.port.CloudException;
import io.cruddur.port.Ec2Port;
import io.cruddur.port.Ec2Port.Permission;
import io.cruddur.port.Ec2Port.Rule;
import io.cruddur.port.Ec2Port.SecurityGroup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * EC2 security groups as AWS behaves: unique names per VPC, a new group described only a moment after its creation
 * (compact latency: 1 s), ingress rules with ids, one source per rule and no duplicates, and no delete while another
 * group references it or a network interface holds it.
 */
class MemEc2Test {
  private static final Map<String, String> TAGS = Map.of("cruddur:stack", "t");

  private final InMemoryCloud cloud = InMemoryCloud.create();
  private final Ec2Port ec2 = cloud.ec2();
  private final String vpc = ec2.defaultVpc().orElseThrow().id();

  private static Permission cidr(int port, String cidr) {
    return new Permission("tcp", port, port, cidr, null, "d");
  }

  private SecurityGroup visibleGroup(String name) {
    SecurityGroup g = ec2.createSecurityGroup(name, "desc " + name, vpc, TAGS);
    cloud.clock().advance(Duration.ofSeconds(1));
    return g;
  }

  @Test
  void aGroupGetsAnIdAndIsDescribedOnlyAMomentAfterItsCreation() {
    SecurityGroup g = ec2.createSecurityGroup("web", "the web tier", vpc, TAGS);
    assertThat(g).isEqualTo(new SecurityGroup(g.id(), "web", "the web tier", vpc, List.of(), TAGS));
    assertThat(g.id()).matches("sg-[0-9a-f]{17}");
    assertThat(ec2.findSecurityGroup(vpc, "web")).isEmpty();
    assertThat(ec2.listSecurityGroups(vpc)).isEmpty();
    cloud.clock().advance(Duration.ofMillis(999));
    assertThat(ec2.findSecurityGroup(vpc, "web")).isEmpty();
    cloud.clock().advance(Duration.ofMillis(1));
    assertThat(ec2.findSecurityGroup(vpc, "web")).contains(g);
    assertThat(ec2.listSecurityGroups(vpc)).containsExactly(g);
    assertThat(ec2.findSecurityGroup(vpc, "api")).isEmpty();
    assertThat(ec2.listSecurityGroups("vpc-other")).isEmpty();
  }

  @Test
  void namesAreUniqueInAVpcAndTheVpcMustExist() {
    ec2.createSecurityGroup("web", "d", vpc, TAGS);
    assertThatThrownBy(() -> ec2.createSecurityGroup("web", "other", vpc, TAGS))
        .isInstanceOf(CloudException.Conflict.class).hasMessageContaining("InvalidGroup.Duplicate");
    assertThatThrownBy(() -> ec2.createSecurityGroup("api", "d", "vpc-nope", TAGS))
        .isInstanceOf(CloudException.NotFound.class).hasMessageContaining("InvalidVpcID.NotFound: vpc-nope");
  }

  @Test
  void ingressRulesGetIdsAndAreKeptInACanonicalOrder() {
    SecurityGroup g = visibleGroup("web");
    SecurityGroup lb = visibleGroup("lb");
    String https = ec2.authorizeIngress(g.id(), cidr(443, "0.0.0.0/0"));
    String http = ec2.authorizeIngress(g.id(), cidr(80, "0.0.0.0/0"));
    String fromLb = ec2.authorizeIngress(g.id(), new Permission("tcp", 8080, 8080, null, lb.id(), "from lb"));
    String udp = ec2.authorizeIngress(g.id(), new Permission("udp", 53, 53, "10.0.0.0/8", null, null));
    String range = ec2.authorizeIngress(g.id(), new Permission("tcp", 80, 90, "10.0.0.0/8", null, null));
    String narrow = ec2.authorizeIngress(g.id(), new Permission("tcp", 80, 80, "10.0.0.0/8", null, null));
    assertThat(List.of(https, http, fromLb, udp, range, narrow)).allSatisfy(id -> assertThat(id)
        .matches("sgr-[0-9a-f]{17}")).doesNotHaveDuplicates();
    List<Rule> rules = ec2.findSecurityGroup(vpc, "web").orElseThrow().ingress();
    assertThat(rules).extracting(Rule::id).containsExactly(http, narrow, range, https, fromLb, udp);
    assertThat(rules.get(4).permission().sourceGroupId()).isEqualTo(lb.id());
  }

  @Test
  void aRuleHasExactlyOneSourceThatExistsAndIsNotThereYet() {
    SecurityGroup g = visibleGroup("web");
    assertThatThrownBy(() -> ec2.authorizeIngress(g.id(), new Permission("tcp", 80, 80, null, null, null)))
        .isInstanceOf(CloudException.Invalid.class).hasMessageContaining("InvalidParameterCombination");
    assertThatThrownBy(() -> ec2.authorizeIngress(g.id(), new Permission("tcp", 80, 80, "0.0.0.0/0", g.id(), null)))
        .isInstanceOf(CloudException.Invalid.class);
    assertThatThrownBy(() -> ec2.authorizeIngress(g.id(), new Permission("tcp", 80, 80, null, "sg-nope", null)))
        .isInstanceOf(CloudException.NotFound.class).hasMessageContaining("sg-nope");
    ec2.authorizeIngress(g.id(), cidr(80, "0.0.0.0/0"));
    assertThatThrownBy(() -> ec2.authorizeIngress(g.id(), new Permission("tcp", 80, 80, "0.0.0.0/0", null,
        "another description"))).isInstanceOf(CloudException.Conflict.class)
        .hasMessageContaining("InvalidPermission.Duplicate");
    ec2.authorizeIngress(g.id(), new Permission("udp", 80, 80, "0.0.0.0/0", null, null));
    ec2.authorizeIngress(g.id(), new Permission("tcp", 81, 81, "0.0.0.0/0", null, null));
    ec2.authorizeIngress(g.id(), new Permission("tcp", 80, 81, "0.0.0.0/0", null, null));
    ec2.authorizeIngress(g.id(), cidr(80, "10.0.0.0/8"));
    ec2.authorizeIngress(g.id(), new Permission("tcp", 80, 80, null, g.id(), null));
    assertThatThrownBy(() -> ec2.authorizeIngress(g.id(), new Permission("tcp", 80, 80, null, g.id(), null)))
        .isInstanceOf(CloudException.Conflict.class);
    assertThat(ec2.findSecurityGroup(vpc, "web").orElseThrow().ingress()).hasSize(6);
    assertThatThrownBy(() -> ec2.authorizeIngress("sg-nope", cidr(80, "0.0.0.0/0")))
        .isInstanceOf(CloudException.NotFound.class);
  }

  @Test
  void aGroupCreatedMomentsAgoIsNotYetConsistentForIngress() {
    SecurityGroup g = ec2.createSecurityGroup("web", "d", vpc, TAGS);
    assertThatThrownBy(() -> ec2.authorizeIngress(g.id(), cidr(80, "0.0.0.0/0")))
        .isInstanceOf(CloudException.NotYetConsistent.class).hasMessageContaining(g.id())
        .matches(e -> ((CloudException) e).retryable());
    cloud.clock().advance(Duration.ofSeconds(1));
    assertThat(ec2.authorizeIngress(g.id(), cidr(80, "0.0.0.0/0"))).startsWith("sgr-");
  }

  @Test
  void revokingRemovesOnlyThatRule() {
    SecurityGroup g = visibleGroup("web");
    String http = ec2.authorizeIngress(g.id(), cidr(80, "0.0.0.0/0"));
    String https = ec2.authorizeIngress(g.id(), cidr(443, "0.0.0.0/0"));
    ec2.revokeIngress(g.id(), http);
    SecurityGroup after = ec2.findSecurityGroup(vpc, "web").orElseThrow();
    assertThat(after.ingress()).extracting(Rule::id).containsExactly(https);
    assertThat(after.name()).isEqualTo("web");
    assertThat(after.description()).isEqualTo("desc web");
    assertThat(after.tags()).isEqualTo(TAGS);
    assertThatThrownBy(() -> ec2.revokeIngress(g.id(), http)).isInstanceOf(CloudException.NotFound.class)
        .hasMessageContaining("InvalidSecurityGroupRuleId.NotFound");
    assertThatThrownBy(() -> ec2.revokeIngress("sg-nope", https)).isInstanceOf(CloudException.NotFound.class);
    ec2.authorizeIngress(g.id(), cidr(80, "0.0.0.0/0"));
    assertThat(ec2.findSecurityGroup(vpc, "web").orElseThrow().ingress()).hasSize(2);
  }

  @Test
  void aGroupReferencedByAnotherOrUsedByALoadBalancerCannotBeDeleted() {
    SecurityGroup lb = visibleGroup("lb");
    SecurityGroup web = visibleGroup("web");
    String rule = ec2.authorizeIngress(web.id(), new Permission("tcp", 80, 80, null, lb.id(), null));
    ec2.authorizeIngress(lb.id(), new Permission("tcp", 80, 80, null, lb.id(), null));
    assertThatThrownBy(() -> ec2.deleteSecurityGroup(lb.id())).isInstanceOf(CloudException.InUse.class)
        .hasMessageContaining("DependencyViolation").hasMessageContaining("lb is referenced by another group");
    ec2.revokeIngress(web.id(), rule);
    ec2.deleteSecurityGroup(lb.id());
    assertThat(ec2.findSecurityGroup(vpc, "lb")).as("a rule referencing itself does not count").isEmpty();

    List<String> subnets = ec2.subnets(vpc).stream().map(Ec2Port.Subnet::id).limit(2).toList();
    var alb = cloud.elb().createLoadBalancer("alb", true, subnets, List.of(web.id()), TAGS);
    assertThatThrownBy(() -> ec2.deleteSecurityGroup(web.id())).isInstanceOf(CloudException.InUse.class)
        .hasMessageContaining("web is in use by a network interface");
    cloud.elb().deleteLoadBalancer(alb.arn());
    assertThat(cloud.state.heldSecurityGroups).containsEntry(web.id(), cloud.now() + 20_000);
    cloud.clock().advance(Duration.ofMillis(19_999));
    assertThatThrownBy(() -> ec2.deleteSecurityGroup(web.id())).isInstanceOf(CloudException.InUse.class);
    cloud.clock().advance(Duration.ofMillis(1));
    ec2.deleteSecurityGroup(web.id());
    assertThat(cloud.state.heldSecurityGroups).isEmpty();
    assertThat(cloud.state.securityGroupsCreatedAt).isEmpty();
    assertThatThrownBy(() -> ec2.deleteSecurityGroup(web.id())).isInstanceOf(CloudException.NotFound.class)
        .hasMessageContaining("InvalidGroup.NotFound");
  }

  @Test
  void aHoldIsExtendedNotShortened() {
    SecurityGroup g = visibleGroup("web");
    MemEc2 mem = (MemEc2) ec2;
    mem.hold(List.of(g.id()));
    long first = cloud.state.heldSecurityGroups.get(g.id());
    cloud.clock().advance(Duration.ofSeconds(5));
    mem.hold(List.of(g.id()));
    assertThat(cloud.state.heldSecurityGroups.get(g.id())).isEqualTo(first + 5_000);
    cloud.clock().set(cloud.now() - 10_000);
    mem.hold(List.of(g.id()));
    assertThat(cloud.state.heldSecurityGroups.get(g.id())).isEqualTo(first + 5_000);
  }

  @Test
  void aGroupOfAServiceThatIsNotInactiveIsInUse() {
    SecurityGroup g = visibleGroup("svc");
    cloud.ecs().createCluster("c", false, null, TAGS);
    var td = cloud.ecs().registerTaskDefinition(new io.cruddur.port.EcsPort.TaskDefinitionSpec("f", "256", "512",
        null, null, List.of(new io.cruddur.port.EcsPort.ContainerDefinition("app", "nginx", 0, null, true, List.of(),
            Map.of(), Map.of(), null, null)), TAGS));
    List<String> subnets = ec2.subnets(vpc).stream().map(Ec2Port.Subnet::id).limit(2).toList();
    cloud.ecs().createService(new io.cruddur.port.EcsPort.ServiceSpec("c", "web", td.arn(), 1, subnets,
        List.of(g.id()), true, List.of(), null, false, true, true, 100, 200, "SERVICE", TAGS), null);
    assertThatThrownBy(() -> ec2.deleteSecurityGroup(g.id())).isInstanceOf(CloudException.InUse.class)
        .hasMessageContaining("in use by a network interface");
    SecurityGroup unused = visibleGroup("unused");
    ec2.deleteSecurityGroup(unused.id());
    assertThat(ec2.listSecurityGroups(vpc)).extracting(SecurityGroup::name).containsExactly("svc");
  }

  @Test
  void rulesWithTheSamePortsAreOrderedBySourceWhateverOrderTheyCameIn() {
    SecurityGroup g = visibleGroup("web");
    SecurityGroup x = visibleGroup("x");
    SecurityGroup y = visibleGroup("y");
    String wide = ec2.authorizeIngress(g.id(), new Permission("tcp", 80, 100, "10.0.0.0/8", null, null));
    String narrow = ec2.authorizeIngress(g.id(), new Permission("tcp", 90, 95, "10.0.0.0/8", null, null));
    String ten = ec2.authorizeIngress(g.id(), cidr(443, "10.0.0.0/8"));
    String any = ec2.authorizeIngress(g.id(), cidr(443, "0.0.0.0/0"));
    List<SecurityGroup> sources = new java.util.ArrayList<>(List.of(x, y));
    sources.sort(java.util.Comparator.comparing(SecurityGroup::id));
    String last = ec2.authorizeIngress(g.id(), new Permission("tcp", 443, 443, null, sources.get(1).id(), null));
    String first = ec2.authorizeIngress(g.id(), new Permission("tcp", 443, 443, null, sources.get(0).id(), null));
    assertThat(ec2.findSecurityGroup(vpc, "web").orElseThrow().ingress()).extracting(Rule::id)
        .containsExactly(wide, narrow, any, ten, first, last);
  }

  @Test
  void aGroupIsReferencedOnlyByRulesThatNameIt() {
    SecurityGroup other = visibleGroup("other");
    SecurityGroup g = visibleGroup("web");
    ec2.authorizeIngress(other.id(), cidr(80, "0.0.0.0/0"));
    ec2.deleteSecurityGroup(g.id());
    assertThat(ec2.findSecurityGroup(vpc, "web")).isEmpty();
  }
}
