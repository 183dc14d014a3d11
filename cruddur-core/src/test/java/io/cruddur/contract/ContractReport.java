package io.cruddur.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Writes one line per contract case to {@code target/contract-report-<backend>.txt} (passed, failed, or skipped
 * with the reason), and prints the skipped ones, so a run shows which cases each backend does not honour. Each
 * backend's file is rewritten by the first case of a run, so it always holds the last run only.
 */
public final class ContractReport implements TestWatcher {
  private static final Set<String> STARTED = ConcurrentHashMap.newKeySet();

  /** Records a whole backend as skipped (its class could not start), with the reason. */
  public static void classSkipped(String backend, String reason) {
    String line = String.format("%-14s %-8s %s%n", backend, "SKIPPED", "(every case) -- " + reason);
    System.out.print("[contract] " + line);
    append(backend, line);
  }

  /** The report file of {@code backend}, e.g. {@code target/contract-report-Moto.txt}. */
  public static Path file(String backend) {
    return Path.of("target", "contract-report-" + backend + ".txt");
  }

  private static synchronized void append(String backend, String line) {
    Path file = file(backend);
    try {
      Files.createDirectories(file.getParent());
      if (STARTED.add(backend)) {
        Files.writeString(file, line, StandardCharsets.UTF_8);
      } else {
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void line(ExtensionContext context, String outcome) {
    String backend = context.getRequiredTestClass().getSimpleName().replace("ContractTest", "");
    String line = String.format("%-14s %-8s %s%n", backend, outcome.startsWith("skipped") ? "SKIPPED" : outcome,
        context.getRequiredTestMethod().getName() + (outcome.startsWith("skipped") ? " -- "
            + outcome.substring("skipped: ".length()) : ""));
    if (outcome.startsWith("skipped")) {
      System.out.print("[contract] " + line);
    }
    append(backend, line);
  }

  @Override
  public void testSuccessful(ExtensionContext context) {
    line(context, "PASSED");
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    line(context, "FAILED");
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    line(context, "skipped: " + cause.getMessage());
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    line(context, "skipped: " + reason.orElse("disabled"));
  }
}
