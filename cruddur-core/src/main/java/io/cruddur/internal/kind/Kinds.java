package io.cruddur.internal.kind;

import io.cruddur.resource.CertificateState;
import io.cruddur.resource.ClusterState;
import io.cruddur.resource.HostedZoneState;
import io.cruddur.resource.IngressState;
import io.cruddur.resource.Kind;
import io.cruddur.resource.ListenerCertificateState;
import io.cruddur.resource.ListenerRuleState;
import io.cruddur.resource.ListenerState;
import io.cruddur.resource.LoadBalancerState;
import io.cruddur.resource.LogGroupState;
import io.cruddur.resource.NamespaceState;
import io.cruddur.resource.PolicyAttachmentState;
import io.cruddur.resource.RecordState;
import io.cruddur.resource.RepositoryState;
import io.cruddur.resource.RolePolicyState;
import io.cruddur.resource.RoleState;
import io.cruddur.resource.ScalableTargetState;
import io.cruddur.resource.ScalingPolicyState;
import io.cruddur.resource.SecurityGroupState;
import io.cruddur.resource.ServiceState;
import io.cruddur.resource.TargetGroupState;
import io.cruddur.resource.TaskDefinitionState;
import java.util.List;

/**
 * Every resource kind Cruddur manages, as typed constants, and the naming rules of their stack-level names. The
 * blueprint builds desired graphs from these; the planner and the executor see them only as {@link Kind}s.
 */
public final class Kinds {
  public static final Kind<RepositoryState, RepositoryState.Outputs> REPOSITORY = new RepositoryKind();
  public static final Kind<LogGroupState, LogGroupState.Outputs> LOG_GROUP = new LogGroupKind();
  public static final Kind<NamespaceState, NamespaceState.Outputs> NAMESPACE = new NamespaceKind();
  public static final Kind<RoleState, RoleState.Outputs> ROLE = new RoleKind();
  public static final Kind<HostedZoneState, HostedZoneState.Outputs> HOSTED_ZONE = new HostedZoneKind();
  public static final Kind<SecurityGroupState, SecurityGroupState.Outputs> SECURITY_GROUP = new SecurityGroupKind();
  public static final Kind<ClusterState, ClusterState.Outputs> CLUSTER = new ClusterKind();
  public static final Kind<RolePolicyState, RolePolicyState.Outputs> ROLE_POLICY = new RolePolicyKind();
  public static final Kind<PolicyAttachmentState, PolicyAttachmentState.Outputs> POLICY_ATTACHMENT =
      new PolicyAttachmentKind();
  public static final Kind<IngressState, IngressState.Outputs> INGRESS = new IngressKind();
  public static final Kind<CertificateState, CertificateState.Outputs> CERTIFICATE = new CertificateKind();
  public static final Kind<TargetGroupState, TargetGroupState.Outputs> TARGET_GROUP = new TargetGroupKind();
  public static final Kind<LoadBalancerState, LoadBalancerState.Outputs> LOAD_BALANCER = new LoadBalancerKind();
  public static final Kind<RecordState, RecordState.Outputs> RECORD = new RecordKind();
  public static final Kind<TaskDefinitionState, TaskDefinitionState.Outputs> TASK_DEFINITION =
      new TaskDefinitionKind();
  public static final Kind<ListenerState, ListenerState.Outputs> LISTENER = new ListenerKind();
  public static final Kind<ListenerCertificateState, ListenerCertificateState.Outputs> LISTENER_CERTIFICATE =
      new ListenerCertificateKind();
  public static final Kind<ListenerRuleState, ListenerRuleState.Outputs> LISTENER_RULE = new ListenerRuleKind();
  public static final Kind<ServiceState, ServiceState.Outputs> SERVICE = new ServiceKind();
  public static final Kind<ScalableTargetState, ScalableTargetState.Outputs> SCALABLE_TARGET =
      new ScalableTargetKind();
  public static final Kind<ScalingPolicyState, ScalingPolicyState.Outputs> SCALING_POLICY = new ScalingPolicyKind();

  /** Every kind, lower layers first. */
  public static final List<Kind<?, ?>> ALL = List.of(REPOSITORY, LOG_GROUP, NAMESPACE, ROLE, HOSTED_ZONE,
      SECURITY_GROUP, CLUSTER, ROLE_POLICY, POLICY_ATTACHMENT, INGRESS, CERTIFICATE, TARGET_GROUP, LOAD_BALANCER,
      RECORD, TASK_DEFINITION, LISTENER, LISTENER_CERTIFICATE, LISTENER_RULE, SERVICE, SCALABLE_TARGET, SCALING_POLICY);

  private Kinds() {}

  /** Names of resources whose kind derives them from several parts. */
  public static final class Names {
    private Names() {}

    public static String certificate(List<String> names) {
      return CertificateKind.id(names);
    }

    public static String rolePolicy(String role, String policy) {
      return RolePolicyKind.id(role, policy);
    }

    public static String policyAttachment(String role, String policyArn) {
      return PolicyAttachmentKind.id(role, policyArn);
    }

    public static String ingress(String group, String protocol, int from, int to, String source) {
      return IngressKind.id(group, protocol, from, to, source);
    }

    public static String validationRecord(String base) {
      return RecordKind.validationId(base);
    }

    public static String record(String fqdn, String type) {
      return RecordKind.id(fqdn, type);
    }

    public static String listener(String loadBalancer, int port) {
      return ListenerKind.id(loadBalancer, port);
    }

    public static String listenerCertificate(String listener, List<String> certificateNames) {
      return ListenerCertificateKind.id(listener, CertificateKind.id(certificateNames));
    }

    public static String listenerRule(String listener, int priority) {
      return ListenerRuleKind.id(listener, priority);
    }

    public static String service(String cluster, String name) {
      return ServiceKind.id(cluster, name);
    }

    public static String scalingPolicy(String resourceId, String policy) {
      return ScalingPolicyKind.id(resourceId, policy);
    }
  }
}
