package io.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.aws.AwsCloud;
import io.cruddur.aws.Moto;
import io.cruddur.aws.MotoCompensation;
import io.cruddur.memory.CloudInventory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * A real {@code kill -9} of the CLI's apply (and destroy) against moto, at a sample of points across the whole run
 * (right after its k-th finished step): the CLI runs in a process of its own, is killed (SIGKILL: no shutdown hook or clean-up
 * runs, its lease in SSM stays until it expires, 5 s here), and an apply from a new process waits for the lease,
 * then converges to a clean apply's resources with nothing made twice.
 */
@ExtendWith({Moto.class, MotoCredentials.class})
class KillOnMotoTest {
  private static String[] args(String command) {
    // moto starts no tasks and its repositories hold no images: what tasks would pull does not matter here.
    return new String[] {command, "--yes", "--target", "aws", "--endpoint", Moto.endpoint().toString(), "--region",
        "us-east-1", "--allow-missing-images", "--allow-missing-secrets", "cruddur"};
  }

  /** Runs the CLI in this JVM (the new process after a kill), through moto's compensation. */
  private static int cli(MotoCompensation compensation, String command, StringWriter err, String... options) {
    CommandLine c = new CommandLine(new Main(compensation::wrap));
    c.setOut(new PrintWriter(err, true)); // the plan too: its problems say why a run refused
    c.setErr(new PrintWriter(err, true));
    List<String> a = new ArrayList<>(List.of(args(command)));
    a.addAll(1, List.of(options));
    return c.execute(a.toArray(String[]::new));
  }

  private static SortedMap<String, List<String>> inventory() {
    try (AwsCloud cloud = Moto.cloud().build()) {
      SortedMap<String, List<String>> all = CloudInventory.of(cloud);
      all.remove("ec2.security-group"); // moto's default VPC has its own group: compare what the stack makes
      return all;
    }
  }

  @Test
  void anApplyKilledWithSigkillAtAnyPointConvergesWhenRunAgain() throws Exception {
    Moto.reset();
    StringWriter cleanErr = new StringWriter();
    long t0 = System.nanoTime();
    assertThat(cli(new MotoCompensation(), "apply", cleanErr)).as(cleanErr.toString()).isZero();
    long cleanMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    SortedMap<String, List<String>> expected = inventory();
    assertThat(CloudInventory.duplicates(expected)).isEmpty();

    List<String> report = new ArrayList<>();
    // Points across the whole apply, counted in its progress: killed right after its k-th finished step.
    for (int k : new int[] {1, 16, 36}) {
      Moto.reset();
      List<String> cmd = withArgs(args("apply"));
      cmd.addAll(cmd.size() - 1, List.of("--lease-ttl", "5s"));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      int done = killAfter(p, k);
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      boolean killed = p.exitValue() == 137;
      assertThat(done).as("the child's progress was read (its format?)").isEqualTo(k);
      assertThat(killed).as("killed after step %d, not exited by itself", k).isTrue();
      SortedMap<String, List<String>> left = inventory();
      int made = left.values().stream().mapToInt(List::size).sum();

      StringWriter err = new StringWriter();
      MotoCompensation compensation = new MotoCompensation();
      assertThat(cli(compensation, "apply", err, "--lease-wait", "1m")).as("after a kill after step %d: %s", k, err)
          .isZero();
      assertThat(inventory()).as("after a kill after step %d: converged, nothing made twice", k).isEqualTo(expected);
      report.add("k=" + k + ": " + (killed ? "killed" : "had exited (" + p.exitValue() + ")") + " after " + done
          + " steps, " + made + " resources left" + (err.toString().contains("lease  waiting") ? ", its lease "
          + "waited out" : ""));
      assertThat(cli(compensation, "destroy", new StringWriter())).isZero();
    }
    System.out.println("KillOnMotoTest: clean apply " + cleanMillis + " ms in-process; " + String.join("; ", report));
  }

  /**
   * The same for destroy: killed right after its k-th finished step, a destroy from a new process (waiting out the
   * dead one's lease) removes everything the stack owns; what moto had before the apply is all that is left.
   */
  @Test
  void aDestroyKilledWithSigkillAtAnyPointRemovesEverythingWhenRunAgain() throws Exception {
    Moto.reset();
    SortedMap<String, List<String>> before = inventory();
    List<String> report = new ArrayList<>();
    for (int k : new int[] {1, 15, 30}) {
      Moto.reset();
      StringWriter applyErr = new StringWriter();
      MotoCompensation compensation = new MotoCompensation();
      assertThat(cli(compensation, "apply", applyErr)).as(applyErr.toString()).isZero();
      int owned = inventory().values().stream().mapToInt(List::size).sum();
      List<String> cmd = withArgs(args("destroy"));
      cmd.addAll(cmd.size() - 1, List.of("--lease-ttl", "5s"));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      int done = killAfter(p, k);
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      boolean killed = p.exitValue() == 137;
      assertThat(done).as("the child's progress was read (its format?)").isEqualTo(k);
      assertThat(killed).as("killed after step %d, not exited by itself", k).isTrue();
      int left = inventory().values().stream().mapToInt(List::size).sum();

      StringWriter err = new StringWriter();
      assertThat(cli(compensation, "destroy", err, "--lease-wait", "1m")).as("after a kill after step %d: %s", k,
          err).isZero();
      assertThat(inventory()).as("after a kill after step %d: everything the stack owned is gone", k)
          .isEqualTo(before);
      report.add("k=" + k + ": " + (killed ? "killed" : "had exited (" + p.exitValue() + ")") + " after " + done
          + " steps, " + left + " of " + owned + " resources left");
    }
    System.out.println("KillOnMotoTest destroy: " + String.join("; ", report));
  }

  private static final java.util.regex.Pattern DONE = java.util.regex.Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} done ");

  /** Reads {@code p}'s progress until its k-th finished step, then kills it with SIGKILL; the steps it saw finish. */
  private static int killAfter(Process p, int k) throws java.io.IOException {
    int done = 0;
    try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
        java.nio.charset.StandardCharsets.UTF_8))) {
      String line;
      while (done < k && (line = lines.readLine()) != null) {
        // Progress off a terminal: "14:03:07.412 done   ecs.cluster cruddur (0.0s) [12/38]".
        if (DONE.matcher(line).lookingAt()) {
          done++;
        }
      }
      p.destroyForcibly(); // SIGKILL
    }
    return done;
  }

  private static List<String> withArgs(String[] cliArgs) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Daws.accessKeyId=testing", "-Daws.secretAccessKey=testing",
        "-Dcruddur.home=" + System.getProperty("cruddur.home", ".."), "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    cmd.addAll(List.of(cliArgs));
    return cmd;
  }
}
