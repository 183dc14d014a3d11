package io.cruddur.internal.kind;

import io.cruddur.port.ElbPort;
import io.cruddur.port.ReadPorts;
import io.cruddur.resource.Scope;
import java.util.List;

/**
 * How the ELB kinds list what they own: from one {@link io.cruddur.port.ElbReads#inventory} of the load balancers
 * the stack names (the same call for every kind, so a plan makes it once), and, for a load balancer it does not
 * name (one it owns under an old name, one its target groups are attached to), by the listener and rule reads.
 */
final class ElbReading {
  private ElbReading() {}

  static ElbPort.Inventory inventory(ReadPorts cloud, Scope scope) {
    return cloud.elb().inventory(scope.loadBalancers());
  }

  static List<ElbPort.Listener> listeners(ReadPorts cloud, ElbPort.Inventory inventory, String loadBalancerArn) {
    List<ElbPort.Listener> known = inventory.listeners().get(loadBalancerArn);
    return known != null ? known : cloud.elb().listeners(loadBalancerArn);
  }

  static List<ElbPort.Rule> rules(ReadPorts cloud, ElbPort.Inventory inventory, String listenerArn) {
    List<ElbPort.Rule> known = inventory.rules().get(listenerArn);
    return known != null ? known : cloud.elb().rules(listenerArn);
  }
}
