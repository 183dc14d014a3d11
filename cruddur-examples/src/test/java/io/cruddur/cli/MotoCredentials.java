package io.cruddur.cli;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * moto's test credentials in the system properties the AWS SDK's default chain reads, for each test (the CLI builds
 * its clouds from that chain), and whatever was there before afterwards.
 */
final class MotoCredentials implements BeforeEachCallback, AfterEachCallback {
  private static final String ACCESS_KEY = "aws.accessKeyId";
  private static final String SECRET_KEY = "aws.secretAccessKey";

  private String accessKeyBefore;
  private String secretKeyBefore;

  @Override
  public void beforeEach(ExtensionContext context) {
    accessKeyBefore = System.setProperty(ACCESS_KEY, "testing");
    secretKeyBefore = System.setProperty(SECRET_KEY, "testing");
  }

  @Override
  public void afterEach(ExtensionContext context) {
    restore(ACCESS_KEY, accessKeyBefore);
    restore(SECRET_KEY, secretKeyBefore);
  }

  private static void restore(String key, String before) {
    if (before == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, before);
    }
  }
}
