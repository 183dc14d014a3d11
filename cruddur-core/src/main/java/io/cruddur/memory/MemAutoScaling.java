package io.cruddur.memory;

import io.cruddur.base.Arn;
import io.cruddur.memory.MemoryState.StoredScalableTarget;
import io.cruddur.port.AutoScalingPort;
import io.cruddur.port.CloudException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Application Auto Scaling as AWS behaves for ECS services: a target needs an active service and {@code min <=
 * max}; registering again updates the capacity in place; a policy needs its target, and a requests policy a
 * resource label naming one of the service's target groups on its load balancer; deregistering a target deletes
 * its policies; a missing target or policy is NotFound (ObjectNotFoundException).
 */
final class MemAutoScaling implements AutoScalingPort {
  private final InMemoryCloud c;

  MemAutoScaling(InMemoryCloud c) {
    this.c = c;
  }

  private static String key(String namespace, String resourceId, String dimension) {
    return namespace + "|" + resourceId + "|" + dimension;
  }

  @Override
  public ScalableTarget registerScalableTarget(String namespace, String resourceId, String dimension, int min,
      int max, Map<String, String> tags) {
    return c.op("application-autoscaling", "RegisterScalableTarget", resourceId, true, () -> {
      if (min > max) {
        throw new CloudException.Invalid("ValidationException: Minimum capacity cannot be greater than maximum "
            + "capacity");
      }
      requireService(namespace, resourceId);
      String key = key(namespace, resourceId, dimension);
      StoredScalableTarget existing = c.state.scalableTargets.get(key);
      String arn = existing != null ? existing.target().arn()
          : c.arn("application-autoscaling", "scalable-target/" + c.nextId("scalable-target", key, 32));
      Map<String, String> allTags = new TreeMap<>(existing != null ? existing.tags() : Map.of());
      allTags.putAll(tags);
      ScalableTarget t = new ScalableTarget(namespace, resourceId, dimension, min, max, arn);
      c.state.scalableTargets.put(key, new StoredScalableTarget(t, existing != null ? existing.policies()
          : new TreeMap<>(), InMemoryCloud.copy(allTags)));
      return t;
    });
  }

  private void requireService(String namespace, String resourceId) {
    String[] parts = resourceId.split("/", 3);
    boolean active = namespace.equals(ECS) && parts.length == 3 && parts[0].equals("service")
        && c.state.services.containsKey(parts[1] + "/" + parts[2])
        && c.state.services.get(parts[1] + "/" + parts[2]).status().equals("ACTIVE");
    if (!active) {
      throw new CloudException.Invalid("ValidationException: ECS service doesn't exist: " + resourceId);
    }
  }

  private StoredScalableTarget require(String namespace, String resourceId, String dimension) {
    StoredScalableTarget t = c.state.scalableTargets.get(key(namespace, resourceId, dimension));
    if (t == null) {
      throw new CloudException.NotFound("ObjectNotFoundException: No scalable target registered for service "
          + "namespace: " + namespace + ", resource ID: " + resourceId + ", scalable dimension: " + dimension);
    }
    return t;
  }

  @Override
  public void deregisterScalableTarget(String namespace, String resourceId, String dimension) {
    c.opv("application-autoscaling", "DeregisterScalableTarget", resourceId, () -> {
      require(namespace, resourceId, dimension);
      c.state.scalableTargets.remove(key(namespace, resourceId, dimension));
    });
  }

  @Override
  public ScalingPolicy putScalingPolicy(String name, String namespace, String resourceId, String dimension,
      TargetTracking targetTracking) {
    return c.op("application-autoscaling", "PutScalingPolicy", name, true, () -> {
      StoredScalableTarget t = require(namespace, resourceId, dimension);
      checkLabel(resourceId, targetTracking);
      ScalingPolicy existing = t.policies().get(name);
      String arn = existing != null ? existing.arn() : c.arn("autoscaling", "scalingPolicy:"
          + c.nextId("scaling-policy", key(namespace, resourceId, dimension) + "|" + name, 32) + ":resource/"
          + namespace + "/" + resourceId + ":policyName/" + name);
      ScalingPolicy p = new ScalingPolicy(name, arn, namespace, resourceId, dimension, targetTracking);
      t.policies().put(name, p);
      return p;
    });
  }

  /**
   * API reference, PredefinedMetricSpecification: a resource label goes only with ALBRequestCountPerTarget, which
   * needs one, and names a target group attached to the ECS service and the load balancer that group is on.
   */
  private void checkLabel(String resourceId, TargetTracking t) {
    String label = t.resourceLabel();
    if (!ALB_REQUESTS.equals(t.predefinedMetric())) {
      if (label != null) {
        throw new CloudException.Invalid("ValidationException: a resource label goes only with the metric type "
            + ALB_REQUESTS + ", not " + t.predefinedMetric());
      }
      return;
    }
    if (label == null) {
      throw new CloudException.Invalid("ValidationException: the metric type " + ALB_REQUESTS + " needs a resource "
          + "label (app/<load-balancer>/<id>/targetgroup/<target-group>/<id>)");
    }
    String[] parts = resourceId.split("/", 3);
    var service = parts.length == 3 ? c.state.services.get(parts[1] + "/" + parts[2]) : null;
    MemElb elb = (MemElb) c.elb();
    boolean attached = service != null && service.spec().loadBalancers().stream()
        .filter(a -> c.state.targetGroups.containsKey(a.targetGroupArn()))
        .map(a -> elb.targetGroup(a.targetGroupArn()))
        .anyMatch(tg -> tg.loadBalancerArns().stream()
            .anyMatch(lb -> Arn.resourceLabel(lb, tg.arn()).equals(label)));
    if (!attached) {
      throw new CloudException.Invalid("ValidationException: the resource label " + label + " does not name a "
          + "target group of " + resourceId + " on the load balancer it names");
    }
  }

  @Override
  public void deleteScalingPolicy(String name, String namespace, String resourceId, String dimension) {
    c.opv("application-autoscaling", "DeleteScalingPolicy", name, () -> {
      StoredScalableTarget t = c.state.scalableTargets.get(key(namespace, resourceId, dimension));
      if (t == null || t.policies().remove(name) == null) {
        throw new CloudException.NotFound("ObjectNotFoundException: No scaling policy found for service namespace: "
            + namespace + ", resource ID: " + resourceId + ", scalable dimension: " + dimension + ", policy name: "
            + name);
      }
    });
  }

  @Override
  public Optional<ScalableTarget> findScalableTarget(String namespace, String resourceId, String dimension) {
    return c.op("application-autoscaling", "DescribeScalableTargets", resourceId, false, () -> Optional.ofNullable(
        c.state.scalableTargets.get(key(namespace, resourceId, dimension))).map(StoredScalableTarget::target));
  }

  @Override
  public List<ScalableTarget> listScalableTargets(String namespace) {
    return c.op("application-autoscaling", "DescribeScalableTargets", namespace, false, () -> c.state.scalableTargets
        .values().stream().map(StoredScalableTarget::target).filter(t -> t.namespace().equals(namespace)).toList());
  }

  @Override
  public List<ScalingPolicy> listScalingPolicies(String namespace, String resourceId, String dimension) {
    return c.op("application-autoscaling", "DescribeScalingPolicies", resourceId, false, () -> {
      StoredScalableTarget t = c.state.scalableTargets.get(key(namespace, resourceId, dimension));
      return t == null ? List.<ScalingPolicy>of() : new ArrayList<>(t.policies().values());
    });
  }
}
