package io.cruddur.resource;

import java.util.List;
import java.util.Map;

/**
 * What the planner knows of the stack's surroundings when it reads the cloud: the stack's name (its ownership
 * tag's value), the VPC, the clusters whose services it lists, the zones it writes records into without owning
 * them, and the load balancers it shares without owning them (its rules and certificates on them are its own).
 * Immutable.
 */
public record Scope(String stack, String vpcId, List<String> clusters, List<String> zones,
    List<String> sharedLoadBalancers) {
  /** The tag key that marks ownership. */
  public static final String OWNER_TAG = io.cruddur.base.Tags.OWNER;

  public Scope {
    clusters = List.copyOf(clusters);
    zones = List.copyOf(zones);
    sharedLoadBalancers = List.copyOf(sharedLoadBalancers);
  }

  /** Whether {@code tags} mark a resource of this stack. */
  public boolean owns(Map<String, String> tags) {
    return tags != null && stack.equals(tags.get(OWNER_TAG));
  }
}
