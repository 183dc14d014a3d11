package io.cruddur.aws;

import io.cruddur.port.CloudException;
import io.cruddur.port.IamPort;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Tag;

final class AwsIam implements IamPort {
  private final IamClient iam;
  private final Calls calls;

  AwsIam(IamClient iam, Calls calls) {
    this.iam = iam;
    this.calls = calls;
  }

  /** IAM returns policy documents URL-encoded. */
  static String decode(String doc) {
    return doc == null ? null : doc.trim().startsWith("{") ? doc : URLDecoder.decode(doc, StandardCharsets.UTF_8);
  }

  private Map<String, String> tags(String role) {
    return calls.read("iam:ListRoleTags", () -> iam.listRoleTags(b -> b.roleName(role)).tags().stream()
        .collect(Collectors.toMap(Tag::key, Tag::value)));
  }

  @Override
  public Role createRole(String name, String assumeRolePolicy, Map<String, String> tags) {
    var r = calls.create("iam:CreateRole", () -> iam.createRole(b -> b.roleName(name)
        .assumeRolePolicyDocument(assumeRolePolicy).tags(tags.entrySet().stream()
            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())).role());
    return new Role(r.roleName(), r.arn(), assumeRolePolicy, Map.copyOf(tags));
  }

  @Override
  public Optional<Role> findRole(String name) {
    try {
      var r = calls.read("iam:GetRole", () -> iam.getRole(b -> b.roleName(name)).role());
      return Optional.of(new Role(r.roleName(), r.arn(), decode(r.assumeRolePolicyDocument()), tags(name)));
    } catch (CloudException.NotFound e) {
      return Optional.empty();
    }
  }

  @Override
  public List<Role> listRoles() {
    // ListRoles returns neither tags nor (reliably) documents: each role is read whole.
    return calls.read("iam:ListRoles", () -> iam.listRolesPaginator(b -> {}).roles().stream()
        .map(software.amazon.awssdk.services.iam.model.Role::roleName).toList()).stream()
        .map(this::findRole).flatMap(Optional::stream).toList();
  }

  @Override
  public void updateAssumeRolePolicy(String name, String assumeRolePolicy) {
    calls.write("iam:UpdateAssumeRolePolicy", () -> iam.updateAssumeRolePolicy(b -> b.roleName(name)
        .policyDocument(assumeRolePolicy)));
  }

  @Override
  public void putRolePolicy(String role, String policyName, String document) {
    calls.write("iam:PutRolePolicy", () -> iam.putRolePolicy(b -> b.roleName(role).policyName(policyName)
        .policyDocument(document)));
  }

  @Override
  public Map<String, String> rolePolicies(String role) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : calls.read("iam:ListRolePolicies", () -> iam.listRolePolicies(b -> b.roleName(role))
        .policyNames())) {
      out.put(name, decode(calls.read("iam:GetRolePolicy", () -> iam.getRolePolicy(b -> b.roleName(role)
          .policyName(name)).policyDocument())));
    }
    return out;
  }

  @Override
  public void deleteRolePolicy(String role, String policyName) {
    calls.write("iam:DeleteRolePolicy", () -> iam.deleteRolePolicy(b -> b.roleName(role).policyName(policyName)));
  }

  @Override
  public void attachRolePolicy(String role, String policyArn) {
    calls.write("iam:AttachRolePolicy", () -> iam.attachRolePolicy(b -> b.roleName(role).policyArn(policyArn)));
  }

  @Override
  public List<String> attachedPolicies(String role) {
    return calls.read("iam:ListAttachedRolePolicies", () -> iam.listAttachedRolePolicies(b -> b.roleName(role))
        .attachedPolicies().stream().map(AttachedPolicy::policyArn).toList());
  }

  @Override
  public void detachRolePolicy(String role, String policyArn) {
    calls.write("iam:DetachRolePolicy", () -> iam.detachRolePolicy(b -> b.roleName(role).policyArn(policyArn)));
  }

  @Override
  public void deleteRole(String name) {
    calls.write("iam:DeleteRole", () -> iam.deleteRole(b -> b.roleName(name)));
  }
}
