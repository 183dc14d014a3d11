package io.cruddur.resource;

import java.util.List;
import java.util.Map;

/**
 * What the planner knows of the stack's surroundings when it reads the cloud: the stack's name (its ownership
 * tag's value), the VPC, the clusters whose services it lists, the zones it writes records into without owning
 * them, the load balancers it shares without owning them (its rules and certificates on them are its own), and
 * every load balancer it names (the one it creates and those it shares: the ones whose listeners a plan reads).
 * Immutable.
 */
public record Scope(String stack, String vpcId, List<String> clusters, List<String> zones,
    List<String> sharedLoadBalancers, List<String> loadBalancers) {
  /** The tag key that marks ownership. */
  public static final String OWNER_TAG = io.cruddur.base.Tags.OWNER;

  public Scope {
    clusters = List.copyOf(clusters);
    zones = List.copyOf(zones);
    sharedLoadBalancers = List.copyOf(sharedLoadBalancers);
    loadBalancers = List.copyOf(loadBalancers);
  }

  /** Whether {@code tags} mark a resource of this stack. */
  public boolean owns(Map<String, String> tags) {
    return tags != null && stack.equals(tags.get(OWNER_TAG));
  }
}
