package io.cruddur.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLeasesTest {
  @TempDir
  Path dir;

  @Test
  void aSecondRunOnTheSameStateFileIsRefusedWithTheHolderWhateverItsStack() {
    Path state = dir.resolve("state.json");
    FileLeases leases = new FileLeases(state);
    try (Lease first = leases.acquire("cruddur", LeaseOptions.defaults().withHolder("alice@box (pid 7)"))) {
      assertThat(leases.lockFile()).isEqualTo(dir.resolve("state.json.lock"));
      assertThat(leases.readHolder()).map(LeaseHolder::token).contains(first.holder().token());
      assertThatThrownBy(() -> new FileLeases(state).acquire("other", LeaseOptions.defaults()))
          .isInstanceOf(LeaseBusyException.class)
          .hasMessage("state file " + state.toAbsolutePath() + " is locked by alice@box (pid 7) since "
              + first.holder().since() + "; waited 0 s. Another apply or destroy is running: wait for it, or wait "
              + "longer for the lease");
    }
    try (Lease again = leases.acquire("cruddur", LeaseOptions.defaults())) {
      assertThat(again.lost()).isEmpty();
    }
    assertThat(Files.exists(dir.resolve("state.json"))).as("the lease does not create the state file").isFalse();
  }

  @Test
  void aWaitingRunTakesTheLockOnceItIsReleased() throws Exception {
    Path state = dir.resolve("state.json");
    Lease first = new FileLeases(state).acquire("cruddur", LeaseOptions.defaults().withHolder("alice"));
    Thread releaser = LeaseTesting.releaseLater(first, Duration.ofMillis(300));
    List<String> log = new CopyOnWriteArrayList<>();
    try (Lease second = new FileLeases(state).acquire("cruddur", LeaseOptions.defaults()
        .withWait(Duration.ofSeconds(20)).withPoll(Duration.ofMillis(20)).withLog(log::add))) {
      assertThat(second.lost()).isEmpty();
    }
    releaser.join();
    assertThat(log).singleElement().asString().startsWith("waiting for the lease of state file "
        + state.toAbsolutePath() + ": held by alice since ").endsWith(" for stack cruddur");
  }

  @Test
  void aHolderKilledWithSigkillLetsGoOfTheLock() throws Exception {
    Path state = dir.resolve("state.json");
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), HoldFileLease.class.getName(), state.toString(), "cruddur")
        .redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertThat(line).startsWith("held ").contains("(pid " + holder.pid() + ")");
      assertThatThrownBy(() -> new FileLeases(state).acquire("cruddur", LeaseOptions.defaults()))
          .isInstanceOf(LeaseBusyException.class).hasMessageContaining("(pid " + holder.pid() + ") since ");
    } finally {
      holder.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up code runs
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(holder.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    try (Lease mine = new FileLeases(state).acquire("cruddur", LeaseOptions.defaults())) {
      assertThat(mine.lost()).isEmpty();
    }
  }

  /** On Linux, closing any handle on a locked file drops the process's lock: a refusal must not open the file. */
  @Test
  void aRefusalInThisJvmKeepsTheLockAgainstOtherProcesses() throws Exception {
    Path state = dir.resolve("state.json");
    try (Lease held = new FileLeases(state).acquire("cruddur", LeaseOptions.defaults().withHolder("me"))) {
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> new FileLeases(state).acquire("cruddur", LeaseOptions.defaults()))
            .isInstanceOf(LeaseBusyException.class).hasMessageContaining("locked by me since");
        assertThat(new FileLeases(state).readHolder()).map(LeaseHolder::holder).contains("me");
      }
      assertThat(tryFromAnotherProcess(state)).as("still locked for other processes").isEqualTo("busy");
      assertThat(held.lost()).isEmpty();
    }
    assertThat(tryFromAnotherProcess(state)).isEqualTo("held");
  }

  private static String tryFromAnotherProcess(Path state) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), HoldFileLease.class.getName(), state.toString(), "cruddur", "try")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
