package io.cruddur.internal.blueprint;

import io.cruddur.port.AutoScalingPort;
import io.cruddur.resource.Handle;
import io.cruddur.resource.ScalableTargetState;
import io.cruddur.resource.ScalingPolicyState;
import io.cruddur.resource.ServiceState;
import io.cruddur.internal.kind.Kinds;
import io.cruddur.spec.AutoScaling;
import io.cruddur.spec.Service;
import io.cruddur.spec.Stack;
import java.util.Map;

/** For each service with auto scaling: a scalable target on its task count and a target-tracking CPU policy. */
final class AutoScalingContributor {
  private static final String CPU = "ECSServiceAverageCPUUtilization";

  private AutoScalingContributor() {}

  /** {@code services}: the handle of each service, by its name. */
  static void contribute(Stack s, Map<String, Handle<ServiceState, ServiceState.Outputs>> services, Graph graph) {
    for (Service svc : s.services()) {
      svc.autoScaling().ifPresent(a -> scale(s, svc, a, services.get(svc.name()), graph));
    }
  }

  private static void scale(Stack s, Service svc, AutoScaling a, Handle<ServiceState, ServiceState.Outputs> service,
      Graph graph) {
    var resourceId = service.input("autoScalingResourceId", ServiceState::autoScalingResourceId);
    String id = ServiceState.autoScalingResourceId(s.cluster().name(), svc.name());
    var target = graph.add(Kinds.SCALABLE_TARGET, id, new ScalableTargetState(AutoScalingPort.ECS, resourceId,
        AutoScalingPort.ECS_DESIRED_COUNT, a.min(), a.max()));
    String policy = ScalingPolicyState.nameFor(s.name(), svc.name(), "cpu");
    graph.add(Kinds.SCALING_POLICY, Kinds.Names.scalingPolicy(id, policy), new ScalingPolicyState(policy,
        AutoScalingPort.ECS, target.input("resourceId", t -> t.resourceId().get()), AutoScalingPort.ECS_DESIRED_COUNT,
        CPU, a.cpuPercent(), a.scaleOutCooldownSeconds(), a.scaleInCooldownSeconds()));
  }
}
