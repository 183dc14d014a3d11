package io.cruddur.plan.types;

import io.cruddur.plan.Actual;
import io.cruddur.plan.Desired;
import io.cruddur.plan.ResourceId;
import io.cruddur.plan.ResourceType;
import io.cruddur.plan.Unknown;
import io.cruddur.port.Cloud;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code iam.policy-attachment}: a managed policy on a role, {@code role/policy} -> {role, policyArn}. */
final class PolicyAttachmentType implements ResourceType {
  @Override
  public String name() {
    return "iam.policy-attachment";
  }

  @Override
  public int layer() {
    return 1;
  }

  static String id(String role, String policyArn) {
    return role + "/" + policyArn.substring(policyArn.lastIndexOf(':') + 1);
  }

  @Override
  public Optional<Actual> read(Cloud cloud, Scope scope, ResourceId id, Map<String, Object> props) {
    Object role = props.get("role");
    if (role == Unknown.VALUE || cloud.iam().findRole(role.toString()).isEmpty()) {
      return Optional.empty();
    }
    String arn = P.str(props, "policyArn");
    return cloud.iam().attachedPolicies(role.toString()).contains(arn)
        ? Optional.of(P.actual(this, id.name(), P.props("role", role, "policyArn", arn), P.attrs("arn", arn), true))
        : Optional.empty();
  }

  @Override
  public List<Actual> owned(Cloud cloud, Scope scope) {
    List<Actual> out = new ArrayList<>();
    cloud.iam().listRoles().stream().filter(r -> P.owns(r.tags(), scope.stack())).forEach(r ->
        cloud.iam().attachedPolicies(r.name()).forEach(arn -> out.add(P.actual(this, id(r.name(), arn),
            P.props("role", r.name(), "policyArn", arn), P.attrs("arn", arn), true))));
    return out;
  }

  @Override
  public Map<String, String> create(Cloud cloud, ResourceId id, Map<String, Object> p, Map<String, String> tags) {
    cloud.iam().attachRolePolicy(P.str(p, "role"), P.str(p, "policyArn"));
    return P.attrs("arn", P.str(p, "policyArn"));
  }

  @Override
  public Map<String, String> update(Cloud cloud, Actual actual, Map<String, Object> p, Set<String> changed) {
    return actual.attributes();
  }

  @Override
  public void delete(Cloud cloud, Actual actual, Desired desired) {
    cloud.iam().detachRolePolicy(P.str(actual.props(), "role"), P.str(actual.props(), "policyArn"));
  }

  @Override
  public Set<String> replaceOn() {
    return Set.of("role", "policyArn");
  }
}
