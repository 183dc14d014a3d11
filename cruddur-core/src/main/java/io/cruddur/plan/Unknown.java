package io.cruddur.plan;

/** A value known only after apply: a reference to a resource that does not exist yet or is replaced. */
public enum Unknown {
  VALUE;

  @Override
  public String toString() {
    return "(known after apply)";
  }
}
