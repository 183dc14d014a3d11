package io.cruddur.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Writes one line per contract case and backend to {@code target/contract-report.txt} (passed, failed, or skipped
 * with the reason), and prints the skipped ones, so a run shows which cases each backend does not honour.
 */
public final class ContractReport implements TestWatcher {
  private static final Path FILE = Path.of("target", "contract-report.txt");

  /** Records a whole backend as skipped (its class could not start), with the reason. */
  public static void classSkipped(String backend, String reason) {
    String line = String.format("%-14s %-8s %s%n", backend, "SKIPPED", "(every case) -- " + reason);
    System.out.print("[contract] " + line);
    append(line);
  }

  private static void append(String line) {
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
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
    append(line);
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
