package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads of {@link ElbPort}: what planning may call. A view of this type can only read, so a plan cannot
 * change anything by construction.
 */
public interface ElbReads {
  Optional<ElbPort.LoadBalancer> findLoadBalancer(String name);

  List<ElbPort.LoadBalancer> listLoadBalancers();

  Optional<ElbPort.TargetGroup> findTargetGroup(String name);

  List<ElbPort.TargetGroup> listTargetGroups();

  List<ElbPort.Listener> listeners(String loadBalancerArn);

  /**
   * The certificates an HTTPS listener serves besides its default one (chosen by SNI), sorted.
   *
   * @throws CloudException.NotFound if there is no such listener
   */
  List<String> listenerCertificates(String listenerArn);

  /** The non-default rules of a listener. */
  List<ElbPort.Rule> rules(String listenerArn);

  /**
   * Every load balancer and target group, and the listeners and rules of the load balancers named
   * {@code loadBalancers}: what a plan reads of ELB. By default one read each; an adapter may read them together
   * (AWS: the tags of all of them in one DescribeTags call per 20).
   */
  default ElbPort.Inventory inventory(List<String> loadBalancers) {
    List<ElbPort.LoadBalancer> all = listLoadBalancers();
    Map<String, List<ElbPort.Listener>> listeners = new java.util.HashMap<>();
    Map<String, List<ElbPort.Rule>> rules = new java.util.HashMap<>();
    all.stream().filter(lb -> loadBalancers.contains(lb.name())).forEach(lb -> {
      listeners.put(lb.arn(), listeners(lb.arn()));
      listeners.get(lb.arn()).forEach(l -> rules.put(l.arn(), rules(l.arn())));
    });
    return new ElbPort.Inventory(all, listTargetGroups(), listeners, rules);
  }

  /**
   * The health of each target registered in a target group (DescribeTargetHealth), as the load balancer's health
   * checks see it: what tells why the tasks of a service behind it are replaced.
   *
   * @throws CloudException.NotFound if there is no such target group
   */
  List<ElbPort.TargetHealth> targetHealth(String targetGroupArn);
}
