package io.cruddur.resource;

/**
 * The desired (or actual) state of one resource: one record per kind, whose components are plain values, nested
 * records and {@link Value}s. The planner compares two states component by component and reports changed fields by
 * name; refs in a state are the resource's dependencies.
 */
public sealed interface ResourceState permits RepositoryState, LogGroupState, NamespaceState, ClusterState,
    RoleState, RolePolicyState, PolicyAttachmentState, SecurityGroupState, IngressState, CertificateState,
    HostedZoneState, RecordState, TargetGroupState, LoadBalancerState, ListenerState, ListenerCertificateState,
    ListenerRuleState, TaskDefinitionState, ServiceState, ScalableTargetState, ScalingPolicyState {}
