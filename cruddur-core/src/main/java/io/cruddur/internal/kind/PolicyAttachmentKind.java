package io.cruddur.internal.kind;

import io.cruddur.port.Ports;
import io.cruddur.port.ReadPorts;
import io.cruddur.resource.Actual;
import io.cruddur.resource.PolicyAttachmentState;
import io.cruddur.resource.Scope;
import io.cruddur.resource.Value;
import io.cruddur.resource.WriteContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code iam.policy-attachment}: a managed policy on a role, named {@code role/policy-name}. */
final class PolicyAttachmentKind extends BaseKind<PolicyAttachmentState, PolicyAttachmentState.Outputs> {
  PolicyAttachmentKind() {
    super("iam.policy-attachment", 1, PolicyAttachmentState.class, PolicyAttachmentState.Outputs.class);
  }

  /** The stack-level name of the attachment of {@code policyArn} to {@code role}. */
  static String id(String role, String policyArn) {
    return role + "/" + policyArn.substring(policyArn.lastIndexOf(':') + 1);
  }

  private Actual<PolicyAttachmentState, PolicyAttachmentState.Outputs> actual(String role, String arn) {
    return new Actual<>(handle(id(role, arn)).id(), new PolicyAttachmentState(Value.of(role), arn),
        new PolicyAttachmentState.Outputs(arn), true);
  }

  @Override
  public Optional<Actual<PolicyAttachmentState, PolicyAttachmentState.Outputs>> read(ReadPorts cloud, Scope scope,
      String name, PolicyAttachmentState desired) {
    if (!desired.role().isKnown() || cloud.iam().findRole(desired.role().get()).isEmpty()) {
      return Optional.empty();
    }
    String role = desired.role().get();
    return cloud.iam().attachedPolicies(role).contains(desired.policyArn())
        ? Optional.of(actual(role, desired.policyArn())) : Optional.empty();
  }

  @Override
  public List<Actual<PolicyAttachmentState, PolicyAttachmentState.Outputs>> owned(ReadPorts cloud, Scope scope) {
    List<Actual<PolicyAttachmentState, PolicyAttachmentState.Outputs>> out = new ArrayList<>();
    cloud.iam().listRoleDetails().stream().filter(d -> scope.owns(d.role().tags())).forEach(d ->
        d.attachedPolicies().forEach(arn -> out.add(actual(d.role().name(), arn))));
    return out;
  }

  @Override
  public PolicyAttachmentState.Outputs create(Ports cloud, String name, PolicyAttachmentState s,
      WriteContext context) {
    cloud.iam().attachRolePolicy(s.role().get(), s.policyArn());
    return new PolicyAttachmentState.Outputs(s.policyArn());
  }

  @Override
  public PolicyAttachmentState.Outputs update(Ports cloud,
      Actual<PolicyAttachmentState, PolicyAttachmentState.Outputs> actual, PolicyAttachmentState s) {
    return actual.outputs();
  }

  @Override
  public void delete(Ports cloud, Actual<PolicyAttachmentState, PolicyAttachmentState.Outputs> actual,
      Optional<PolicyAttachmentState> desired) {
    cloud.iam().detachRolePolicy(actual.state().role().get(), actual.state().policyArn());
  }
}
