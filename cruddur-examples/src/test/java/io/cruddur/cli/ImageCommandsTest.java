package io.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.aws.AwsCloud;
import io.cruddur.aws.Moto;
import io.cruddur.images.LocalRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * The image and ECR commands: the ECR side (repository check, GetAuthorizationToken) on moto, the registry side on
 * Debian's docker-registry (moto's ECR has no registry, hence --registry).
 */
@ExtendWith({Moto.class, MotoCredentials.class})
class ImageCommandsTest {
  @RegisterExtension
  static final LocalRegistry REGISTRY = new LocalRegistry();

  record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--endpoint", Moto.endpoint().toString(), "--region", "us-east-1"));
    return new Result(cli.execute(all.toArray(String[]::new)), out.toString(), err.toString());
  }

  @Test
  void mirrorIntoAnEcrRepositoryThatExistsAndPrintTheDigest() throws Exception {
    try (AwsCloud cloud = Moto.cloud().build()) {
      if (cloud.ecr().findRepository("cruddur-python").isEmpty()) {
        cloud.ecr().createRepository("cruddur-python", false, false, Map.of());
      }
    }
    // The source: an image made here, in the same registry (no download from the internet).
    var source = com.google.cloud.tools.jib.api.Jib.fromScratch()
        .addFileEntriesLayer(com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer.builder().addEntry(
            java.nio.file.Files.writeString(java.nio.file.Files.createTempFile("py", ".txt"), "python stand-in\n"),
            com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath.get("/usr/bin/python.txt")).build())
        .containerize(com.google.cloud.tools.jib.api.Containerizer.to(com.google.cloud.tools.jib.api.RegistryImage
            .named(REGISTRY.host() + "/library/python:3.10-slim-buster")).setAllowInsecureRegistries(true));

    Result r = run("image", "mirror", "--registry", REGISTRY.host(), REGISTRY.host()
        + "/library/python:3.10-slim-buster", "cruddur-python:3.10-slim-buster");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo(REGISTRY.host() + "/cruddur-python:3.10-slim-buster@"
        + source.getDigest());

    Result missing = run("image", "mirror", "--registry", REGISTRY.host(), REGISTRY.host()
        + "/library/python:3.10-slim-buster", "no-such-repo:1");
    assertThat(missing.code()).isEqualTo(Main.UNKNOWN_STACK);
    assertThat(missing.err()).contains("ECR repository no-such-repo does not exist in 123456789012/us-east-1: apply "
        + "the stack that declares it first");
  }

  @Test
  void ecrLoginPrintsOnlyThePasswordOnStandardOutput() {
    Result r = run("ecr", "login");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines().toList()).singleElement().satisfies(p -> assertThat(p).isNotBlank()
        .doesNotContain(" "));
    assertThat(r.err()).contains("| docker login --username AWS --password-stdin "
        + "123456789012.dkr.ecr.us-east-1.amazonaws.com").doesNotContain(r.out().strip());
  }
}
