package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Elastic Load Balancing v2: application load balancers, target groups, listeners and rules. */
public interface ElbPort extends ElbReads {
  record LoadBalancer(String arn, String name, String dnsName, String canonicalHostedZoneId, String scheme,
      String state, List<String> subnets, List<String> securityGroups, Map<String, String> tags) {}

  record HealthCheck(String path, int intervalSeconds, int timeoutSeconds, int healthyThreshold,
      int unhealthyThreshold, String matcher) {}

  record TargetGroup(String arn, String name, String protocol, int port, String vpcId, String targetType,
      HealthCheck healthCheck, int deregistrationDelaySeconds, List<String> loadBalancerArns,
      Map<String, String> tags) {}

  /**
   * One target of a target group and its health. {@code state}: initial, healthy, unhealthy, unused, draining or
   * unavailable; {@code reason} (such as {@code Target.ResponseCodeMismatch}) and {@code description} (such as
   * {@code Health checks failed with these codes: [404]}) are null for a healthy target.
   */
  record TargetHealth(String targetId, int port, String state, String reason, String description) {
    public boolean healthy() {
      return "healthy".equals(state);
    }

    /** {@code unhealthy (Target.ResponseCodeMismatch: Health checks failed with these codes: [404])}. */
    public String condition() {
      String why = reason == null ? description : description == null ? reason : reason + ": " + description;
      return state + (why == null ? "" : " (" + why + ")");
    }

    /** {@code 10.0.1.7:4567 unhealthy (Target.ResponseCodeMismatch: Health checks failed with these codes: [404])}. */
    public String describe() {
      return targetId + ":" + port + " " + condition();
    }
  }

  /** type is forward, redirect or fixed-response; the fields of the other types are null. */
  record Action(String type, String targetGroupArn, String redirectProtocol, String redirectPort,
      String statusCode, String contentType, String body) {
    public static Action forward(String targetGroupArn) {
      return new Action("forward", targetGroupArn, null, null, null, null, null);
    }

    public static Action redirectToHttps() {
      return new Action("redirect", null, "HTTPS", "443", "HTTP_301", null, null);
    }

    public static Action fixed(String statusCode, String contentType, String body) {
      return new Action("fixed-response", null, null, null, statusCode, contentType, body);
    }
  }

  record Listener(String arn, String loadBalancerArn, String protocol, int port, String certificateArn,
      String sslPolicy, Action defaultAction) {}

  record Rule(String arn, String listenerArn, int priority, List<String> hosts, List<String> paths,
      Action action, Map<String, String> tags) {}

  /**
   * What {@link #inventory} read: every load balancer and target group, and the listeners (by load balancer ARN)
   * and rules (by listener ARN) of the load balancers it was asked for that exist.
   */
  record Inventory(List<LoadBalancer> loadBalancers, List<TargetGroup> targetGroups,
      Map<String, List<Listener>> listeners, Map<String, List<Rule>> rules) {
    public Inventory {
      loadBalancers = List.copyOf(loadBalancers);
      targetGroups = List.copyOf(targetGroups);
      listeners = Map.copyOf(listeners);
      rules = Map.copyOf(rules);
    }
  }

  /** @throws CloudException.Conflict if one of that name exists */
  LoadBalancer createLoadBalancer(String name, boolean internetFacing, List<String> subnets,
      List<String> securityGroups, Map<String, String> tags);

  void setSecurityGroups(String loadBalancerArn, List<String> securityGroups);

  void setSubnets(String loadBalancerArn, List<String> subnets);

  void deleteLoadBalancer(String arn);

  /** @throws CloudException.Conflict if one of that name exists */
  TargetGroup createTargetGroup(String name, String protocol, int port, String vpcId, String targetType,
      HealthCheck healthCheck, int deregistrationDelaySeconds, Map<String, String> tags);

  void modifyTargetGroup(String arn, HealthCheck healthCheck, int deregistrationDelaySeconds);

  /** @throws CloudException.InUse while a listener or rule forwards to it */
  void deleteTargetGroup(String arn);

  /** @throws CloudException.Conflict if the port is taken on that load balancer */
  Listener createListener(String loadBalancerArn, String protocol, int port, String certificateArn,
      String sslPolicy, Action defaultAction, Map<String, String> tags);

  void modifyListener(String arn, String protocol, int port, String certificateArn, String sslPolicy,
      Action defaultAction);

  void deleteListener(String arn);

  /**
   * Adds a certificate that the HTTPS listener serves by SNI beside its default one; adding one it has already
   * succeeds and changes nothing.
   *
   * @throws CloudException.Invalid if the certificate is not issued, or the listener is not HTTPS
   */
  void addListenerCertificate(String listenerArn, String certificateArn);

  /** Removes a certificate added with {@link #addListenerCertificate}; removing one it has not succeeds. */
  void removeListenerCertificate(String listenerArn, String certificateArn);

  /** @throws CloudException.Conflict if the priority is in use on the listener (PriorityInUse) */
  Rule createRule(String listenerArn, int priority, List<String> hosts, List<String> paths, Action action,
      Map<String, String> tags);

  void modifyRule(String arn, List<String> hosts, List<String> paths, Action action);

  /** @throws CloudException.Conflict if the priority is in use */
  void setRulePriority(String arn, int priority);

  void deleteRule(String arn);
}
