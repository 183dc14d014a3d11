package io.cruddur.lease;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Who holds a lease: a person-readable {@code holder} ({@code user@host (pid N)}), a {@code token} unique to one
 * acquisition, when it was taken and until when it lasts unless renewed.
 */
public record LeaseHolder(String stack, String holder, String token, Instant since, Instant expiresAt) {
  public LeaseHolder {
    Objects.requireNonNull(stack, "stack");
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** This process: {@code user@host (pid N)}. */
  public static String thisProcess() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return System.getProperty("user.name", "unknown") + "@" + host + " (pid " + ProcessHandle.current().pid() + ")";
  }

  static String newToken() {
    return UUID.randomUUID().toString();
  }

  LeaseHolder renewedUntil(Instant until) {
    return new LeaseHolder(stack, holder, token, since, until);
  }

  /** Whether it has expired at {@code now}. */
  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** {@code "alice@box (pid 42) since 2026-11-30T12:00:01Z"}. */
  public String describe() {
    return holder + " since " + since;
  }
}
