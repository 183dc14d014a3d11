package io.cruddur.base;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic short tokens: the first hex digits of a SHA-256 digest. Thread-safe. */
public final class Digest {
  private Digest() {}

  /** The first {@code length} hex digits (at most 64) of the SHA-256 of {@code seed}. */
  public static String hex(String seed, int length) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h).substring(0, length);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
