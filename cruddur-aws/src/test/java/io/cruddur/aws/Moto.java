package io.cruddur.aws;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One moto server for the whole test run, on a free port of 127.0.0.1, reset before each test class. The
 * server is {@code .venv/bin/moto_server} at the repository root (the test command installs it), or
 * {@code $CRUDDUR_MOTO_SERVER}. Without it the tests are skipped with that reason, except under {@code CI=true},
 * where a missing emulator fails the build.
 */
public final class Moto implements BeforeAllCallback {
  private static Process process;
  private static URI endpoint;
  private static String unavailable;

  /** The running server's endpoint; starts it on first use. */
  public static synchronized URI endpoint() {
    if (endpoint == null && unavailable == null) {
      start();
    }
    if (endpoint == null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("CI=true but moto is unavailable: " + unavailable);
      }
      assumeTrue(false, "moto is unavailable: " + unavailable);
    }
    return endpoint;
  }

  private static Path server() {
    String env = System.getenv("CRUDDUR_MOTO_SERVER");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve(".venv/bin/moto_server");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    return null;
  }

  private static void start() {
    Path server = server();
    if (server == null) {
      unavailable = "no .venv/bin/moto_server (run ./test, which installs moto[server]==5.2.5) and no "
          + "CRUDDUR_MOTO_SERVER";
      return;
    }
    try {
      int port;
      try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getByName("127.0.0.1"))) {
        port = s.getLocalPort();
      }
      ProcessBuilder pb = new ProcessBuilder(server.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
          .redirectErrorStream(true).redirectOutput(Path.of("target", "moto.log").toFile());
      pb.environment().put("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
      pb.environment().put("MOTO_ACM_VALIDATION_WAIT", "2");
      // Every service moto creates reports one running task and a COMPLETED deployment, so the "service stable"
      // wait can run against it for services of one task (moto starts no tasks; see Gap.ECS_NO_TASKS).
      pb.environment().put("MOTO_ECS_SERVICE_RUNNING", "1");
      Files.createDirectories(Path.of("target"));
      process = pb.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> process.destroy()));
      URI uri = URI.create("http://127.0.0.1:" + port);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          unavailable = "moto_server exited with " + process.exitValue() + " (see target/moto.log)";
          return;
        }
        try {
          HttpURLConnection c = (HttpURLConnection) uri.resolve("/moto-api/").toURL().openConnection();
          c.setConnectTimeout(500);
          if (c.getResponseCode() < 500) {
            endpoint = uri;
            return;
          }
        } catch (IOException notYet) {
          Thread.sleep(200);
        }
      }
      unavailable = "moto_server did not answer within 60 s";
    } catch (IOException e) {
      unavailable = "cannot start moto_server: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      unavailable = "interrupted";
    }
  }

  /** Forgets every resource: {@code POST /moto-api/reset}. */
  public static void reset() {
    try {
      HttpURLConnection c = (HttpURLConnection) endpoint().resolve("/moto-api/reset").toURL().openConnection();
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.getOutputStream().close();
      if (c.getResponseCode() != 200) {
        throw new IllegalStateException("moto reset answered " + c.getResponseCode());
      }
    } catch (IOException e) {
      throw new IllegalStateException("moto reset failed", e);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    reset();
  }

  /** A cloud on the moto server, with dummy credentials; every call goes to 127.0.0.1. */
  public static AwsCloud.Builder cloud() {
    return AwsCloud.builder().endpoint(endpoint()).region("us-east-1")
        .credentials(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("testing", "testing")));
  }
}
