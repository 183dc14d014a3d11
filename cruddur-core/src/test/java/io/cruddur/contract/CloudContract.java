package io.cruddur.contract;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cruddur.port.Cloud;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The base of every port contract: one factory per backend, and the ways backends are allowed to differ. Waits go
 * through the cloud's clock, so they are instant on the in-memory cloud and poll on emulators.
 */
public interface CloudContract {
  /** A cloud for one test; each call may return the same backend, so tests use unique names. */
  Cloud cloud();

  /** Known gaps of an emulator; the in-memory cloud has none. */
  enum Gap {
    DUPLICATE_NAMES_ALLOWED("the emulator creates a second resource with the same name instead of failing"),
    ACM_IGNORES_DNS("the emulator issues certificates after a fixed delay whatever DNS holds"),
    ECS_NO_TASKS("the emulator starts no tasks for services, so deployments never reach their count"),
    ECS_DROPS_SETTINGS("the emulator drops serviceConnectConfiguration, enableExecuteCommand and "
        + "deploymentConfiguration"),
    SECURITY_GROUP_DELETE_IN_USE("the emulator deletes a security group that another group's rule references"),
    CLUSTER_DELETE_WITH_SERVICES("the emulator deletes a cluster that still has active services"),
    AUTO_SCALING_LAX_ABOUT_MISSING("the emulator accepts a scaling policy for a target that is not registered, and "
        + "answers ValidationException, not ObjectNotFoundException, for a target or policy that does not exist"),
    AUTO_SCALING_POLICIES_OUTLIVE_TARGET("the emulator keeps a scalable target's policies after the target is "
        + "deregistered"),
    AUTO_SCALING_ACCEPTS_ANY_RESOURCE_LABEL("the emulator stores a scaling policy's resource label as given: it "
        + "accepts ALBRequestCountPerTarget without one, one with another metric, and one naming a target group "
        + "that is not the service's on that load balancer"),
    AUTO_SCALING_ACCEPTS_MIN_ABOVE_MAX("the emulator registers a scalable target whose minimum is above its "
        + "maximum"),
    ECS_ACCEPTS_FARGATE_WITHOUT_EXECUTION_ROLE("the emulator registers a Fargate task definition that uses awslogs "
        + "without an execution role"),
    ECS_REUSES_REVISIONS("the emulator numbers a family's revisions again from 1 once every revision is deleted"),
    ECS_DELETES_ACTIVE_REVISIONS("the emulator deletes a task definition revision that is still ACTIVE"),
    ECS_LISTS_DRAINING_SERVICES("the emulator lists a deleted (DRAINING) service in ListServices"),
    ACM_DELETES_CERTIFICATES_IN_USE("the emulator deletes a certificate an HTTPS listener uses"),
    ELB_CREATE_NOT_IDEMPOTENT("the emulator makes a second load balancer or listener for a repeated identical "
        + "CreateLoadBalancer or CreateListener instead of returning the existing one"),
    ELB_DUPLICATE_LISTENER_PORTS("the emulator creates another listener on a port that is taken instead of failing "
        + "with DuplicateListener"),
    ELB_NO_CONDITION_VALUE_LIMITS("the emulator accepts a rule condition with more than 3 values and a rule with "
        + "more than 5 condition values, on CreateRule and ModifyRule"),
    ROUTE53_CREATE_DUPLICATES_RECORDS("the emulator accepts a CREATE of an existing record whose values differ and "
        + "adds a second record set instead of failing with InvalidChangeBatch"),
    ROUTE53_CNAME_UNCHECKED("the emulator accepts a CNAME at the zone apex, a CNAME beside a record of another type "
        + "with the same name, and such a record beside a CNAME"),
    ROUTE53_CALLER_REFERENCE_REUSABLE("the emulator accepts a hosted zone CallerReference again (of a zone that "
        + "exists or was deleted) and creates another zone instead of failing with HostedZoneAlreadyExists"),
    LOGS_ANY_RETENTION("the emulator accepts any retentionInDays (2, 0, 366, 3654 and -1 measured), not only "
        + "CloudWatch Logs' values"),
    IAM_ROLE_NAMES_CASE_SENSITIVE("the emulator creates a role whose name differs only in case from an existing "
        + "role's instead of failing with EntityAlreadyExists"),
    ECR_TOKEN_EXPIRED("the emulator hands out registry credentials that expired on 2015-01-01"),
    NO_EVENTUAL_CONSISTENCY("the emulator applies every change at once: a new security group is described and a "
        + "new role usable at once, a deleted load balancer or listener lets go of its security groups and "
        + "certificate at once");

    public final String reason;

    Gap(String reason) {
      this.reason = reason;
    }
  }

  /** Whether this backend has a gap; the in-memory cloud has none. */
  default boolean has(Gap gap) {
    return false;
  }

  /** Skips the test on a backend with {@code gap}, stating why. */
  default void requireNo(Gap gap) {
    assumeTrue(!has(gap), () -> "skipped on this backend: " + gap.reason);
  }

  /** Whether this backend offers an AWS service at all ({@code ecs}, {@code elbv2}, ...). */
  default boolean supports(String service) {
    return true;
  }

  /** Skips the test on a backend without {@code service}, stating why. */
  default void requireService(String service) {
    assumeTrue(supports(service), () -> "skipped on this backend: it does not offer " + service);
  }

  /** Creates or overwrites a SecureString parameter. */
  void putParameter(String name, String value);

  /**
   * Points {@code domain}'s registrar at its hosted zone, as an operator does (outside Route 53's API; a backend that
   * ignores DNS for ACM needs nothing).
   */
  void delegate(String domain);

  /** Pushes an image under {@code tag} to an existing repository, as {@code docker push} would. */
  void pushImage(String repository, String tag);

  default String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  default Map<String, String> tags() {
    return Map.of("cruddur:stack", "contract");
  }

  /**
   * Runs {@code call}, trying again for up to two minutes of the cloud's clock while the backend answers that it is
   * not yet consistent (a role ECS cannot assume yet, a security group not yet visible), as a careful client does.
   */
  default <T> T consistent(Supplier<T> call) {
    var deadline = cloud().clock().now().plus(Duration.ofMinutes(2));
    while (true) {
      try {
        return call.get();
      } catch (io.cruddur.port.CloudException.NotYetConsistent e) {
        if (cloud().clock().now().isAfter(deadline)) {
          throw e;
        }
        try {
          cloud().clock().sleep(Duration.ofSeconds(1));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** What {@code read} finds, once it finds it (a resource created moments ago may not be described yet). */
  default <T> T present(Supplier<java.util.Optional<T>> read) {
    return consistent(() -> read.get().orElseThrow(() -> new io.cruddur.port.CloudException.NotYetConsistent(
        "not visible yet")));
  }

  /** Polls {@code condition} on the cloud's clock until true or {@code timeout}; returns the last answer. */
  default boolean eventually(Duration timeout, Supplier<Boolean> condition) {
    Cloud cloud = cloud();
    var deadline = cloud.clock().now().plus(timeout);
    while (true) {
      if (condition.get()) {
        return true;
      }
      if (cloud.clock().now().isAfter(deadline)) {
        return false;
      }
      try {
        cloud.clock().sleep(Duration.ofSeconds(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }
}
