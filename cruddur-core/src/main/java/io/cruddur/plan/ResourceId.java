package io.cruddur.plan;

import java.util.Comparator;

/** A resource's identity within a stack: its type ({@code ecs.service}) and stack-level name. */
public record ResourceId(String type, String name) implements Comparable<ResourceId> {
  private static final Comparator<ResourceId> ORDER = Comparator.comparing(ResourceId::type)
      .thenComparing(ResourceId::name);

  @Override
  public int compareTo(ResourceId o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return type + " " + name;
  }
}
