package io.cruddur.internal.kind;

import io.cruddur.port.AutoScalingPort;
import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.resource.Actual;
import io.cruddur.resource.ScalingPolicyState;
import io.cruddur.resource.Scope;
import io.cruddur.resource.Value;
import io.cruddur.resource.WriteContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code applicationautoscaling.scaling-policy}, named {@code <resource id> <policy name>}. Policies carry no tags:
 * one is the stack's when the service its target scales is, and its name is one Cruddur gives
 * ({@link ScalingPolicyState#nameFor}). Other policies, step scaling ones among them, are someone else's.
 */
final class ScalingPolicyKind extends BaseKind<ScalingPolicyState, ScalingPolicyState.Outputs> {
  ScalingPolicyKind() {
    super("applicationautoscaling.scaling-policy", 7, ScalingPolicyState.class, ScalingPolicyState.Outputs.class);
  }

  /** The stack-level name of policy {@code policy} of the target {@code resourceId}. */
  static String id(String resourceId, String policy) {
    return resourceId + " " + policy;
  }

  /** Whether {@code p}, a policy of the stack's service {@code service}, is one Cruddur made for the stack. */
  static boolean isOurs(Scope scope, String service, AutoScalingPort.ScalingPolicy p) {
    return p.targetTracking() != null && ScalingPolicyState.METRICS.stream()
        .anyMatch(m -> ScalingPolicyState.nameFor(scope.stack(), service, m).equals(p.name()));
  }

  private Actual<ScalingPolicyState, ScalingPolicyState.Outputs> actual(AutoScalingPort.ScalingPolicy p,
      boolean owned) {
    // A policy of another type (step scaling) has no target tracking: it shows as a change to target tracking.
    AutoScalingPort.TargetTracking t = p.targetTracking() != null ? p.targetTracking()
        : new AutoScalingPort.TargetTracking(null, 0, 0, 0);
    return new Actual<>(handle(id(p.resourceId(), p.name())).id(), new ScalingPolicyState(p.name(), p.namespace(),
        Value.of(p.resourceId()), p.dimension(), t.predefinedMetric(),
        ScalingPolicyState.ResourceLabel.parse(t.resourceLabel()), t.targetValue(), t.scaleOutCooldownSeconds(),
        t.scaleInCooldownSeconds()), new ScalingPolicyState.Outputs(p.arn()), owned);
  }

  @Override
  public Optional<Actual<ScalingPolicyState, ScalingPolicyState.Outputs>> read(ReadPorts cloud, Scope scope,
      String name, ScalingPolicyState desired) {
    if (!desired.resourceId().isKnown()) {
      return Optional.empty();
    }
    String id = desired.resourceId().get();
    return cloud.autoScaling().listScalingPolicies(desired.namespace(), id, desired.dimension()).stream()
        .filter(p -> p.name().equals(desired.name())).findFirst()
        .map(p -> actual(p, EcsServices.owned(cloud, scope).containsKey(id)));
  }

  @Override
  public List<Actual<ScalingPolicyState, ScalingPolicyState.Outputs>> owned(ReadPorts cloud, Scope scope) {
    var services = EcsServices.owned(cloud, scope);
    List<Actual<ScalingPolicyState, ScalingPolicyState.Outputs>> out = new ArrayList<>();
    cloud.autoScaling().listScalableTargets(AutoScalingPort.ECS).stream()
        .filter(t -> services.containsKey(t.resourceId()))
        .forEach(t -> cloud.autoScaling().listScalingPolicies(t.namespace(), t.resourceId(), t.dimension()).stream()
            .filter(p -> isOurs(scope, services.get(t.resourceId()), p)).forEach(p -> out.add(actual(p, true))));
    return out;
  }

  private static ScalingPolicyState.Outputs put(Ports cloud, ScalingPolicyState s) {
    var p = cloud.autoScaling().putScalingPolicy(s.name(), s.namespace(), s.resourceId().get(), s.dimension(),
        new AutoScalingPort.TargetTracking(s.predefinedMetric(), s.resourceLabelText(), s.targetValue(),
            s.scaleOutCooldownSeconds(), s.scaleInCooldownSeconds()));
    return new ScalingPolicyState.Outputs(p.arn());
  }

  @Override
  public ScalingPolicyState.Outputs create(Ports cloud, String name, ScalingPolicyState s, WriteContext context) {
    return put(cloud, s);
  }

  @Override
  public ScalingPolicyState.Outputs update(Ports cloud,
      Actual<ScalingPolicyState, ScalingPolicyState.Outputs> actual, ScalingPolicyState s) {
    return put(cloud, s);
  }

  @Override
  public void delete(Ports cloud, Actual<ScalingPolicyState, ScalingPolicyState.Outputs> actual,
      Optional<ScalingPolicyState> desired) {
    ScalingPolicyState s = actual.state();
    cloud.autoScaling().deleteScalingPolicy(s.name(), s.namespace(), s.resourceId().get(), s.dimension());
  }
}
