package io.cruddur.resource;

import java.util.List;
import java.util.Map;

/**
 * What the planner knows of the stack's surroundings when it reads the cloud: the stack's name (its ownership
 * tag's value), the VPC, the clusters whose services it lists, and the zones it writes records into without
 * owning them. Immutable.
 */
public record Scope(String stack, String vpcId, List<String> clusters, List<String> zones) {
  /** The tag key that marks ownership. */
  public static final String OWNER_TAG = io.cruddur.base.Tags.OWNER;

  public Scope {
    clusters = List.copyOf(clusters);
    zones = List.copyOf(zones);
  }

  /** Whether {@code tags} mark a resource of this stack. */
  public boolean owns(Map<String, String> tags) {
    return tags != null && stack.equals(tags.get(OWNER_TAG));
  }
}
