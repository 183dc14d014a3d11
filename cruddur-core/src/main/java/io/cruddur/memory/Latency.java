package io.cruddur.memory;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the in-memory cloud's asynchronous behaviour takes, on its virtual clock: a named latency profile.
 *
 * <ul><li>{@link #instant()}: nothing takes time, for unit tests of logic;</li>
 * <li>{@link #compact()} (the default): every asynchronous step takes some seconds, so that waits, retries and
 * eventual consistency are exercised, and a test still runs in milliseconds of real time;</li>
 * <li>{@link #realistic()}: AWS's published or commonly measured figures, each with its source below: an apply's
 * virtual time is then what it would take on AWS.</li></ul>
 *
 * <p>A service becomes stable {@code taskStart} after its deployment starts, plus, behind a load balancer, its
 * target group's health checks ({@code intervalSeconds x healthyThreshold}) and, when it replaces running tasks,
 * the group's deregistration delay. A deleted service drains for {@code serviceDraining} plus that delay.
 * Immutable and thread-safe; the {@code with*} methods return copies.
 *
 * @param taskStart a task from launch to running
 * @param failedTaskLaunch a task that cannot start (or fails its health checks), from launch to stopped: the
 *     deployment circuit breaker fails a deployment once its failed-task threshold is reached, launch after launch
 *     (at least 3 failed tasks, half the desired count, at most 200)
 * @param serviceDraining a deleted service's tasks stopping, before any deregistration delay
 * @param loadBalancerProvisioning an application load balancer from provisioning to active
 * @param certificateRecords until ACM has filled in a new certificate's validation records
 * @param certificateValidation from its validation CNAME resolving publicly to the certificate being issued
 * @param iamPropagation until ECS can assume a new role
 * @param networkInterfaceRelease how long a deleted load balancer's or service's network interfaces keep holding
 *     its security groups
 * @param certificateRelease how long a certificate stays in use after its listener is deleted
 * @param ec2Visibility how long a new security group stays invisible to Describe calls
 * @param recordPropagation a Route 53 change from submitted to INSYNC: until then public DNS (and ACM's
 *     validation) does not see it
 */
public record Latency(String name, Duration taskStart, Duration failedTaskLaunch, Duration serviceDraining,
    Duration loadBalancerProvisioning, Duration certificateRecords, Duration certificateValidation,
    Duration iamPropagation, Duration networkInterfaceRelease, Duration certificateRelease,
    Duration ec2Visibility, Duration recordPropagation) {
  public Latency {
    Objects.requireNonNull(name, "name");
    for (Duration d : new Duration[] {taskStart, failedTaskLaunch, serviceDraining, loadBalancerProvisioning,
        certificateRecords, certificateValidation, iamPropagation, networkInterfaceRelease, certificateRelease,
        ec2Visibility, recordPropagation}) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException("latency profile " + name + ": durations must be given and not negative");
      }
    }
  }

  /** Nothing takes time: for unit tests of logic that do not care about waits. */
  public static Latency instant() {
    Duration z = Duration.ZERO;
    return new Latency("instant", z, z, z, z, z, z, z, z, z, z, z);
  }

  /** Every asynchronous step takes a few seconds of virtual time: waits and retries are exercised. */
  public static Latency compact() {
    return new Latency("compact", s(10), s(30), s(15), s(60), s(2), s(20), s(5), s(20), s(10), s(1), s(2));
  }

  /** AWS's figures. */
  public static Latency realistic() {
    return new Latency("realistic",
        // Fargate task launch: image pull and start, commonly 30-60 s for small images (AWS re:Post, Fargate).
        s(45),
        // A task that cannot start: the agent retries the image pull 5 times ("pull image manifest has been retried
        // 5 time(s)", CannotPullContainerError) before it stops, about a minute including the scheduler's back-off.
        // The circuit breaker counts these up to its threshold (ECS docs, "Deployment circuit breaker").
        s(60),
        // Tasks get SIGTERM and stopTimeout (30 s by default, ECS docs "stopTimeout").
        s(30),
        // An ALB is commonly active about 3 min after CreateLoadBalancer; the SDK's LoadBalancerAvailable waiter
        // allows 40 polls of 15 s for it (ELBv2 waiters-2.json).
        s(180),
        // ACM fills in DomainValidationOptions' ResourceRecord seconds after RequestCertificate (ACM docs).
        s(5),
        // ACM DNS validation after the CNAME resolves: commonly 1-5 min (ACM docs, "DNS validation").
        s(120),
        // IAM is eventually consistent: a new role is usually usable by ECS in 5-10 s (IAM docs, "Troubleshooting").
        s(8),
        // An ALB's ENIs are released a few minutes after it is deleted (DependencyViolation meanwhile).
        s(120),
        // ACM keeps a certificate "in use" for a while after its listener is gone (ResourceInUseException).
        s(60),
        // EC2's eventual consistency: a new resource may not be described for a few seconds (EC2 API docs,
        // "Eventual consistency").
        s(2),
        // Route 53: "changes generally propagate to all Route 53 name servers within 60 seconds" (Route 53 API
        // reference, GetChange); commonly about half of that.
        s(30));
  }

  private static Duration s(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  public Latency withIamPropagation(Duration d) {
    return new Latency(name, taskStart, failedTaskLaunch, serviceDraining, loadBalancerProvisioning,
        certificateRecords, certificateValidation, d, networkInterfaceRelease, certificateRelease, ec2Visibility,
        recordPropagation);
  }

  public Latency withCertificateValidation(Duration d) {
    return new Latency(name, taskStart, failedTaskLaunch, serviceDraining, loadBalancerProvisioning,
        certificateRecords, d, iamPropagation, networkInterfaceRelease, certificateRelease, ec2Visibility,
        recordPropagation);
  }

  public Latency withNetworkInterfaceRelease(Duration d) {
    return new Latency(name, taskStart, failedTaskLaunch, serviceDraining, loadBalancerProvisioning,
        certificateRecords, certificateValidation, iamPropagation, d, certificateRelease, ec2Visibility,
        recordPropagation);
  }

  public Latency withRecordPropagation(Duration d) {
    return new Latency(name, taskStart, failedTaskLaunch, serviceDraining, loadBalancerProvisioning,
        certificateRecords, certificateValidation, iamPropagation, networkInterfaceRelease, certificateRelease,
        ec2Visibility, d);
  }
}
