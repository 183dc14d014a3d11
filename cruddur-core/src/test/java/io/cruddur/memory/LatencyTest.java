package io.cruddur.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The latency profiles: what each asynchronous step of AWS takes on the in-memory cloud's virtual clock. */
class LatencyTest {
  private static Duration s(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  @Test
  void instantTakesNoTimeForAnything() {
    Latency l = Latency.instant();
    assertThat(l.name()).isEqualTo("instant");
    assertThat(new Duration[] {l.taskStart(), l.failedTaskLaunch(), l.serviceDraining(),
        l.loadBalancerProvisioning(), l.certificateRecords(), l.certificateValidation(), l.iamPropagation(),
        l.networkInterfaceRelease(), l.certificateRelease(), l.ec2Visibility(), l.recordPropagation()}).containsOnly(Duration.ZERO);
  }

  @Test
  void compactTakesSecondsAndIsTheDefault() {
    assertThat(Latency.compact()).isEqualTo(new Latency("compact", s(10), s(30), s(15), s(60), s(2), s(20), s(5),
        s(20), s(10), s(1), s(2)));
    assertThat(InMemoryCloud.create().settings).isEqualTo(Latency.compact());
  }

  @Test
  void realisticTakesWhatAwsTakes() {
    assertThat(Latency.realistic()).isEqualTo(new Latency("realistic", s(45), s(60), s(30), s(180), s(5), s(120),
        s(8), s(120), s(60), s(2), s(30)));
  }

  @Test
  void withersReplaceOneDurationAndKeepTheRest() {
    Latency base = Latency.realistic();
    Latency iam = base.withIamPropagation(s(3));
    assertThat(iam).isEqualTo(new Latency("realistic", s(45), s(60), s(30), s(180), s(5), s(120), s(3), s(120),
        s(60), s(2), s(30)));
    Latency cert = base.withCertificateValidation(s(7));
    assertThat(cert).isEqualTo(new Latency("realistic", s(45), s(60), s(30), s(180), s(5), s(7), s(8), s(120),
        s(60), s(2), s(30)));
    Latency eni = base.withNetworkInterfaceRelease(s(11));
    assertThat(eni).isEqualTo(new Latency("realistic", s(45), s(60), s(30), s(180), s(5), s(120), s(8), s(11),
        s(60), s(2), s(30)));
    assertThat(base.withRecordPropagation(s(9)).recordPropagation()).isEqualTo(s(9));
    assertThat(base).as("immutable").isEqualTo(Latency.realistic());
  }

  @Test
  void everyDurationMustBeGivenAndNotNegative() {
    Duration z = Duration.ZERO;
    Duration neg = Duration.ofMillis(-1);
    assertThatThrownBy(() -> new Latency(null, z, z, z, z, z, z, z, z, z, z, z)).isInstanceOf(NullPointerException.class);
    for (int i = 0; i < 11; i++) {
      Duration[] d = {z, z, z, z, z, z, z, z, z, z, z};
      d[i] = neg;
      assertThatThrownBy(() -> new Latency("x", d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10]))
          .as("duration %d negative", i).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("latency profile x");
      d[i] = null;
      assertThatThrownBy(() -> new Latency("x", d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10]))
          .as("duration %d missing", i).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(new Latency("x", z, z, z, z, z, z, z, z, z, z, z).taskStart()).isZero();
  }

  @Test
  void theBuildersIamDelayOverridesOnlyThatOfItsProfile() {
    InMemoryCloud cloud = InMemoryCloud.builder().latency(Latency.realistic()).iamPropagationDelay(s(1)).build();
    assertThat(cloud.settings).isEqualTo(Latency.realistic().withIamPropagation(s(1)));
  }
}
