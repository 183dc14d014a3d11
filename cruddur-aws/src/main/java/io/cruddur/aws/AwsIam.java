package io.cruddur.aws;

import io.cruddur.port.CloudException;
import io.cruddur.port.IamPort;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.PolicyDetail;
import software.amazon.awssdk.services.iam.model.Tag;

final class AwsIam implements IamPort {
  private final Supplier<IamClient> iam;
  private final Calls calls;

  AwsIam(Supplier<IamClient> iam, Calls calls) {
    this.iam = iam;
    this.calls = calls;
  }

  /** IAM returns policy documents URL-encoded. */
  static String decode(String doc) {
    return doc == null ? null : doc.trim().startsWith("{") ? doc : URLDecoder.decode(doc, StandardCharsets.UTF_8);
  }

  private static Map<String, String> tags(List<Tag> tags) {
    return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
  }

  @Override
  public Role createRole(String name, String assumeRolePolicy, Map<String, String> tags) {
    var r = calls.create("iam:CreateRole", () -> iam.get().createRole(b -> b.roleName(name)
        .assumeRolePolicyDocument(assumeRolePolicy).tags(tags.entrySet().stream()
            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())).role());
    return new Role(r.roleName(), r.arn(), assumeRolePolicy, Map.copyOf(tags));
  }

  @Override
  public Optional<Role> findRole(String name) {
    try {
      // GetRole returns the role's tags (ListRoleTags pages through them, but a role has at most 50).
      var r = calls.read("iam:GetRole", () -> iam.get().getRole(b -> b.roleName(name)).role());
      return Optional.of(new Role(r.roleName(), r.arn(), decode(r.assumeRolePolicyDocument()), tags(r.tags())));
    } catch (CloudException.NotFound e) {
      return Optional.empty();
    }
  }

  @Override
  public List<Role> listRoles() {
    // ListRoles returns neither tags nor (reliably) documents: each role is read whole.
    return calls.read("iam:ListRoles", () -> iam.get().listRolesPaginator(b -> {}).roles().stream()
        .map(software.amazon.awssdk.services.iam.model.Role::roleName).toList()).stream()
        .map(this::findRole).flatMap(Optional::stream).toList();
  }

  /**
   * Every role with its tags and policies in one paginated call (GetAccountAuthorizationDetails, 1,000 roles a
   * page), rather than five calls a role. Without permission for it (iam:GetAccountAuthorizationDetails, part of the
   * ReadOnlyAccess and SecurityAudit managed policies), role by role.
   */
  @Override
  public List<RoleDetail> listRoleDetails() {
    try {
      return calls.read("iam:GetAccountAuthorizationDetails", () -> iam.get()
          .getAccountAuthorizationDetailsPaginator(b -> b.filter(EntityType.ROLE).maxItems(1000)).roleDetailList()
          .stream().map(d -> new RoleDetail(
              new Role(d.roleName(), d.arn(), decode(d.assumeRolePolicyDocument()), tags(d.tags())),
              d.rolePolicyList().stream().collect(Collectors.toMap(PolicyDetail::policyName,
                  p -> decode(p.policyDocument()), (a, b) -> b, LinkedHashMap::new)),
              d.attachedManagedPolicies().stream().map(AttachedPolicy::policyArn).toList())).toList());
    } catch (CloudException e) {
      if (!denied(e)) {
        throw e;
      }
      return IamPort.super.listRoleDetails();
    }
  }

  private static boolean denied(CloudException e) {
    return e.getCause() instanceof AwsServiceException a && (a.statusCode() == 403 || (a.awsErrorDetails() != null
        && String.valueOf(a.awsErrorDetails().errorCode()).startsWith("AccessDenied")));
  }

  @Override
  public void updateAssumeRolePolicy(String name, String assumeRolePolicy) {
    calls.write("iam:UpdateAssumeRolePolicy", () -> iam.get().updateAssumeRolePolicy(b -> b.roleName(name)
        .policyDocument(assumeRolePolicy)));
  }

  @Override
  public void putRolePolicy(String role, String policyName, String document) {
    calls.write("iam:PutRolePolicy", () -> iam.get().putRolePolicy(b -> b.roleName(role).policyName(policyName)
        .policyDocument(document)));
  }

  @Override
  public Map<String, String> rolePolicies(String role) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : calls.read("iam:ListRolePolicies", () -> iam.get().listRolePolicies(b -> b.roleName(role))
        .policyNames())) {
      out.put(name, decode(calls.read("iam:GetRolePolicy", () -> iam.get().getRolePolicy(b -> b.roleName(role)
          .policyName(name)).policyDocument())));
    }
    return out;
  }

  @Override
  public void deleteRolePolicy(String role, String policyName) {
    calls.write("iam:DeleteRolePolicy", () -> iam.get().deleteRolePolicy(b -> b.roleName(role).policyName(policyName)));
  }

  @Override
  public void attachRolePolicy(String role, String policyArn) {
    calls.write("iam:AttachRolePolicy", () -> iam.get().attachRolePolicy(b -> b.roleName(role).policyArn(policyArn)));
  }

  @Override
  public List<String> attachedPolicies(String role) {
    return calls.read("iam:ListAttachedRolePolicies", () -> iam.get().listAttachedRolePolicies(b -> b.roleName(role))
        .attachedPolicies().stream().map(AttachedPolicy::policyArn).toList());
  }

  @Override
  public void detachRolePolicy(String role, String policyArn) {
    calls.write("iam:DetachRolePolicy", () -> iam.get().detachRolePolicy(b -> b.roleName(role).policyArn(policyArn)));
  }

  @Override
  public void deleteRole(String name) {
    calls.write("iam:DeleteRole", () -> iam.get().deleteRole(b -> b.roleName(name)));
  }
}
