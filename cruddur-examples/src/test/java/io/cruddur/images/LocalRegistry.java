package io.cruddur.images;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OCI registry on 127.0.0.1 for the tests: Debian's {@code docker-registry} (the distribution project's
 * registry), started on a free port with its storage in a temporary folder, stopped after the test class. Where
 * the binary is missing the tests are skipped, saying how to get it ({@code ./test} installs it with apt-get when
 * it can).
 */
public final class LocalRegistry implements BeforeAllCallback, AfterAllCallback {
  private static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private Process process;
  private Path storage;
  private String host;

  /** {@code 127.0.0.1:PORT}. */
  public String host() {
    return host;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    assumeTrue(Files.isExecutable(BINARY), "Debian's docker-registry is not installed (apt-get install "
        + "docker-registry; ./test does it where it runs as root with apt-get)");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    host = "127.0.0.1:" + port;
    storage = Files.createTempDirectory("cruddur-registry");
    Path config = storage.resolve("config.yml");
    Files.writeString(config, """
        version: 0.1
        log:
          level: warn
        storage:
          filesystem:
            rootdirectory: %s
          delete:
            enabled: true
        http:
          addr: %s
        """.formatted(storage.resolve("data"), host));
    process = new ProcessBuilder(BINARY.toString(), "serve", config.toString()).redirectErrorStream(true)
        .redirectOutput(storage.resolve("registry.log").toFile()).start();
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://" + host + "/v2/")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new IllegalStateException("docker-registry did not start on " + host + ": "
            + Files.readString(storage.resolve("registry.log")));
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (process != null) {
      process.destroy();
    }
  }
}
