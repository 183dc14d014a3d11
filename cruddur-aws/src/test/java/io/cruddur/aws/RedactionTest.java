package io.cruddur.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;

class RedactionTest {
  @ParameterizedTest
  @ValueSource(strings = {"Value", "value", "SecretString", "SecretAccessKey", "Password", "MasterUserPassword",
      "authorizationToken", "SessionToken", "NextToken", "ClientToken", "repositoryCredentials",
      "credentialsParameter", "PrivateKey", "Passphrase", "Authorization", "secrets"})
  void theseNamesAreHidden(String name) {
    assertThat(Redaction.sensitive(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Name", "Type", "KeyId", "Overwrite", "Values", "valueFrom", "Tags", "Key", "family",
      "environment", "image", "Description"})
  void theseNamesAreShown(String name) {
    assertThat(Redaction.sensitive(name)).isFalse();
  }

  @Test
  void anSsmParameterIsRenderedWithoutItsValueAndWithoutItsTagValues() {
    String secret = "postgresql://cruddur:hunter2@db:5432/cruddur";
    String json = Redaction.render(PutParameterRequest.builder().name("/cruddur/backend-flask/CONNECTION_URL")
        .value(secret).type("SecureString").keyId("alias/aws/ssm").overwrite(true)
        .tags(t -> t.key("cruddur:stack").value("cruddur")).build());
    assertThat(json).isEqualTo("{\"Name\":\"/cruddur/backend-flask/CONNECTION_URL\",\"Value\":\"***\","
        + "\"Type\":\"SecureString\",\"KeyId\":\"alias/aws/ssm\",\"Overwrite\":true,"
        + "\"Tags\":[{\"Key\":\"cruddur:stack\",\"Value\":\"***\"}]}");
    assertThat(json).doesNotContain("hunter2");
  }

  @Test
  void nestedMembersAreJudgedByTheirOwnNamesAndReferencesToSecretsAreShown() {
    String json = Redaction.render(RegisterTaskDefinitionRequest.builder().family("backend-flask")
        .containerDefinitions(c -> c.name("api").image("backend:1").dockerLabels(Map.of("team", "a",
                "API_TOKEN", "label-token-1"))
            .environment(e -> e.name("FRONTEND_URL").value("https://env-value.example.com"))
            .secrets(s -> s.name("CONNECTION_URL").valueFrom("arn:aws:ssm:us-east-1:1:parameter/x"))
            .repositoryCredentials(r -> r.credentialsParameter("arn:aws:secretsmanager:us-east-1:1:secret:y")))
        .build());
    assertThat(json).contains("\"family\":\"backend-flask\"").contains("\"name\":\"FRONTEND_URL\",\"value\":\"***\"")
        .as("a structure under a sensitive name is shown, its members judged by their own names")
        .contains("\"secrets\":[{\"name\":\"CONNECTION_URL\",\"valueFrom\":\"arn:aws:ssm:us-east-1:1:parameter/x\"}]")
        .contains("\"repositoryCredentials\":{\"credentialsParameter\":\"***\"}")
        .contains("\"team\":\"a\"").contains("\"API_TOKEN\":\"***\"")
        .doesNotContain("env-value").doesNotContain("label-token-1").doesNotContain("secretsmanager")
        .as("members not set are left out").doesNotContain("\"cpu\"").doesNotContain("\"volumes\"");
  }

  @Test
  void aListOfNamesIsShownAndTagValuesAreHidden() {
    String json = Redaction.render(software.amazon.awssdk.services.ssm.model.GetParametersRequest.builder()
        .names("/a", "/b").build());
    assertThat(json).isEqualTo("{\"Names\":[\"/a\",\"/b\"]}");
    String labels = Redaction.render(RegisterTaskDefinitionRequest.builder().family("f")
        .tags(t -> t.key("team").value("payments")).build());
    assertThat(labels).isEqualTo("{\"family\":\"f\",\"tags\":[{\"key\":\"team\",\"value\":\"***\"}]}");
  }

  @Test
  void bytesShowOnlyTheirLengthAndStringsAreEscaped() {
    String json = Redaction.render(software.amazon.awssdk.services.ecr.model.UploadLayerPartRequest.builder()
        .repositoryName("a\"b\\c\nd").layerPartBlob(SdkBytes.fromUtf8String("12345")).build());
    assertThat(json).contains("\"repositoryName\":\"a\\\"b\\\\c\\nd\"").contains("\"layerPartBlob\":\"(5 bytes)\"")
        .doesNotContain("12345");
  }

  @Test
  void aLongRequestIsCutAndSaysByHowMuch() {
    String json = Redaction.render(PutParameterRequest.builder().name("/p").description("d".repeat(5000)).build());
    assertThat(json).hasSize(Redaction.MAX_LENGTH + "...(3030 more characters)".length())
        .endsWith("...(3030 more characters)");
  }
}
