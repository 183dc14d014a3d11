package io.cruddur.plan;

import io.cruddur.port.AcmPort;
import io.cruddur.port.AutoScalingPort;
import io.cruddur.port.Ec2Port;
import io.cruddur.port.EcrPort;
import io.cruddur.port.EcsPort;
import io.cruddur.port.ElbPort;
import io.cruddur.port.IamPort;
import io.cruddur.port.LogsPort;
import io.cruddur.port.ServiceDiscoveryPort;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which reads {@link ReadCache} answers from another read of the same plan: a find by name from the listing of its
 * kind, a role's policies from the listing of roles with their policies, a load balancer's listeners from the ELB
 * inventory. Each answer is what the read itself would return, given what the source read returned; where the
 * source cannot tell (a listing that leaves some resources out, as ECS's leaves out draining services), the rule
 * answers only for what it lists, and the read is made for the rest. Immutable.
 */
final class Derivations {
  private Derivations() {}

  /**
   * One way to answer {@code method} of a port from {@code source} of the same port.
   *
   * @param sourceArgs the arguments of the source read that can answer, from the read's; null: any call of it
   * @param answer the answer from the read's arguments and the source's value, or null when it cannot tell
   */
  record Rule(String port, String method, String source, Function<Object[], List<Object>> sourceArgs,
      BiFunction<Object[], Object, Object> answer) {
    Optional<List<Object>> sourceArgs(Object[] args) {
      return sourceArgs == null ? Optional.empty() : Optional.of(sourceArgs.apply(args));
    }

    Object answer(Object[] args, Object source) {
      return answer.apply(args, source);
    }
  }

  private static final Function<Object[], List<Object>> NONE = a -> List.of();

  private static final List<Rule> RULES = List.of(
      findIn("EcrReads", "findRepository", "listRepositories", EcrPort.Repository.class,
          (a, r) -> r.name().equals(a[0])),
      findIn("LogsReads", "findLogGroup", "listLogGroups", LogsPort.LogGroup.class, (a, g) -> g.name().equals(a[0])),
      findIn("ServiceDiscoveryReads", "findNamespace", "listNamespaces", ServiceDiscoveryPort.Namespace.class,
          (a, n) -> n.name().equals(a[0])),
      // IAM names are not distinguished by case (GetRole finds MyRole as myrole).
      new Rule("IamReads", "findRole", "listRoleDetails", NONE, (a, v) -> details(v).stream()
          .filter(d -> d.role().name().equalsIgnoreCase((String) a[0])).findFirst().map(IamPort.RoleDetail::role)),
      findIn("IamReads", "findRole", "listRoles", IamPort.Role.class, (a, r) -> r.name().equalsIgnoreCase(
          (String) a[0])),
      new Rule("IamReads", "listRoles", "listRoleDetails", NONE, (a, v) -> details(v).stream()
          .map(IamPort.RoleDetail::role).toList()),
      // A role the listing does not have: the read says it is not found.
      new Rule("IamReads", "rolePolicies", "listRoleDetails", NONE, (a, v) -> detail(v, a[0])
          .map(IamPort.RoleDetail::inlinePolicies).orElse(null)),
      new Rule("IamReads", "attachedPolicies", "listRoleDetails", NONE, (a, v) -> detail(v, a[0])
          .map(IamPort.RoleDetail::attachedPolicies).orElse(null)),
      findIn("Ec2Reads", "findSecurityGroup", "listSecurityGroups", Derivations::first, Ec2Port.SecurityGroup.class,
          (a, g) -> g.name().equals(a[1])),
      new Rule("ElbReads", "listLoadBalancers", "inventory", null, (a, v) -> inventory(v).loadBalancers()),
      new Rule("ElbReads", "listTargetGroups", "inventory", null, (a, v) -> inventory(v).targetGroups()),
      new Rule("ElbReads", "findLoadBalancer", "inventory", null, (a, v) -> inventory(v).loadBalancers().stream()
          .filter(lb -> lb.name().equals(a[0])).findFirst()),
      findIn("ElbReads", "findLoadBalancer", "listLoadBalancers", ElbPort.LoadBalancer.class,
          (a, lb) -> lb.name().equals(a[0])),
      new Rule("ElbReads", "findTargetGroup", "inventory", null, (a, v) -> inventory(v).targetGroups().stream()
          .filter(t -> t.name().equals(a[0])).findFirst()),
      findIn("ElbReads", "findTargetGroup", "listTargetGroups", ElbPort.TargetGroup.class,
          (a, t) -> t.name().equals(a[0])),
      new Rule("ElbReads", "listeners", "inventory", null, (a, v) -> inventory(v).listeners().get((String) a[0])),
      new Rule("ElbReads", "rules", "inventory", null, (a, v) -> inventory(v).rules().get((String) a[0])),
      // ListCertificates leaves out some key types: a certificate it does not list is described.
      new Rule("AcmReads", "describeCertificate", "listCertificates", NONE, (a, v) -> listed(list(v,
          AcmPort.Certificate.class).stream().filter(c -> c.arn().equals(a[0])).findFirst())),
      findIn("EcsReads", "findCluster", "listClusters", EcsPort.Cluster.class, (a, c) -> c.name().equals(a[0])),
      // ListServices leaves out draining services: one it does not list is described.
      new Rule("EcsReads", "findService", "listServices", Derivations::first, (a, v) -> listed(list(v,
          EcsPort.Service.class).stream().filter(s -> s.name().equals(a[1])).findFirst())),
      findIn("AutoScalingReads", "findScalableTarget", "listScalableTargets", Derivations::first,
          AutoScalingPort.ScalableTarget.class, (a, t) -> t.resourceId().equals(a[1]) && t.dimension().equals(a[2])));

  /** The rules that may answer {@code method} of {@code port} (a read interface's simple name). */
  static List<Rule> of(String port, String method) {
    return BY_METHOD.computeIfAbsent(port + "." + method, k -> RULES.stream()
        .filter(r -> r.port().equals(port) && r.method().equals(method)).toList());
  }

  /** {@link #of} for each read asked about: every read of a plan asks. */
  private static final java.util.Map<String, List<Rule>> BY_METHOD = new java.util.concurrent.ConcurrentHashMap<>();

  /** A find (an {@code Optional}) answered from a listing of every resource of its kind. */
  private static <T> Rule findIn(String port, String method, String source, Class<T> type,
      BiFunction<Object[], T, Boolean> matches) {
    return findIn(port, method, source, NONE, type, matches);
  }

  private static <T> Rule findIn(String port, String method, String source, Function<Object[], List<Object>> sourceArgs,
      Class<T> type, BiFunction<Object[], T, Boolean> matches) {
    return new Rule(port, method, source, sourceArgs, (a, v) -> list(v, type).stream()
        .filter((Predicate<T>) t -> matches.apply(a, t)).findFirst());
  }

  /** A find's answer when the listing has it; null (make the read) when it does not. */
  private static Object listed(Optional<?> found) {
    return found.isPresent() ? found : null;
  }

  /** The arguments of a listing by the read's first argument (a VPC, a cluster, a namespace). */
  private static List<Object> first(Object[] a) {
    return java.util.Arrays.asList(a[0]);
  }

  private static <T> List<T> list(Object value, Class<T> type) {
    return ((List<?>) value).stream().map(type::cast).toList();
  }

  private static List<IamPort.RoleDetail> details(Object value) {
    return list(value, IamPort.RoleDetail.class);
  }

  private static Optional<IamPort.RoleDetail> detail(Object value, Object role) {
    return details(value).stream().filter(d -> d.role().name().equalsIgnoreCase((String) role)).findFirst();
  }

  private static ElbPort.Inventory inventory(Object value) {
    return (ElbPort.Inventory) value;
  }
}
