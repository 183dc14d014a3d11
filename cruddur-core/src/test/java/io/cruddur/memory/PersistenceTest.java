package io.cruddur.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.Cruddur;
import io.cruddur.TestStacks;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
  @TempDir
  Path dir;

  @Test
  void separateRunsSeeTheSameCloud() throws Exception {
    Path file = dir.resolve("nested/state.json");
    InMemoryCloud first = InMemoryCloud.builder().stateFile(file).build();
    assertThat(Cruddur.with(first).apply(TestStacks.shop()).succeeded()).isTrue();
    InMemoryCloud second = InMemoryCloud.builder().stateFile(file).build();
    assertThat(second.ecs().listServices("shop")).hasSize(2);
    assertThat(second.clock().now()).isEqualTo(first.clock().now());
    assertThat(Cruddur.with(second).plan(TestStacks.shop()).work()).isEmpty();
    assertThat(second.writes()).isEmpty();
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).as("no temp file is left behind")
          .containsExactly("state.json");
    }
  }

  @Test
  void idsAreDeterministic() {
    InMemoryCloud a = InMemoryCloud.create();
    InMemoryCloud b = InMemoryCloud.create();
    Cruddur.with(a).apply(TestStacks.shop());
    Cruddur.with(b).apply(TestStacks.shop());
    assertThat(a.elb().listLoadBalancers()).isEqualTo(b.elb().listLoadBalancers());
    assertThat(a.ec2().defaultVpc()).isEqualTo(b.ec2().defaultVpc());
  }
}
