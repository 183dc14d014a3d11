package io.cruddur.bench;

import io.cruddur.memory.Latency;
import io.cruddur.plan.Action;
import io.cruddur.plan.Plan;
import io.cruddur.plan.Step;
import io.cruddur.resource.NodeId;
import io.cruddur.spec.Service;
import io.cruddur.spec.Stack;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** What the steps of a plan cost, for {@link CriticalPath}. */
final class Weights {
  private Weights() {}

  /**
   * AWS's time under a latency profile, as its Javadoc describes it; API calls themselves take no time.
   *
   * <ul><li>a certificate is issued {@code recordPropagation + certificateValidation} after its validation record
   * is written (the record is in sync after {@code recordPropagation}, the issue {@code certificateValidation}
   * after that), and that record can be written {@code certificateRecords} after the request;</li>
   * <li>a load balancer is active {@code loadBalancerProvisioning} after its creation;</li>
   * <li>a new deployment is stable {@code taskStart} plus its target group's health checks
   * ({@code intervalSeconds x healthyThreshold}) after it starts, plus the deregistration delay when it replaces
   * running tasks; its tasks start once the roles it uses are {@code iamPropagation} old;</li>
   * <li>a deleted service is gone after {@code serviceDraining} plus its deregistration delay;</li>
   * <li>a new security group takes rules {@code ec2Visibility} after its creation;</li>
   * <li>a security group is released {@code networkInterfaceRelease} after the load balancer or the service that
   * used it is gone; a certificate {@code certificateRelease} after its listener (or load balancer) is deleted.</li>
   * </ul>
   */
  static CriticalPath.Weights profile(Plan plan, Stack stack, Latency l) {
    return new CriticalPath.Weights() {
      @Override
      public long duration(Step s) {
        if (s.action() != Action.WAIT) {
          return 0;
        }
        NodeId.Role role = s.node().role();
        String type = s.resource().type();
        if (role == NodeId.Role.READY) {
          return switch (type) {
            // Validation starts once public DNS answers the record: after the record's own wait (INSYNC) when
            // the plan has one, else propagation is part of this wait.
            case "acm.certificate" -> ms(l.certificateValidation()) + (afterRecordInSync(s) ? 0
                : ms(l.recordPropagation()));
            case "route53.record" -> ms(l.recordPropagation());
            case "elb.load-balancer" -> ms(l.loadBalancerProvisioning());
            case "ecs.service" -> service(s).map(svc -> ms(l.taskStart()) + health(svc)
                + (replacing(s) ? 1000L * svc.deregistrationDelaySeconds() : 0)).orElse(ms(l.taskStart()));
            default -> 0;
          };
        }
        if (role == NodeId.Role.GONE && type.equals("ecs.service")) {
          return ms(l.serviceDraining())
              + service(s).filter(Service::isRouted).map(svc -> 1000L * svc.deregistrationDelaySeconds()).orElse(0L);
        }
        return 0;
      }

      @Override
      public long delay(Step from, Step to) {
        String f = from.resource().type();
        String t = to.resource().type();
        boolean created = from.action() == Action.CREATE || from.action() == Action.REPLACE;
        boolean deleted = from.action() == Action.DELETE;
        if (created && f.equals("acm.certificate") && t.equals("route53.record")) {
          return ms(l.certificateRecords());
        }
        if (created && f.equals("iam.role") && t.equals("ecs.service") && !to.node().isWait()) {
          return ms(l.iamPropagation());
        }
        if (created && f.equals("ec2.security-group") && t.equals("ec2.ingress")) {
          return ms(l.ec2Visibility());
        }
        if (to.action() == Action.DELETE && t.equals("ec2.security-group")) {
          String group = to.resource().name();
          boolean lbGroup = stack.loadBalancer().map(lb -> lb.securityGroup().equals(group)).orElse(false);
          if (deleted && f.equals("elb.load-balancer") && lbGroup) {
            return ms(l.networkInterfaceRelease());
          }
          if (from.node().role() == NodeId.Role.GONE && f.equals("ecs.service")
              && service(from).map(svc -> groups(svc).contains(group)).orElse(false)) {
            return ms(l.networkInterfaceRelease());
          }
        }
        if (deleted && to.action() == Action.DELETE && t.equals("acm.certificate")
            && (f.equals("elb.listener") || f.equals("elb.load-balancer"))) {
          return ms(l.certificateRelease());
        }
        return 0;
      }

      private boolean afterRecordInSync(Step wait) {
        return wait.dependsOn().stream().anyMatch(n -> n.role() == NodeId.Role.READY
            && n.resource().type().equals("route53.record"));
      }

      private java.util.List<String> groups(Service svc) {
        return svc.securityGroups().isEmpty() ? java.util.List.of(stack.serviceSecurityGroupName())
            : svc.securityGroups();
      }

      private boolean replacing(Step wait) {
        return plan.steps().stream().filter(s -> s.node().equals(wait.resource().node())).findFirst()
            .map(s -> s.action() == Action.UPDATE || s.action() == Action.REDEPLOY).orElse(false);
      }

      /** The spec of the service a step is about ({@code cluster/name}). */
      private Optional<Service> service(Step s) {
        String name = s.resource().name();
        return stack.service(name.substring(name.indexOf('/') + 1));
      }

      private long health(Service svc) {
        return svc.isRouted() ? 1000L * svc.healthCheck().intervalSeconds() * svc.healthCheck().healthyThreshold() : 0;
      }
    };
  }

  /**
   * An emulator's time: each step's writes at {@code writeMs} each, each wait one poll at {@code readMs}, and the
   * certificate issued {@code certDelayMs} after its request.
   */
  static CriticalPath.Weights calls(Map<NodeId, Integer> writes, long writeMs, long readMs, long certDelayMs,
      long requestCertificateMs) {
    return new CriticalPath.Weights() {
      @Override
      public long duration(Step s) {
        if (s.node().isWait()) {
          return readMs;
        }
        long n = writes.getOrDefault(s.node(), 1);
        // A certificate's create is one RequestCertificate, at its own measured latency, and its other writes.
        return s.resource().type().equals("acm.certificate") ? requestCertificateMs + (n - 1) * writeMs
            : n * writeMs;
      }

      @Override
      public long delay(Step from, Step to) {
        boolean cert = from.resource().type().equals("acm.certificate") && !from.node().isWait();
        return cert && to.node().isWait() && to.resource().equals(from.resource()) ? certDelayMs : 0;
      }
    };
  }

  private static long ms(Duration d) {
    return d.toMillis();
  }
}
