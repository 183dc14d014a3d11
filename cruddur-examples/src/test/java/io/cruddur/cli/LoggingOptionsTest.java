package io.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --quiet, --verbose, --debug and --log, run as main runs them: logs on standard error, never on standard output. */
class LoggingOptionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private static CliTest.Result run(String... args) {
    return CliTest.run(args);
  }

  /** Adds a field this version does not know to the state file, as a newer version of Cruddur might have. */
  private static void addUnknownField(Path state) throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(state.toFile());
    root.put("addedByANewerVersion", 1);
    JSON.writeValue(state.toFile(), root);
  }

  @Test
  void aWarningIsLoggedByDefaultAndNotUnderQuiet() throws Exception {
    Path state = dir.resolve("state.json");
    CliTest.Result apply = run("apply", "--yes", "--state", state.toString(), "cruddur");
    assertThat(apply.code()).as(apply.err()).isZero();
    CliTest.Result before = run("plan", "--state", state.toString(), "cruddur");
    assertThat(before.err()).as("a state file this version wrote has nothing it does not know").isEmpty();

    addUnknownField(state);
    CliTest.Result plain = run("plan", "--state", state.toString(), "cruddur");
    assertThat(plain.code()).isZero();
    assertThat(plain.err()).isEqualTo("WARN InMemoryCloud: the state file " + state + " has fields this version of "
        + "Cruddur does not know, which it ignores and drops when it next writes the file: "
        + "MemoryState.addedByANewerVersion\n");
    for (String[] quiet : List.of(new String[] {"plan", "--quiet"}, new String[] {"-q", "plan"})) {
      List<String> args = new ArrayList<>(List.of(quiet));
      args.addAll(List.of("--state", state.toString(), "cruddur"));
      CliTest.Result q = run(args.toArray(String[]::new));
      assertThat(q.code()).isZero();
      assertThat(q.err()).as(String.join(" ", quiet)).isEmpty();
      assertThat(q.out()).isEqualTo(plain.out()).isEqualTo(before.out());
    }
  }

  @Test
  void underDebugTheLocalCloudsCallsAndTheStepsAreLoggedAndTheJsonOnStandardOutputStaysParseable() throws Exception {
    Path state = dir.resolve("state.json");
    CliTest.Result plan = run("plan", "--json", "--debug", "--state", state.toString(), "cruddur");
    assertThat(plan.code()).as(plan.err()).isZero();
    assertThat(JSON.readTree(plan.out()).get("summary").get("create").asInt()).isEqualTo(34);
    assertThat(plan.err().lines().toList())
        .anySatisfy(l -> assertThat(l).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} DEBUG \\[main] io\\.cruddur\\.memory\\.calls: "
            + "ec2:DescribeSubnets default-for-az ok in \\d+ ms \\(cloud clock\\)"))
        .anySatisfy(l -> assertThat(l).contains("DEBUG [main] io.cruddur.plan.Planner: planned the changes of stack "
            + "cruddur in 000000000000/us-east-1 in "));

    CliTest.Result apply = run("apply", "--yes", "--json", "--debug", "--state", state.toString(), "cruddur");
    assertThat(apply.code()).as(apply.err()).isZero();
    List<JsonNode> documents = JSON.readerFor(JsonNode.class).<JsonNode>readValues(apply.out()).readAll();
    assertThat(documents).hasSize(2);
    assertThat(documents.get(1).get("succeeded").asBoolean()).isTrue();
    assertThat(apply.err().lines().toList())
        .as("each call with its duration on the cloud's clock; each step's start and end")
        .anySatisfy(l -> assertThat(l).matches(".* DEBUG \\[cruddur-step] io\\.cruddur\\.memory\\.calls: "
            + "ecs:CreateService backend-flask ok in \\d+ ms \\(cloud clock\\)"))
        .anySatisfy(l -> assertThat(l).endsWith("io.cruddur.apply.Executor: start ecs.cluster cruddur"))
        .anySatisfy(l -> assertThat(l).matches(".* io\\.cruddur\\.apply\\.Executor: done ecs\\.cluster cruddur in \\d+ "
            + "ms"))
        .as("the progress lines are still there")
        .anySatisfy(l -> assertThat(l).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} start  ecs\\.cluster cruddur.*"));
  }

  @Test
  void theDefaultOutputIsUnchanged() throws Exception {
    Path state = dir.resolve("state.json");
    CliTest.Result plain = run("plan", "--json", "--state", state.toString(), "cruddur");
    assertThat(plain.err()).isEmpty();
    JSON.readTree(plain.out());
    CliTest.Result verbose = run("plan", "--verbose", "--json", "--state", state.toString(), "cruddur");
    assertThat(verbose.out()).isEqualTo(plain.out());
  }

  @Test
  void twoVerbositiesOrALevelThatIsNoneAreUsageErrors() {
    CliTest.Result both = run("plan", "--quiet", "--debug", "cruddur");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).startsWith("--quiet, --verbose and --debug exclude each other: give one");
    CliTest.Result level = run("plan", "--log", "io.cruddur=loud", "cruddur");
    assertThat(level.code()).isEqualTo(2);
    assertThat(level.err()).startsWith("--log io.cruddur=loud: give LOGGER=LEVEL, the level one of trace, debug, "
        + "info, warn, error, off");
  }

  @Test
  void theLoggersThatWriteSigningMaterialOrWireBytesAreNeverLogged() {
    assertThat(LoggingOptions.neverLogged("org.apache.http.wire")).isTrue();
    assertThat(LoggingOptions.neverLogged("org.apache.http.headers")).isTrue();
    assertThat(LoggingOptions.neverLogged("software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner"))
        .isTrue();
    assertThat(LoggingOptions.neverLogged("software.amazon.awssdk.auth.signer.internal.AbstractAws4Signer")).isTrue();
    assertThat(LoggingOptions.neverLogged("org.apache.http.wirelike")).isFalse();
    assertThat(LoggingOptions.neverLogged("software.amazon.awssdk.request")).isFalse();
    assertThat(LoggingOptions.neverLogged("io.cruddur.aws.calls")).isFalse();
  }
}
