package io.cruddur.plan;

import io.cruddur.base.CruddurException;
import io.cruddur.spec.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** A plan with problems (an unowned resource in the way, a missing lookup) was not applied. Nothing changed. */
public class PlanRefusedException extends CruddurException {
  private final List<Problem> problems;

  public PlanRefusedException(List<Problem> problems) {
    super("the plan has " + problems.size() + " problem(s); nothing was changed:\n"
        + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
