package io.cruddur.resource.kind;

import io.cruddur.port.AutoScalingPort;
import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.resource.Actual;
import io.cruddur.resource.ScalableTargetState;
import io.cruddur.resource.Scope;
import io.cruddur.resource.Value;
import io.cruddur.resource.WriteContext;
import java.util.List;
import java.util.Optional;

/**
 * {@code applicationautoscaling.scalable-target}, named by its resource id ({@code service/cluster/name}). Owned when
 * the ECS service it scales is owned (scalable targets carry no tags Cruddur can read back everywhere).
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
        .map(t -> actual(t, EcsServices.owned(cloud, scope, id)));
  }

  @Override
  public List<Actual<ScalableTargetState, ScalableTargetState.Outputs>> owned(ReadPorts cloud, Scope scope) {
    var services = EcsServices.ownedIds(cloud, scope);
    return cloud.autoScaling().listScalableTargets(AutoScalingPort.ECS).stream()
        .filter(t -> t.dimension().equals(AutoScalingPort.ECS_DESIRED_COUNT) && services.contains(t.resourceId()))
        .map(t -> actual(t, true)).toList();
  }

  private static ScalableTargetState.Outputs register(Ports cloud, ScalableTargetState s, WriteContext context) {
    var t = cloud.autoScaling().registerScalableTarget(s.namespace(), s.resourceId().get(), s.dimension(),
        s.minCapacity(), s.maxCapacity(), context.tags());
    return new ScalableTargetState.Outputs(t.arn(), t.resourceId());
  }

  @Override
  public ScalableTargetState.Outputs create(Ports cloud, String name, ScalableTargetState s, WriteContext context) {
    return register(cloud, s, context);
  }

  @Override
  public ScalableTargetState.Outputs update(Ports cloud,
      Actual<ScalableTargetState, ScalableTargetState.Outputs> actual, ScalableTargetState s) {
    // Registering again changes the capacity of the registered target in place.
    var t = cloud.autoScaling().registerScalableTarget(s.namespace(), s.resourceId().get(), s.dimension(),
        s.minCapacity(), s.maxCapacity(), java.util.Map.of());
    return new ScalableTargetState.Outputs(t.arn(), t.resourceId());
  }

  @Override
  public void delete(Ports cloud, Actual<ScalableTargetState, ScalableTargetState.Outputs> actual,
      Optional<ScalableTargetState> desired) {
    ScalableTargetState s = actual.state();
    cloud.autoScaling().deregisterScalableTarget(s.namespace(), s.resourceId().get(), s.dimension());
  }
}
