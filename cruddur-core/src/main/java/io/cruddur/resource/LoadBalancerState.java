package io.cruddur.resource;

import java.util.List;

/** {@code elb.load-balancer}: an application load balancer; subnets are sorted. */
public record LoadBalancerState(String name, @RequiresReplace String scheme, List<String> subnets,
    List<Value<String>> securityGroups) implements ResourceState {
  /** @param securityGroups the load balancer's security groups, as attached */
  public record Outputs(String arn, String name, String dnsName, String canonicalHostedZoneId, String state,
      List<String> securityGroups) {
    public Outputs {
      securityGroups = List.copyOf(securityGroups);
    }
  }
}
