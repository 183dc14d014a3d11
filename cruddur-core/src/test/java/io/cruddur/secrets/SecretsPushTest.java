package io.cruddur.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.base.CruddurException;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.spec.Image;
import io.cruddur.spec.Secret;
import io.cruddur.spec.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets from an env file into SecureStrings: only the declared ones, compared without a value showing. */
class SecretsPushTest {
  private static final String DB = "postgresql://cruddur:Sup3rS3cret!@db:5432/cruddur";
  private static final String TOKEN = "rollbar-T0ken-0123456789";

  @TempDir
  Path dir;

  private static Stack app() {
    return Stack.builder().name("app").repository("api")
        .addService(s -> s.name("api").image(Image.ecr("api", "1")).port(4567)
            .secret("CONNECTION_URL", Secret.ssm("/app/api/CONNECTION_URL"))
            .secret("ROLLBAR_ACCESS_TOKEN", Secret.ssm("arn:aws:ssm:us-east-1:000000000000:parameter/app/api/ROLLBAR"))
            .secret("OTEL_HEADERS", Secret.ssm("/app/api/OTEL_HEADERS")))
        .addService(s -> s.name("worker").image(Image.ecr("api", "1"))
            .secret("CONNECTION_URL", Secret.ssm("/app/api/CONNECTION_URL")))
        .build();
  }

  @Test
  void createsThenLeavesAloneThenUpdatesOnlyWhatChangedAndNeverShowsAValue() throws Exception {
    Path state = dir.resolve("state.json");
    InMemoryCloud cloud = InMemoryCloud.builder().stateFile(state).build();
    EnvFile env = EnvFile.parse("CONNECTION_URL=" + DB + "\nROLLBAR_ACCESS_TOKEN=" + TOKEN
        + "\nUNRELATED=" + "n0t-a-s3cret\n", ".env");

    SecretsPush.Report first = SecretsPush.push(cloud, app(), env, SecretsPush.Options.defaults());
    assertThat(first.created()).extracting(SecretsPush.Entry::parameter)
        .containsExactly("/app/api/CONNECTION_URL", "/app/api/ROLLBAR");
    assertThat(first.missing()).extracting(SecretsPush.Entry::variable).containsExactly("OTEL_HEADERS");
    assertThat(first.ignored()).containsExactly("UNRELATED");
    var p = cloud.ssm().describeParameter("/app/api/ROLLBAR").orElseThrow();
    assertThat(p.type()).isEqualTo("SecureString");
    assertThat(cloud.ssm().describeParameter("/app/api/OTEL_HEADERS")).as("missing: not written").isEmpty();

    SecretsPush.Report second = SecretsPush.push(cloud, app(), env, SecretsPush.Options.defaults());
    assertThat(second.created()).isEmpty();
    assertThat(second.updated()).isEmpty();
    assertThat(second.unchanged()).hasSize(2);
    long writes = cloud.writes().size();

    EnvFile rotated = EnvFile.parse("CONNECTION_URL=" + DB + "\nROLLBAR_ACCESS_TOKEN=" + TOKEN + "-rotated\n",
        ".env");
    SecretsPush.Report third = SecretsPush.push(cloud, app(), rotated, SecretsPush.Options.defaults());
    assertThat(third.updated()).extracting(SecretsPush.Entry::variable).containsExactly("ROLLBAR_ACCESS_TOKEN");
    assertThat(third.unchanged()).extracting(SecretsPush.Entry::variable).containsExactly("CONNECTION_URL");
    assertThat(cloud.writes()).hasSize((int) writes + 1);
    assertThat(cloud.ssm().describeParameter("/app/api/ROLLBAR").orElseThrow().version()).isEqualTo(2);

    String everything = first.toText() + second.toText() + third.toText() + first + env + cloud.calls()
        + Files.readString(state);
    assertThat(everything).doesNotContain(DB).doesNotContain(TOKEN).doesNotContain("Sup3rS3cret")
        .doesNotContain("n0t-a-s3cret");
    assertThat(third.toText()).contains("updated   /app/api/ROLLBAR (ROLLBAR_ACCESS_TOKEN)")
        .contains("0 created, 1 updated, 1 unchanged, 1 missing");
  }

  @Test
  void aParameterOfAnotherRegionOrConflictingValuesStopThePushBeforeAnyWrite() {
    InMemoryCloud cloud = InMemoryCloud.create();
    Stack elsewhere = app().toBuilder().addService(s -> s.name("eu").image(Image.ecr("api", "1"))
        .secret("EU", Secret.ssm("arn:aws:ssm:eu-west-1:000000000000:parameter/app/eu"))
        .secret("ALSO_DB", Secret.ssm("/app/api/CONNECTION_URL"))).build();
    assertThatThrownBy(() -> SecretsPush.push(cloud, elsewhere, EnvFile.parse("CONNECTION_URL=" + DB
        + "\nALSO_DB=other-s3cret\nEU=x\n", ".env"), SecretsPush.Options.defaults()))
        .isInstanceOf(CruddurException.class).hasMessageContaining("nothing was written")
        .hasMessageContaining("services[eu].secrets[EU]: arn:aws:ssm:eu-west-1:000000000000:parameter/app/eu is in "
            + "000000000000/eu-west-1, not in 000000000000/us-east-1")
        .hasMessageContaining("parameter /app/api/CONNECTION_URL is declared for both CONNECTION_URL and ALSO_DB")
        .hasMessageNotContaining(DB).hasMessageNotContaining("other-s3cret");
    assertThat(cloud.writes()).isEmpty();
  }

  @Test
  void theStacksSecretsKeyEncryptsUnlessAnotherIsGiven() {
    InMemoryCloud cloud = InMemoryCloud.create();
    String key = "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    Stack stack = app().toBuilder().secretsKmsKey(key).build();
    SecretsPush.push(cloud, stack, EnvFile.parse("CONNECTION_URL=" + DB, ".env"), SecretsPush.Options.defaults());
    assertThat(cloud.ssm().describeParameter("/app/api/CONNECTION_URL").orElseThrow().keyId()).isEqualTo(key);
    assertThatThrownBy(() -> SecretsPush.push(cloud, stack, EnvFile.parse("CONNECTION_URL=" + DB + "-2", ".env"),
        SecretsPush.Options.defaults().withKmsKeyId("alias/other")))
        .hasMessageContaining("nothing was written").hasMessageContaining("the key alias/other is not the stack's "
            + "secretsKmsKey (" + key + "), so the execution role could not decrypt the secrets");
    SecretsPush.push(cloud, stack, EnvFile.parse("CONNECTION_URL=" + DB + "-2", ".env"),
        SecretsPush.Options.defaults().withKmsKeyId(key));
    assertThat(cloud.ssm().describeParameter("/app/api/CONNECTION_URL").orElseThrow().version()).isEqualTo(2);
    SecretsPush.push(InMemoryCloud.create(), app(), EnvFile.parse("CONNECTION_URL=" + DB, ".env"),
        SecretsPush.Options.defaults());
  }

  @Test
  void aSecretsKeyMustBeAKeyArnOfTheStacksRegion() {
    assertThatThrownBy(() -> app().toBuilder().secretsKmsKey("alias/app").build())
        .hasMessageContaining("secretsKmsKey: 'alias/app' is not a KMS key ARN");
    assertThatThrownBy(() -> app().toBuilder()
        .secretsKmsKey("arn:aws:kms:eu-west-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab").build())
        .hasMessageContaining("secretsKmsKey: the key is in eu-west-1 but the stack in us-east-1");
  }

  @Test
  void aKeyOtherThanTheStacksIsRefusedBeforeAnyWrite() {
    InMemoryCloud cloud = InMemoryCloud.create();
    assertThatThrownBy(() -> SecretsPush.push(cloud, app(), EnvFile.parse("CONNECTION_URL=" + DB, ".env"),
        SecretsPush.Options.defaults().withKmsKeyId("my key"))).hasMessageContaining("the key my key is not the "
        + "stack's secretsKmsKey (none: the account's alias/aws/ssm)").hasMessageNotContaining(DB);
    assertThat(cloud.writes()).isEmpty();
    assertThatThrownBy(() -> cloud.ssm().createSecureString("/app/x", DB, "my key", java.util.Map.of()))
        .hasMessageContaining("InvalidKeyId").hasMessageNotContaining(DB);
  }

  @Test
  void aParameterOfAnotherStackIsNeverOverwritten() {
    InMemoryCloud cloud = InMemoryCloud.create();
    cloud.ssm().createSecureString("/app/api/CONNECTION_URL", "theirs", null, java.util.Map.of(Stack.OWNER_TAG,
        "other"));
    assertThatThrownBy(() -> SecretsPush.push(cloud, app(), EnvFile.parse("CONNECTION_URL=" + DB, ".env"),
        SecretsPush.Options.defaults())).hasMessageContaining("nothing was written")
        .hasMessageContaining("parameter /app/api/CONNECTION_URL belongs to stack other (tag cruddur:stack), not to "
            + "app").hasMessageNotContaining(DB);
    assertThat(cloud.ssm().secureStringHolds("/app/api/CONNECTION_URL", "theirs")).contains(true);
  }

  @Test
  void anEmptyValueStopsThePushAndAFailureSaysWhatWasDoneBeforeIt() {
    InMemoryCloud cloud = InMemoryCloud.create();
    assertThatThrownBy(() -> SecretsPush.push(cloud, app(), EnvFile.parse("CONNECTION_URL=\n", ".env"),
        SecretsPush.Options.defaults())).hasMessageContaining("services[api].secrets[CONNECTION_URL]: the file sets "
        + "CONNECTION_URL to nothing");
    assertThat(cloud.writes()).isEmpty();
    cloud.ssm().createString("/app/api/ROLLBAR", "a String in the way", java.util.Map.of());
    assertThatThrownBy(() -> SecretsPush.push(cloud, app(), EnvFile.parse("CONNECTION_URL=" + DB
        + "\nROLLBAR_ACCESS_TOKEN=" + TOKEN, ".env"), SecretsPush.Options.defaults()))
        .hasMessageContaining("/app/api/ROLLBAR (ROLLBAR_ACCESS_TOKEN): ")
        .hasMessageContaining("before it: 1 created [/app/api/CONNECTION_URL (CONNECTION_URL)]")
        .hasMessageNotContaining(DB).hasMessageNotContaining(TOKEN);
  }
}
