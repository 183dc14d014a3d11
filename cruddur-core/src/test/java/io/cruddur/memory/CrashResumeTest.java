package io.cruddur.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cruddur.Cruddur;
import io.cruddur.TestStacks;
import io.cruddur.apply.Outcome;
import io.cruddur.spec.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash-resume at every write: a run is killed right after its k-th write call took effect, as if the process had
 * died (no clean-up code, no retry, nothing after it), for every k from 1 to the number of writes of a clean run.
 * A new process (a cloud loaded from the state file alone, a new Cruddur) runs again and must converge to a clean
 * run's final state, with nothing orphaned or made twice, and then plan no work.
 */
class CrashResumeTest {
  private static final Stack SHOP = TestStacks.shop();

  @TempDir
  Path dir;

  /** A process's view of the embedded cloud: loaded from the state file, seeded as the CLI seeds it. */
  private static InMemoryCloud process(Path state) {
    return TestStacks.cloudBuilder().stateFile(state).build();
  }

  private record Clean(Path state, int writes, SortedMap<String, List<String>> inventory) {}

  /** Runs {@code run} cleanly from {@code start} (a state file, or null for an empty cloud): its writes and end. */
  private Clean clean(Path start, BiFunction<Cruddur, Stack, Outcome> run) throws Exception {
    Path state = dir.resolve("clean-" + System.nanoTime() + ".json");
    if (start != null) {
      Files.copy(start, state);
    }
    InMemoryCloud cloud = start == null ? TestStacks.withSecret(process(state)) : process(state);
    cloud.faults().clear();
    assertThat(run.apply(Cruddur.with(cloud), SHOP).succeeded()).isTrue();
    return new Clean(state, (int) cloud.faults().writes(), CloudInventory.of(cloud));
  }

  /**
   * For every k: {@code run} from {@code start}, killed after write k; then {@code run} again in a new process.
   * Returns the values of k that were tried.
   */
  private List<Integer> killAtEveryWriteThenRunAgain(Path start, Clean clean,
      BiFunction<Cruddur, Stack, Outcome> run, BiFunction<Cruddur, Stack, Boolean> nothingLeft) throws Exception {
    List<Integer> tried = new ArrayList<>();
    for (int k = 1; k <= clean.writes(); k++) {
      Path state = dir.resolve("k" + k + "-" + System.nanoTime() + ".json");
      if (start != null) {
        Files.copy(start, state);
      }
      InMemoryCloud dying = start == null ? TestStacks.withSecret(process(state)) : process(state);
      dying.faults().crashAfterWrites(k);
      Throwable died = catchThrowable(() -> run.apply(Cruddur.with(dying), SHOP));
      assertThat(dying.faults().crashed()).as("k=%d: the process died (%s)", k, died).isTrue();

      InMemoryCloud next = process(state);
      Cruddur cruddur = Cruddur.with(next);
      Outcome again = run.apply(cruddur, SHOP);
      assertThat(again.succeeded()).as("k=%d: the run in a new process: %s", k, again).isTrue();
      assertThat(CloudInventory.of(next)).as("k=%d: converged, nothing orphaned or made twice", k)
          .isEqualTo(clean.inventory());
      assertThat(nothingLeft.apply(cruddur, SHOP)).as("k=%d: nothing left to do", k).isTrue();
      tried.add(k);
    }
    return tried;
  }

  @Test
  void anApplyKilledAfterAnyOfItsWritesConvergesWhenRunAgain() throws Exception {
    Clean clean = clean(null, Cruddur::apply);
    assertThat(CloudInventory.duplicates(clean.inventory())).isEmpty();
    List<Integer> tried = killAtEveryWriteThenRunAgain(null, clean, Cruddur::apply,
        (c, s) -> c.plan(s).work().isEmpty());
    System.out.println("CrashResumeTest: apply killed after each of its " + clean.writes() + " writes, k=" + tried);
    assertThat(clean.writes()).as("a write per resource or so").isGreaterThan(30);
    assertThat(tried).first().isEqualTo(1);
    assertThat(tried).last().isEqualTo(clean.writes());
  }

  @Test
  void aDestroyKilledAfterAnyOfItsWritesRemovesEverythingWhenRunAgain() throws Exception {
    Clean applied = clean(null, Cruddur::apply);
    Clean destroyed = clean(applied.state(), Cruddur::destroy);
    assertThat(destroyed.inventory()).as("nothing the stack owned is left").isEmpty();
    List<Integer> tried = killAtEveryWriteThenRunAgain(applied.state(), destroyed, Cruddur::destroy,
        (c, s) -> c.planDestroy(s).work().isEmpty());
    System.out.println("CrashResumeTest: destroy killed after each of its " + destroyed.writes() + " writes, k="
        + tried);
    assertThat(destroyed.writes()).isGreaterThan(30);
    assertThat(tried).first().isEqualTo(1);
    assertThat(tried).last().isEqualTo(destroyed.writes());
  }

  @Test
  void theStateFileIsWholeAfterACrashAtAnyWrite() throws Exception {
    Path state = dir.resolve("s.json");
    InMemoryCloud dying = TestStacks.withSecret(process(state));
    dying.faults().crashAfterWrites(5);
    catchThrowable(() -> Cruddur.with(dying).apply(SHOP));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left beside it")
          .containsExactly("s.json");
    }
    InMemoryCloud next = process(state);
    assertThat(next.writes()).isEmpty();
    assertThat(CloudInventory.of(next).values().stream().mapToInt(List::size).sum()).as("what the 5 writes made")
        .isPositive();
  }
}
