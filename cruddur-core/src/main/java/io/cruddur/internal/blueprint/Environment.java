package io.cruddur.internal.blueprint;

import io.cruddur.base.Arn;
import java.util.List;

/**
 * The account, region and default network a stack lands in. Immutable.
 *
 * @param defaultSubnets the default VPC's default subnets, sorted
 */
public record Environment(String accountId, String region, String partition, String vpcId,
    List<String> defaultSubnets) {
  public Environment {
    defaultSubnets = List.copyOf(defaultSubnets);
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
