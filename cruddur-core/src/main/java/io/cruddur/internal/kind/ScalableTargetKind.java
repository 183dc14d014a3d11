package io.cruddur.internal.kind;

import io.cruddur.port.AutoScalingPort;
import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.resource.Actual;
import io.cruddur.resource.ScalableTargetState;
import io.cruddur.resource.Scope;
import io.cruddur.resource.Value;
import io.cruddur.resource.WriteContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code applicationautoscaling.scalable-target}, named by its resource id ({@code service/cluster/name}). Its tags
 * cannot be read back everywhere (moto does not implement the tagging API), so ownership follows what it scales: a
 * target the stack declares is the stack's when the service is; one it no longer declares is deleted only if it
 * also carries one of the stack's policies (a target someone registered by hand on the stack's service is left
 * alone).
 */
final class ScalableTargetKind extends BaseKind<ScalableTargetState, ScalableTargetState.Outputs> {
  ScalableTargetKind() {
    super("applicationautoscaling.scalable-target", 6, ScalableTargetState.class, ScalableTargetState.Outputs.class);
  }

  private Actual<ScalableTargetState, ScalableTargetState.Outputs> actual(AutoScalingPort.ScalableTarget t,
      boolean owned) {
    return new Actual<>(handle(t.resourceId()).id(), new ScalableTargetState(t.namespace(), Value.of(t.resourceId()),
        t.dimension(), t.minCapacity(), t.maxCapacity()), new ScalableTargetState.Outputs(t.arn(), t.resourceId()),
        owned);
  }

  @Override
  public Optional<Actual<ScalableTargetState, ScalableTargetState.Outputs>> read(ReadPorts cloud, Scope scope,
      String name, ScalableTargetState desired) {
    if (!desired.resourceId().isKnown()) {
      return Optional.empty();
    }
    String id = desired.resourceId().get();
    return cloud.autoScaling().findScalableTarget(desired.namespace(), id, desired.dimension())
        .map(t -> actual(t, EcsServices.owned(cloud, scope).containsKey(id)));
  }

  @Override
  public List<Actual<ScalableTargetState, ScalableTargetState.Outputs>> owned(ReadPorts cloud, Scope scope) {
    var services = EcsServices.owned(cloud, scope);
    return cloud.autoScaling().listScalableTargets(AutoScalingPort.ECS).stream()
        .filter(t -> t.dimension().equals(AutoScalingPort.ECS_DESIRED_COUNT) && services.containsKey(t.resourceId()))
        .filter(t -> cloud.autoScaling().listScalingPolicies(t.namespace(), t.resourceId(), t.dimension()).stream()
            .anyMatch(p -> ScalingPolicyKind.isOurs(scope, services.get(t.resourceId()), p)))
        .map(t -> actual(t, true)).toList();
  }

  private static ScalableTargetState.Outputs register(Ports cloud, ScalableTargetState s, Map<String, String> tags) {
    var t = cloud.autoScaling().registerScalableTarget(s.namespace(), s.resourceId().get(), s.dimension(),
        s.minCapacity(), s.maxCapacity(), tags);
    return new ScalableTargetState.Outputs(t.arn(), t.resourceId());
  }

  @Override
  public ScalableTargetState.Outputs create(Ports cloud, String name, ScalableTargetState s, WriteContext context) {
    return register(cloud, s, context.tags());
  }

  @Override
  public ScalableTargetState.Outputs update(Ports cloud,
      Actual<ScalableTargetState, ScalableTargetState.Outputs> actual, ScalableTargetState s) {
    // Registering again changes the capacity of the registered target in place.
    return register(cloud, s, Map.of());
  }

  @Override
  public void delete(Ports cloud, Actual<ScalableTargetState, ScalableTargetState.Outputs> actual,
      Optional<ScalableTargetState> desired) {
    ScalableTargetState s = actual.state();
    cloud.autoScaling().deregisterScalableTarget(s.namespace(), s.resourceId().get(), s.dimension());
  }
}
