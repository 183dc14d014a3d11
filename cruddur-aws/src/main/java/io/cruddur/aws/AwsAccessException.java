package io.cruddur.aws;

import io.cruddur.port.CloudException;

/**
 * AWS could not be used at all: it is unreachable, or it refused the credentials (or there were none). Thrown by
 * {@link AwsCloud.Builder#build()}, whose first call asks STS who the caller is; the message says what to check.
 */
public final class AwsAccessException extends CloudException {
  /** Why. */
  public enum Reason { UNREACHABLE, CREDENTIALS }

  private final Reason reason;

  AwsAccessException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
