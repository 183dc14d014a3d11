package io.cruddur.internal.kind;

import io.cruddur.port.ElbPort;
import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.resource.Actual;
import io.cruddur.resource.Scope;
import io.cruddur.resource.TargetGroupState;
import io.cruddur.resource.WriteContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code elb.target-group}, by name. */
final class TargetGroupKind
    extends NamedKind<TargetGroupState, TargetGroupState.Outputs, ElbPort.TargetGroup> {
  TargetGroupKind() {
    super("elb.target-group", 1, TargetGroupState.class, TargetGroupState.Outputs.class);
  }

  @Override
  Actual<TargetGroupState, TargetGroupState.Outputs> actual(ElbPort.TargetGroup t, boolean owned) {
    return new Actual<>(handle(t.name()).id(), new TargetGroupState(t.name(), t.protocol(), t.port(), t.vpcId(),
        t.targetType(), t.healthCheck(), t.deregistrationDelaySeconds()), new TargetGroupState.Outputs(t.arn()),
        owned);
  }

  @Override
  Optional<ElbPort.TargetGroup> find(ReadPorts cloud, Scope scope, String name, TargetGroupState desired) {
    return cloud.elb().findTargetGroup(name);
  }

  @Override
  List<ElbPort.TargetGroup> list(ReadPorts cloud, Scope scope) {
    return ElbReading.inventory(cloud, scope).targetGroups();
  }

  @Override
  Map<String, String> tags(ElbPort.TargetGroup t) {
    return t.tags();
  }

  @Override
  public TargetGroupState.Outputs create(Ports cloud, String name, TargetGroupState s, WriteContext context) {
    ElbPort.TargetGroup t = cloud.elb().createTargetGroup(s.name(), s.protocol(), s.port(), s.vpcId(),
        s.targetType(), s.healthCheck(), s.deregistrationDelaySeconds(), context.tags());
    if (t.deregistrationDelaySeconds() != s.deregistrationDelaySeconds()) {
      cloud.elb().modifyTargetGroup(t.arn(), t.healthCheck(), s.deregistrationDelaySeconds());
    }
    return new TargetGroupState.Outputs(t.arn());
  }

  @Override
  public TargetGroupState.Outputs update(Ports cloud, Actual<TargetGroupState, TargetGroupState.Outputs> actual,
      TargetGroupState s) {
    cloud.elb().modifyTargetGroup(actual.outputs().arn(), s.healthCheck(), s.deregistrationDelaySeconds());
    return actual.outputs();
  }

  @Override
  public void delete(Ports cloud, Actual<TargetGroupState, TargetGroupState.Outputs> actual,
      Optional<TargetGroupState> desired) {
    cloud.elb().deleteTargetGroup(actual.outputs().arn());
  }
}
