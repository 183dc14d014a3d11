package io.cruddur.memory;

/** One call made to the in-memory cloud: {@code ecs:CreateService backend-flask}. */
public record Call(String service, String operation, String target, boolean write) {
  @Override
  public String toString() {
    return service + ":" + operation + (target == null ? "" : " " + target);
  }
}
