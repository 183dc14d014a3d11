package io.cruddur.awscli;

import io.cruddur.base.CruddurException;
import java.util.List;

/** AWS CLI JSON that cannot become a stack: every problem, each naming its file and field. */
public final class AwsCliImportException extends CruddurException {
  private final List<String> problems;

  public AwsCliImportException(List<String> problems) {
    super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " importing the AWS CLI JSON:\n  "
        + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
