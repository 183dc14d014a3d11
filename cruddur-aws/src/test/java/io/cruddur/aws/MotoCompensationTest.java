package io.cruddur.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.contract.BasicPortsContract;
import io.cruddur.port.Cloud;
import io.cruddur.port.Ec2Port;
import io.cruddur.port.EcsPort;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link MotoCompensation} against moto 5.2.5: the raw adapters show the gaps it compensates (if moto starts keeping
 * these fields, the first test fails, and the compensation and {@code Gap.ECS_DROPS_SETTINGS} can go), the wrapped
 * cloud reads back what was written.
 */
@ExtendWith(Moto.class)
class MotoCompensationTest {
  private static final Map<String, String> TAGS = Map.of("cruddur:stack", "compensation");
  private static AwsCloud raw;

  @BeforeAll
  static void connect() {
    raw = Moto.cloud().build();
  }

  @AfterAll
  static void close() {
    if (raw != null) {
      raw.close();
    }
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A cluster with a task definition, and a service spec with every setting off its ECS default. */
  private static EcsPort.ServiceSpec spec() {
    String cluster = unique("cluster");
    raw.ecs().createCluster(cluster, false, null, TAGS);
    String role = raw.iam().createRole(unique("exec"), BasicPortsContract.TRUST, TAGS).arn();
    var app = new EcsPort.ContainerDefinition("app", "nginx:1", 0, null, true,
        List.of(new EcsPort.PortMapping(80, "tcp", "app", "http")), Map.of(), Map.of(), null, null);
    String td = raw.ecs().registerTaskDefinition(new EcsPort.TaskDefinitionSpec(unique("f"), "256", "512", role,
        role, List.of(app), TAGS)).arn();
    String vpc = raw.ec2().defaultVpc().orElseThrow().id();
    List<String> subnets = raw.ec2().subnets(vpc).stream().filter(Ec2Port.Subnet::defaultForAz)
        .map(Ec2Port.Subnet::id).sorted().limit(2).toList();
    String sg = raw.ec2().createSecurityGroup(unique("svc"), "svc", vpc, TAGS).id();
    String ns = raw.serviceDiscovery().createHttpNamespace(unique("ns"), unique("req"), TAGS).arn();
    return new EcsPort.ServiceSpec(cluster, "web", td, 1, subnets, List.of(sg), true, List.of(),
        new EcsPort.ServiceConnect(ns, "app", "web", 80), true, true, true, 50, 150, "TASK_DEFINITION", TAGS);
  }

  /** The six fields moto drops read back as in {@code spec}; propagateTags it keeps by itself. */
  private static void assertWritten(EcsPort.ServiceSpec read, EcsPort.ServiceSpec spec) {
    assertThat(read.enableExecuteCommand()).isEqualTo(spec.enableExecuteCommand());
    assertThat(read.circuitBreaker()).isEqualTo(spec.circuitBreaker());
    assertThat(read.rollback()).isEqualTo(spec.rollback());
    assertThat(read.minHealthyPercent()).isEqualTo(spec.minHealthyPercent());
    assertThat(read.maxPercent()).isEqualTo(spec.maxPercent());
    assertThat(read.serviceConnect()).isEqualTo(spec.serviceConnect());
    assertThat(read.propagateTags()).isEqualTo(spec.propagateTags());
  }

  @Test
  void rawMotoDropsTheSettingsOnCreate() {
    var spec = spec();
    raw.ecs().createService(spec, "t");
    var read = raw.ecs().findService(spec.cluster(), "web").orElseThrow().spec();
    assertThat(read.enableExecuteCommand()).isFalse();
    assertThat(read.circuitBreaker()).isFalse();
    assertThat(read.rollback()).isFalse();
    assertThat(read.minHealthyPercent()).isEqualTo(100);
    assertThat(read.maxPercent()).isEqualTo(200);
    assertThat(read.serviceConnect()).isNull();
    assertThat(read.propagateTags()).as("echoed by moto").isEqualTo("TASK_DEFINITION");
    assertThat(read.tags()).as("no bookkeeping tag").isEqualTo(TAGS);
    assertThat(raw.ecs().findCluster(spec.cluster()).orElseThrow().tags()).as("no bookkeeping tag").isEqualTo(TAGS);
  }

  @Test
  void theWrappedCloudReadsBackWhatWasWrittenAcrossWrappers() {
    MotoCompensation compensation = new MotoCompensation();
    Cloud cloud = compensation.wrap(raw);
    var spec = spec();
    assertWritten(cloud.ecs().createService(spec, "t").spec(), spec);
    try (AwsCloud other = Moto.cloud().build()) {
      Cloud again = compensation.wrap(other);
      for (var s : List.of(again.ecs().findService(spec.cluster(), "web").orElseThrow(),
          again.ecs().listServices(spec.cluster()).get(0), cloud.reads().ecs().findService(spec.cluster(), "web")
              .orElseThrow())) {
        assertWritten(s.spec(), spec);
      }
    }
    var off = new EcsPort.ServiceSpec(spec.cluster(), "web", spec.taskDefinitionArn(), 1, spec.subnets(),
        spec.securityGroups(), true, List.of(), null, false, false, false, 100, 200, "SERVICE", TAGS);
    assertWritten(cloud.ecs().updateService(off, false).spec(), off);
    assertWritten(cloud.ecs().findService(spec.cluster(), "web").orElseThrow().spec(), off);
    cloud.ecs().deleteService(spec.cluster(), "web");
    assertThat(cloud.ecs().findService(spec.cluster(), "web")).isEmpty();
  }

  @Test
  void otherPortsAndCloudFactsPassThrough() throws ReflectiveOperationException {
    Cloud cloud = new MotoCompensation().wrap(raw);
    assertThat(cloud.accountId()).isEqualTo(raw.accountId());
    assertThat(cloud.region()).isEqualTo(raw.region());
    assertThat(cloud.partition()).isEqualTo(raw.partition());
    assertThat(cloud.clock()).isSameAs(raw.clock());
    assertThat(cloud.ecs()).isNotSameAs(raw.ecs());
    for (var c : io.cruddur.port.Ports.class.getRecordComponents()) {
      if (c.getType() != EcsPort.class) {
        assertThat(c.getAccessor().invoke(cloud.ports())).as(c.getName()).isSameAs(c.getAccessor().invoke(raw.ports()));
      }
    }
  }
}
