package io.cruddur.memory;

import io.cruddur.port.AcmPort;
import io.cruddur.port.AutoScalingPort;
import io.cruddur.port.Ec2Port;
import io.cruddur.port.EcrPort;
import io.cruddur.port.EcsPort;
import io.cruddur.port.ElbPort;
import io.cruddur.port.IamPort;
import io.cruddur.port.LogsPort;
import io.cruddur.port.Route53Port;
import io.cruddur.port.ServiceDiscoveryPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Everything the in-memory cloud holds; serialized to JSON as is. Guarded by the cloud's lock. */
final class MemoryState {
  public String accountId;
  public String region;
  public long clockMillis;
  public Map<String, Long> idCounters = new TreeMap<>();
  public Map<String, EcrPort.Repository> repositories = new TreeMap<>();
  public Map<String, LogsPort.LogGroup> logGroups = new TreeMap<>();
  /** Log group name to its events, oldest first (the newest {@code MemLogs.KEPT} are kept). */
  public Map<String, List<LogsPort.LogEvent>> logEvents = new TreeMap<>();
  public Map<String, StoredNamespace> namespaces = new TreeMap<>();
  public Map<String, StoredRole> roles = new TreeMap<>();
  public Map<String, Ec2Port.Vpc> vpcs = new TreeMap<>();
  public Map<String, Ec2Port.Subnet> subnets = new TreeMap<>();
  public Map<String, Ec2Port.SecurityGroup> securityGroups = new TreeMap<>();
  public Map<String, StoredLoadBalancer> loadBalancers = new TreeMap<>();
  public Map<String, ElbPort.TargetGroup> targetGroups = new TreeMap<>();
  public Map<String, ElbPort.Listener> listeners = new TreeMap<>();
  public Map<String, ElbPort.Rule> rules = new TreeMap<>();
  /** A listener's certificates beside its default one, by listener ARN. */
  public Map<String, java.util.TreeSet<String>> listenerCertificates = new TreeMap<>();
  public Map<String, StoredZone> zones = new TreeMap<>();
  /** Every hosted zone caller reference ever used: Route 53 never accepts one twice, even after a delete. */
  public java.util.Set<String> usedCallerReferences = new java.util.TreeSet<>();
  public Map<String, StoredCertificate> certificates = new TreeMap<>();
  public Map<String, StoredParameter> parameters = new TreeMap<>();
  public Map<String, StoredCluster> clusters = new TreeMap<>();
  public Map<String, EcsPort.TaskDefinition> taskDefinitions = new TreeMap<>();
  public Map<String, StoredService> services = new TreeMap<>();
  public Map<String, String> failingImages = new TreeMap<>();
  /** Image substrings whose containers fail their own health check, and those that fail the target group's. */
  public List<String> failingContainerHealth = new ArrayList<>();
  public List<String> failingTargetHealth = new ArrayList<>();
  /** Repository name to the tags pushed to it. */
  public Map<String, List<String>> images = new TreeMap<>();
  /** Service key ({@code cluster/name}) to its stopped tasks, newest first. */
  public Map<String, List<StoredTask>> stoppedTasks = new TreeMap<>();
  /** Managed policies defined out of band ({@code InMemoryCloud.definePolicy}): ARN to document. */
  public Map<String, String> definedPolicies = new TreeMap<>();
  /** Deployment id to the number of its tasks that failed (the circuit breaker's count). */
  public Map<String, Integer> failedTasks = new TreeMap<>();
  /** Task definition family to the last revision ever registered (revisions are never reused). */
  public Map<String, Integer> revisions = new TreeMap<>();
  /** The hosted zones public DNS resolves: those the domain's registrar (or parent zone) delegates to. */
  public List<String> delegatedZones = new ArrayList<>();
  /** {@code zoneId name type} to the time of the record's last change: public DNS sees it once INSYNC. */
  public Map<String, Long> recordsChangedAt = new TreeMap<>();
  /** Route 53 change id to the time it was submitted: INSYNC {@code recordPropagation} later. */
  public Map<String, Long> changesSubmittedAt = new TreeMap<>();
  /** Security group id to the time until which deleted network interfaces still hold it. */
  public Map<String, Long> heldSecurityGroups = new TreeMap<>();
  /** Certificate ARN to the time until which ACM still counts a deleted listener's use of it. */
  public Map<String, Long> heldCertificates = new TreeMap<>();
  /** Security group id to its creation time (EC2 describes a new group only after a moment). */
  public Map<String, Long> securityGroupsCreatedAt = new TreeMap<>();
  public Map<String, StoredScalableTarget> scalableTargets = new TreeMap<>();

  record StoredNamespace(ServiceDiscoveryPort.Namespace namespace, String creatorRequestId) {}

  record StoredRole(IamPort.Role role, long createdAt, Map<String, String> inlinePolicies,
      List<String> attachedPolicies) {}

  record StoredLoadBalancer(ElbPort.LoadBalancer loadBalancer, long createdAt) {}

  record StoredZone(Route53Port.HostedZone zone, String callerReference, List<Route53Port.RecordSet> records) {}

  record StoredCertificate(String arn, String domainName, List<String> subjectAlternativeNames,
      String idempotencyToken, long requestedAt, Long validatedAt, String status, Map<String, String> tags) {}

  /**
   * A parameter's metadata. {@code value} is kept only for Cruddur's own {@code String} records (leases); a
   * SecureString's value is never stored: {@code value} holds a salted PBKDF2 digest of it
   * ({@code pbkdf2-sha256:SALT:DIGEST}), enough to tell whether a push changes it, or null for one put as an operator
   * would. {@code keyId} is the KMS key it is encrypted with, null for the account's {@code alias/aws/ssm}.
   */
  record StoredParameter(String name, String arn, String type, long version, String value,
      Map<String, String> tags, String keyId) {
    StoredParameter(String name, String arn, String type, long version, String value, Map<String, String> tags) {
      this(name, arn, type, version, value, tags, null);
    }
  }

  record StoredCluster(EcsPort.Cluster cluster, long changedAt) {}

  /** A stopped task and the deployment it belonged to. */
  record StoredTask(EcsPort.StoppedTask task, String deploymentId, long stoppedAt) {}

  /** A scalable target with its policies by name (deregistering the target deletes them). */
  record StoredScalableTarget(AutoScalingPort.ScalableTarget target,
      Map<String, AutoScalingPort.ScalingPolicy> policies, Map<String, String> tags) {}

  record StoredDeployment(String id, String status, String taskDefinitionArn, int desiredCount, int runningCount,
      String rolloutState, String rolloutStateReason, long startedAt) {}

  record StoredService(EcsPort.ServiceSpec spec, String arn, String status, String clientToken,
      List<StoredDeployment> deployments, long statusChangedAt) {
    StoredService with(EcsPort.ServiceSpec s, String st, List<StoredDeployment> d, long changed) {
      return new StoredService(s, arn, st, clientToken, new ArrayList<>(d), changed);
    }
  }
}
