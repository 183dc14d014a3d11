package io.cruddur.spec;

import io.cruddur.base.CruddurException;
import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot be deployed. Lists every problem found, each with its path. */
public class InvalidSpecException extends CruddurException {
  private final List<Problem> problems;

  public InvalidSpecException(List<Problem> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  /** Used by the generated builders when a required attribute is missing. */
  public InvalidSpecException(String message) {
    super(message);
    this.problems = List.of(new Problem("(builder)", message));
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String render(List<Problem> problems) {
    return problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the spec:\n"
        + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
  }
}
