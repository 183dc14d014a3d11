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
   * The health of each target registered in a target group (DescribeTargetHealth), as the load balancer's health
   * checks see it: what tells why the tasks of a service behind it are replaced.
   *
   * @throws CloudException.NotFound if there is no such target group
   */
  List<ElbPort.TargetHealth> targetHealth(String targetGroupArn);
}
