package io.cruddur.port;

import io.cruddur.base.CruddurException;

/**
 * Root of the port-level errors. Adapters translate provider errors into these, keeping the original as cause.
 * {@link #retryable()} tells the executor whether waiting and trying again can help.
 */
public class CloudException extends CruddurException {
  public CloudException(String message) {
    super(message);
  }

  public CloudException(String message, Throwable cause) {
    super(message, cause);
  }

  public boolean retryable() {
    return false;
  }

  /** The resource does not exist (or is not visible yet). */
  public static class NotFound extends CloudException {
    public NotFound(String message) {
      super(message);
    }

    public NotFound(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A resource with that name or key exists already, or a unique value (a rule priority) is taken. */
  public static class Conflict extends CloudException {
    public Conflict(String message) {
      super(message);
    }

    public Conflict(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The resource cannot be deleted or changed while something else uses it. */
  public static class InUse extends CloudException {
    public InUse(String message) {
      super(message);
    }

    public InUse(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The request was refused as too frequent. Retryable. */
  public static class Throttled extends CloudException {
    public Throttled(String message) {
      super(message);
    }

    public Throttled(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public boolean retryable() {
      return true;
    }
  }

  /**
   * A dependency created moments ago is not usable yet (an IAM role ECS cannot assume yet, a resource not yet
   * visible after create). Retryable.
   */
  public static class NotYetConsistent extends CloudException {
    public NotYetConsistent(String message) {
      super(message);
    }

    public NotYetConsistent(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public boolean retryable() {
      return true;
    }
  }

  /** The request is invalid for the provider. */
  public static class Invalid extends CloudException {
    public Invalid(String message) {
      super(message);
    }

    public Invalid(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The provider failed (5xx, network). Retryable. */
  public static class Unavailable extends CloudException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public boolean retryable() {
      return true;
    }
  }
}
