package io.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.aws.Moto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The logging options on the AWS target, against moto. */
@ExtendWith({Moto.class, MotoCredentials.class})
class LoggingOnMotoTest {
  private static CliTest.Result run(String... args) {
    return CliTest.run(args);
  }

  /**
   * {@code secrets push --debug} on moto: one line per AWS call with its operation, status, duration and attempt,
   * the request with the parameter's value hidden; no value anywhere, even with Apache's own debug logs asked for.
   */
  @Test
  void eachAwsCallIsLoggedWithItsDurationAndNoSecretValue(@TempDir Path env) throws Exception {
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : List.of("CONNECTION_URL", "ROLLBAR_ACCESS_TOKEN")) {
      values.put(name, "logged-" + name.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID());
    }
    Path file = env.resolve(".env");
    StringBuilder text = new StringBuilder();
    values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    Files.writeString(file, text);

    CliTest.Result push = run("secrets", "push", "--debug", "--log", "org.apache.http=debug", "--target", "aws",
        "--endpoint", Moto.endpoint().toString(), "--region", "us-east-1", "--env-file", file.toString(), "cruddur");
    assertThat(push.code()).as(push.err()).isZero();
    assertThat(push.out()).contains("2 created");
    List<String> lines = push.err().lines().toList();
    assertThat(lines)
        .anySatisfy(l -> assertThat(l).matches(".* DEBUG \\[main] io\\.cruddur\\.aws\\.calls: sts:GetCallerIdentity "
            + "200 in \\d+ ms, attempt 1 of 8: \\{}"))
        .anySatisfy(l -> assertThat(l).matches(".* io\\.cruddur\\.aws\\.calls: ssm:PutParameter 200 in \\d+ ms, "
            + "attempt 1 of 8: \\{\"Name\":\"/cruddur/backend-flask/CONNECTION_URL\",\"Value\":\"\\*\\*\\*\","
            + "\"Type\":\"SecureString\".*"))
        .as("Apache's own debug lines, asked for with --log").anySatisfy(l -> assertThat(l).contains(" o.a.h."));
    assertThat(push.err()).as("no value, no signature, no wire bytes").doesNotContain(values.values())
        .doesNotContain("AWS4-HMAC-SHA256").doesNotContain("http-outgoing-0 >> \"");
    assertThat(push.out()).doesNotContain(values.values());
  }

  @Test
  void verboseTellsTheAccountAndEndpointAndTheDefaultDoesNot() {
    String endpoint = Moto.endpoint().toString();
    CliTest.Result verbose = run("plan", "--verbose", "--target", "aws", "--endpoint", endpoint, "--region", "us-east-1",
        "--allow-missing-images", "cruddur");
    assertThat(verbose.err()).contains("INFO AwsCloud: AWS account 123456789012 in us-east-1, every call to "
        + endpoint + "\n");
    CliTest.Result plain = run("plan", "--target", "aws", "--endpoint", endpoint, "--region", "us-east-1",
        "--allow-missing-images", "cruddur");
    assertThat(plain.err()).doesNotContain("AwsCloud").startsWith("aws api calls: ");
    assertThat(plain.out()).isEqualTo(verbose.out());
  }
}
