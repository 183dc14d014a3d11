package io.cruddur.stackfile;

import io.cruddur.base.CruddurException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A stack file that does not compile, fails while it builds its stacks, or defines none: every error with its
 * file, line and column, as {@code javac} prints them ({@code app.java:12:9: error: ...}).
 */
public final class StackFileException extends CruddurException {
  /** One error at a place in a file; line and column count from 1. */
  public record Error(Path file, long line, long column, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ":" + column + ": error: " + message;
    }
  }

  private final List<Error> errors;

  public StackFileException(List<Error> errors) {
    super(errors.stream().map(Error::toString).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public List<Error> errors() {
    return errors;
  }
}
