package io.cruddur.internal.blueprint;

import io.cruddur.base.Arn;
import java.util.List;

/**
 * The account, region and default network a stack lands in. Immutable.
 *
 * @param defaultSubnets the default VPC's default subnets, sorted
 * @param listenerRules the rules already on the listeners of the stack's load balancer, whoever owns them
 * @param sharedGroups the security groups of the load balancer the stack shares, as attached; empty if it shares
 *     none or it does not exist
 */
public record Environment(String accountId, String region, String partition, String vpcId,
    List<String> defaultSubnets, List<ListenerRule> listenerRules, List<Group> sharedGroups) {
  /** A security group by id and name. */
  public record Group(String id, String name) {}

  /** A rule on the listener at {@code port}, and whether the stack owns it. */
  public record ListenerRule(int port, int priority, List<String> hosts, List<String> paths, boolean owned) {
    public ListenerRule {
      hosts = List.copyOf(hosts);
      paths = List.copyOf(paths);
    }

    /** Its conditions, written as a {@link io.cruddur.spec.Route#key() route's key}. */
    String key() {
      return (hosts.isEmpty() ? "" : hosts.get(0)) + "|" + String.join(",", paths);
    }
  }

  public Environment {
    defaultSubnets = List.copyOf(defaultSubnets);
    listenerRules = List.copyOf(listenerRules);
    sharedGroups = List.copyOf(sharedGroups);
  }

  public Environment(String accountId, String region, String partition, String vpcId, List<String> defaultSubnets) {
    this(accountId, region, partition, vpcId, defaultSubnets, List.of(), List.of());
  }

  /** A resource of this account and region. */
  public Arn arn(String service, String resource) {
    return Arn.of(partition, service, region, accountId, resource);
  }

  /** The account's ECR registry host. */
  String registry() {
    return accountId + ".dkr.ecr." + region + ".amazonaws.com";
  }

  /** {@code subnets}, or the default ones when empty; sorted. */
  List<String> subnetsOr(List<String> subnets) {
    return (subnets.isEmpty() ? defaultSubnets : subnets).stream().sorted().toList();
  }
}
