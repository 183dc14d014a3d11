package io.cruddur.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.memory.Call;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.port.CloudException;
import io.cruddur.port.ReadPorts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ReadCacheTest {
  private static final Map<String, String> TAGS = Map.of("cruddur:stack", "shop");
  private final InMemoryCloud cloud = InMemoryCloud.create();
  private final ReadPorts reads = ReadCache.of(cloud.reads(), cloud.clock());

  private List<String> calls() {
    return cloud.calls().stream().map(Call::toString).toList();
  }

  @Test
  void aFindIsAnsweredFromTheListingOfItsKindWhenThePlanMadeOne() {
    cloud.ecr().createRepository("api", false, false, TAGS);
    cloud.clearCalls();
    var listed = reads.ecr().listRepositories();
    assertThat(reads.ecr().findRepository("api")).contains(listed.get(0));
    assertThat(reads.ecr().findRepository("web")).as("not listed, so not there").isEmpty();
    assertThat(calls()).containsExactly("ecr:DescribeRepositories");
  }

  @Test
  void aFindBeforeAnyListingIsMade() {
    cloud.ecr().createRepository("api", false, false, TAGS);
    cloud.clearCalls();
    assertThat(reads.ecr().findRepository("api")).isPresent();
    reads.ecr().listRepositories();
    assertThat(calls()).containsExactly("ecr:DescribeRepositories api", "ecr:DescribeRepositories");
  }

  /** ECS lists no draining service: one it does not list is described, as it may be draining. */
  @Test
  void aServiceTheListingLeavesOutIsDescribed() {
    reads.ecs().listServices("shop");
    assertThat(reads.ecs().findService("shop", "api")).isEmpty();
    assertThat(calls()).containsExactly("ecs:ListServices shop", "ecs:DescribeServices api");
  }

  @Test
  void aRolesPoliciesAreAnsweredFromTheRoleDetails() {
    cloud.iam().createRole("shop-task", "{}", TAGS);
    cloud.iam().putRolePolicy("shop-task", "inline", "{\"Version\":\"2012-10-17\"}");
    cloud.clearCalls();
    reads.iam().listRoleDetails();
    assertThat(reads.iam().findRole("shop-task")).isPresent();
    assertThat(reads.iam().rolePolicies("shop-task")).containsOnlyKeys("inline");
    assertThat(reads.iam().attachedPolicies("shop-task")).isEmpty();
    assertThat(reads.iam().listRoles()).hasSize(1);
    assertThat(calls()).containsExactly("iam:GetAccountAuthorizationDetails");
  }

  @Test
  void readsOfTheSameThingOnSeveralThreadsMakeOneCall() {
    cloud.faults().delay("ecr:DescribeRepositories", Duration.ofMillis(300));
    var a = CompletableFuture.supplyAsync(() -> reads.ecr().listRepositories());
    var b = CompletableFuture.supplyAsync(() -> reads.ecr().findRepository("api"));
    var c = CompletableFuture.supplyAsync(() -> reads.ecr().listRepositories());
    assertThat(a.join()).isEqualTo(c.join());
    b.join();
    assertThat(calls()).filteredOn(s -> s.equals("ecr:DescribeRepositories")).hasSize(1);
  }

  @Test
  void aFailedReadIsNotRememberedAndAFindDoesNotRelyOnAFailedListing() {
    cloud.faults().failNext("ecr:DescribeRepositories", () -> new CloudException.Invalid("AccessDenied"));
    assertThatThrownBy(() -> reads.ecr().listRepositories()).isInstanceOf(CloudException.Invalid.class);
    assertThat(reads.ecr().findRepository("api")).isEmpty();
    assertThat(reads.ecr().listRepositories()).isEmpty();
    assertThat(calls()).containsExactly("ecr:DescribeRepositories", "ecr:DescribeRepositories api",
        "ecr:DescribeRepositories");
  }
}
