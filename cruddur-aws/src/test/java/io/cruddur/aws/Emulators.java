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

  static void putSecureString(URI endpoint, String region, String accessKey, String secretKey, String name,
      String value) {
    try (SsmClient ssm = SsmClient.builder().endpointOverride(endpoint).region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .httpClientBuilder(ApacheHttpClient.builder()).build()) {
      ssm.putParameter(b -> b.name(name).value(value).type("SecureString").overwrite(true));
    }
  }
}
