package io.cruddur.base;

/** Root of every unchecked exception Cruddur throws. */
public class CruddurException extends RuntimeException {
  public CruddurException(String message) {
    super(message);
  }

  public CruddurException(String message, Throwable cause) {
    super(message, cause);
  }
}
