package io.cruddur.plan;

/** What a step does. */
public enum Action {
  CREATE("+"), UPDATE("~"), REPLACE("-/+"), DELETE("-"), NOOP(" "), WAIT("…");

  private final String symbol;

  Action(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  public boolean writes() {
    return this == CREATE || this == UPDATE || this == REPLACE || this == DELETE;
  }
}
