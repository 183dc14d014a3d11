package io.cruddur.spec;

/**
 * One validation problem: where it is ({@code services[backend-flask].cpu}) and which rule it breaks.
 */
public record Problem(String path, String message) {
  @Override
  public String toString() {
    return path + ": " + message;
  }
}
