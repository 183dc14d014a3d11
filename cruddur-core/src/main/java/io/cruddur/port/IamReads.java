package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads of {@link IamPort}: what planning may call. A view of this type can only read, so a plan cannot
 * change anything by construction.
 */
public interface IamReads {
  Optional<IamPort.Role> findRole(String name);

  List<IamPort.Role> listRoles();

  /**
   * Every role with its inline and attached policies: what a plan reads of IAM. By default one read per role and
   * policy; an adapter may read them together (AWS: GetAccountAuthorizationDetails).
   */
  default List<IamPort.RoleDetail> listRoleDetails() {
    return listRoles().stream().map(r -> new IamPort.RoleDetail(r, rolePolicies(r.name()), attachedPolicies(r.name())))
        .toList();
  }

  /** Inline policies of a role: name to document. */
  Map<String, String> rolePolicies(String role);

  List<String> attachedPolicies(String role);
}
