package io.cruddur.internal.blueprint;

import io.cruddur.base.Arn;
import io.cruddur.internal.kind.Kinds;
import io.cruddur.port.AutoScalingPort;
import io.cruddur.resource.Handle;
import io.cruddur.resource.NodeId;
import io.cruddur.resource.ScalableTargetState;
import io.cruddur.resource.ScalingPolicyState;
import io.cruddur.resource.ServiceState;
import io.cruddur.resource.TargetGroupState;
import io.cruddur.resource.Value;
import io.cruddur.spec.AutoScaling;
import io.cruddur.spec.Service;
import io.cruddur.spec.Stack;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * For each service with auto scaling: a scalable target on its task count and a target-tracking policy per metric
 * it tracks (CPU, memory, load balancer requests per target), named by {@link ScalingPolicyState#nameFor}.
 */
final class AutoScalingContributor {
  private AutoScalingContributor() {}

  /**
   * {@code services}: the handle of each service, by its name; {@code edge}: the load balancer and the services'
   * target groups, which a requests policy's label names.
   */
  static void contribute(Stack s, Map<String, Handle<ServiceState, ServiceState.Outputs>> services,
      Optional<EdgeContributor.Edge> edge, Graph graph) {
    for (Service svc : s.services()) {
      svc.autoScaling().ifPresent(a -> scale(s, svc, a, services.get(svc.name()), edge, graph));
    }
  }

  private static void scale(Stack s, Service svc, AutoScaling a, Handle<ServiceState, ServiceState.Outputs> service,
      Optional<EdgeContributor.Edge> edge, Graph graph) {
    var resourceId = service.input("autoScalingResourceId", ServiceState::autoScalingResourceId);
    String id = ServiceState.autoScalingResourceId(s.cluster().name(), svc.name());
    var target = graph.add(Kinds.SCALABLE_TARGET, id, new ScalableTargetState(AutoScalingPort.ECS, resourceId,
        AutoScalingPort.ECS_DESIRED_COUNT, a.min(), a.max()));
    Value<String> targetId = target.input("resourceId", t -> t.resourceId().get());
    a.cpuPercent().ifPresent(p -> policy(s, svc, a, id, targetId, "cpu", AutoScalingPort.ECS_CPU, null, p,
        List.of(), graph));
    a.memoryPercent().ifPresent(p -> policy(s, svc, a, id, targetId, "memory", AutoScalingPort.ECS_MEMORY, null, p,
        List.of(), graph));
    // Validation made sure a service scaled on requests is routed through the stack's load balancer. AWS accepts
    // the label only once the service is attached to the target group it names: the policy comes after the
    // service itself, as the plan leaves out the link through a scalable target it does not change.
    a.requestsPerTarget().ifPresent(n -> policy(s, svc, a, id, targetId, "requests", AutoScalingPort.ALB_REQUESTS,
        label(edge.orElseThrow(), svc), n, List.of(service.id().node()), graph));
  }

  /** The load balancer and the service's target group, as their ARNs end. */
  private static ScalingPolicyState.ResourceLabel label(EdgeContributor.Edge edge, Service svc) {
    Handle<TargetGroupState, TargetGroupState.Outputs> group = edge.targets().get(svc.name()).group();
    return new ScalingPolicyState.ResourceLabel(
        edge.loadBalancer().output("arn", o -> Arn.resourceLabelPart(o.arn())),
        group.output("arn", o -> Arn.resourceLabelPart(o.arn())));
  }

  private static void policy(Stack s, Service svc, AutoScaling a, String id, Value<String> targetId, String metric,
      String predefinedMetric, ScalingPolicyState.ResourceLabel label, int targetValue, List<NodeId> after,
      Graph graph) {
    String name = ScalingPolicyState.nameFor(s.name(), svc.name(), metric);
    graph.add(Kinds.SCALING_POLICY, Kinds.Names.scalingPolicy(id, name), new ScalingPolicyState(name,
        AutoScalingPort.ECS, targetId, AutoScalingPort.ECS_DESIRED_COUNT, predefinedMetric, label, targetValue,
        a.scaleOutCooldownSeconds(), a.scaleInCooldownSeconds()), after);
  }
}
