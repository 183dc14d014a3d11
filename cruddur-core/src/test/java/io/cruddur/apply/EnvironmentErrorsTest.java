package io.cruddur.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.Cruddur;
import io.cruddur.TestStacks;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.plan.Plan;
import io.cruddur.port.Route53Port;
import io.cruddur.spec.Problem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The environment can be wrong: each case ends in a clear error that says what to do, never a hang. */
class EnvironmentErrorsTest {
  @Test
  void aRegionWithoutADefaultVpcIsAPlanProblemThatSaysHowToMakeOne() {
    InMemoryCloud cloud = TestStacks.withSecret(TestStacks.cloudBuilder().withoutDefaultVpc().build());
    cloud.clearCalls();
    Plan plan = Cruddur.with(cloud).plan(TestStacks.shop());
    assertThat(plan.problems()).extracting(Problem::toString).contains("region: region us-east-1 has no default "
        + "VPC, which the stack's security groups, load balancer and services use: create one (aws ec2 "
        + "create-default-vpc --region us-east-1), or deploy to a region that has one");
    assertThat(cloud.writes()).isEmpty();
  }

  @Test
  void aCertificateWhoseZoneIsNotDelegatedSaysSoWhileWaitingAndFailsWithTheNameServersToSet() {
    // No delegate(...): the zone the stack creates is not pointed at by any registrar.
    InMemoryCloud cloud = TestStacks.withSecret(InMemoryCloud.builder().seedImages("api", TestStacks.TAGS)
        .seedImages("web", TestStacks.TAGS).build());
    List<ApplyEvent.Waiting> waits = new ArrayList<>();
    Outcome o = Cruddur.with(cloud).withListener(e -> {
      if (e instanceof ApplyEvent.Waiting w && w.step().id().toString().startsWith("wait:acm.certificate")) {
        waits.add(w);
      }
    }).apply(TestStacks.shop());
    Route53Port.HostedZone zone = cloud.route53().listHostedZones().get(0);
    String hint = "its validation records are in hosted zone shop.example.org: if this lasts, set the domain's name "
        + "servers at its registrar (or NS records in the parent zone) to " + String.join(", ", zone.nameServers());
    assertThat(waits).as("said while waiting").isNotEmpty().allSatisfy(w -> assertThat(w.status()).contains(hint));
    // The hint's zone is read once, not at each of the wait's hundreds of polls (Route 53: 5 calls a second).
    assertThat(waits.size()).isGreaterThan(100);
    assertThat(cloud.calls()).filteredOn(c -> c.operation().equals("ListHostedZones")).hasSizeLessThan(6);
    assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.failures()).singleElement()
        .satisfies(x -> assertThat(x.cause().getMessage()).startsWith("timed out after 45 min waiting for "
            + "certificate issued (pending DNS validation; " + hint)));
  }
}
