package io.cruddur.aws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Test set-up on an emulator that the ports do not offer (Cruddur never writes parameters). */
final class Emulators {
  private Emulators() {}

  /** A minimal image manifest (Docker v2, one empty layer): what ECR's PutImage stores under a tag. */
  private static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":"
      + "\"application/vnd.docker.distribution.manifest.v2+json\",\"config\":{\"mediaType\":"
      + "\"application/vnd.docker.container.image.v1+json\",\"size\":2,\"digest\":"
      + "\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\"},\"layers\":[]}";

  static void pushImage(URI endpoint, String region, String accessKey, String secretKey, String repository,
      String tag) {
    try (var ecr = software.amazon.awssdk.services.ecr.EcrClient.builder().endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .httpClientBuilder(ApacheHttpClient.builder()).build()) {
      ecr.putImage(b -> b.repositoryName(repository).imageTag(tag).imageManifest(MANIFEST));
    }
  }

  static void putSecureString(URI endpoint, String region, String accessKey, String secretKey, String name,
      String value) {
    try (SsmClient ssm = SsmClient.builder().endpointOverride(endpoint).region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .httpClientBuilder(ApacheHttpClient.builder()).build()) {
      ssm.putParameter(b -> b.name(name).value(value).type("SecureString").overwrite(true));
    }
  }
}
