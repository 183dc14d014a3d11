package io.cruddur.plan;

/** What a step does. */
public enum Action {
  CREATE("+"), UPDATE("~"), REPLACE("-/+"), DELETE("-"), NOOP(" "), WAIT("…"),
  /** A new deployment of a resource as it is (an ECS service pulling a moved tag). */
  REDEPLOY("↻");

  private final String symbol;

  Action(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  public boolean writes() {
    return this == CREATE || this == UPDATE || this == REPLACE || this == DELETE || this == REDEPLOY;
  }
}
