package io.cruddur.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The environment can be wrong: each case ends quickly in a typed error that says what to check. */
class AwsAccessTest {
  private static final RetrySettings QUICK = new RetrySettings(Duration.ofMillis(20), Duration.ofMillis(100), 3,
      Duration.ofSeconds(5), Duration.ofSeconds(5));
  private static final StaticCredentialsProvider KEYS = StaticCredentialsProvider.create(
      AwsBasicCredentials.create("AKIAEXAMPLE", "not-a-real-secret"));

  @Test
  void anUnreachableEndpointSaysWhereAndWhatToCheck() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> AwsCloud.builder().region("us-east-1").endpoint(endpoint).credentials(KEYS)
        .retry(QUICK).build())
        .isInstanceOfSatisfying(AwsAccessException.class, e -> assertThat(e.reason())
            .isEqualTo(AwsAccessException.Reason.UNREACHABLE))
        .hasMessageStartingWith("cannot reach AWS at " + endpoint + " (")
        .hasMessageContaining("Connection refused")
        .hasMessageEndingWith("check the endpoint (--endpoint or AWS_ENDPOINT_URL), the region, the network and any "
            + "proxy (HTTPS_PROXY)");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("within the retry limit").isLessThan(
        Duration.ofSeconds(10));
  }

  @Test
  void refusedCredentialsSayWhichAndHowToFixThem() throws Exception {
    HttpServer sts = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    sts.createContext("/", exchange -> {
      byte[] body = ("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
          + "<Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid."
          + "</Message></Error><RequestId>r-1</RequestId></ErrorResponse>").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/xml");
      exchange.sendResponseHeaders(403, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    sts.start();
    try {
      URI endpoint = URI.create("http://127.0.0.1:" + sts.getAddress().getPort());
      assertThatThrownBy(() -> AwsCloud.builder().region("us-east-1").endpoint(endpoint).credentials(KEYS)
          .retry(QUICK).build())
          .isInstanceOfSatisfying(AwsAccessException.class, e -> assertThat(e.reason())
              .isEqualTo(AwsAccessException.Reason.CREDENTIALS))
          .hasMessageContaining("AWS refused the credentials from the default credential chain")
          .hasMessageContaining("(InvalidClientTokenId): check the profile (--profile or AWS_PROFILE), run `aws sso "
              + "login` if it is an SSO profile, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
          .hasMessageNotContaining("not-a-real-secret");
    } finally {
      sts.stop(0);
    }
  }

  @Test
  void noCredentialsAtAllSaysHowToProvideThem() {
    assertThatThrownBy(() -> AwsCloud.builder().region("us-east-1").endpoint(URI.create("http://127.0.0.1:9"))
        .credentials(() -> {
          throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
        }).retry(QUICK).build())
        .isInstanceOfSatisfying(AwsAccessException.class, e -> assertThat(e.reason())
            .isEqualTo(AwsAccessException.Reason.CREDENTIALS))
        .hasMessageStartingWith("no AWS credentials were found in the default credential chain");
  }

  /** A profile that names no credentials (a typo in --profile): the same typed error, naming the profile. */
  @Test
  void aProfileWithoutCredentialsSaysHowToProvideThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path config = dir.resolve("config");
    java.nio.file.Files.writeString(config, "[profile other]\nregion = us-east-1\n");
    software.amazon.awssdk.profiles.ProfileFile file = software.amazon.awssdk.profiles.ProfileFile.builder()
        .content(config).type(software.amazon.awssdk.profiles.ProfileFile.Type.CONFIGURATION).build();
    assertThatThrownBy(() -> AwsCloud.builder().region("us-east-1").endpoint(URI.create("http://127.0.0.1:9"))
        .credentials(software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider.builder().profileFile(file)
            .profileName("nobody").build())
        .retry(QUICK).build())
        .isInstanceOfSatisfying(AwsAccessException.class, e -> assertThat(e.reason())
            .isEqualTo(AwsAccessException.Reason.CREDENTIALS))
        .hasMessageStartingWith("no AWS credentials were found in");
  }
}
