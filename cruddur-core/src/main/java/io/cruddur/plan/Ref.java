package io.cruddur.plan;

/** A property that takes another resource's attribute (an ARN, an id), known once that resource exists. */
public record Ref(ResourceId target, String attribute) {
  @Override
  public String toString() {
    return "${" + target + "." + attribute + "}";
  }
}
