package io.cruddur.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.port.CloudException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class ErrorsAndRetriesTest {
  private static AwsServiceException aws(int status, String code, String message) {
    return AwsServiceException.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
  }

  @ParameterizedTest
  @CsvSource({
      "400, ThrottlingException, Rate exceeded, Throttled",
      "503, RequestLimitExceeded, slow down, Throttled",
      "500, InternalFailure, oops, Unavailable",
      "400, DependencyViolation, resource sg-1 has a dependent object, InUse",
      "400, ResourceInUse, Target group is currently in use by a listener or a rule, InUse",
      "409, DeleteConflict, Cannot delete entity, InUse",
      "400, HostedZoneNotEmpty, The hosted zone contains resource records, InUse",
      "400, PriorityInUse, Priority '10' is currently in use, Conflict",
      "409, EntityAlreadyExists, Role with name x already exists., Conflict",
      "400, InvalidGroup.Duplicate, The security group 'x' already exists, Conflict",
      "400, RepositoryAlreadyExistsException, exists, Conflict",
      "404, NoSuchEntity, The role cannot be found, NotFound",
      "400, ClusterNotFoundException, Cluster not found., NotFound",
      "400, InvalidParameterException, ECS was unable to assume the role 'arn:aws:iam::1:role/x', NotYetConsistent",
      "400, InvalidParameterException, The target group arn:x does not have an associated load balancer., "
          + "NotYetConsistent",
      "400, InvalidParameterException, Invalid cpu value, Invalid"})
  void serviceErrorsBecomePortErrors(int status, String code, String message, String expected) {
    AwsServiceException e = aws(status, code, message);
    CloudException translated = Errors.translate("test:Op", e);
    assertThat(translated.getClass().getSimpleName()).isEqualTo(expected);
    assertThat(translated.getCause()).isSameAs(e);
    assertThat(translated.getMessage()).contains("test:Op").contains(code);
  }

  /**
   * Regression: the executor retried every InUse on a delete for minutes. Only the holds that AWS releases by itself
   * (network interfaces of a deleted load balancer or service on its security groups, ACM counting a deleted
   * listener) may clear; the others stay until something else is deleted.
   */
  @ParameterizedTest
  @CsvSource({
      "ec2:DeleteSecurityGroup, 400, DependencyViolation, resource sg-1 has a dependent object, true",
      "acm:DeleteCertificate, 400, ResourceInUseException, Certificate arn:x is in use., true",
      "route53:DeleteHostedZone, 400, HostedZoneNotEmpty, The hosted zone contains resource records, false",
      "iam:DeleteRole, 409, DeleteConflict, Cannot delete entity because it has policies, false",
      "ecs:DeleteCluster, 400, ClusterContainsServicesException, The Cluster cannot be deleted, false",
      "elbv2:DeleteTargetGroup, 400, ResourceInUse, Target group is currently in use by a listener, false",
      "servicediscovery:DeleteNamespace, 400, ResourceInUse, The namespace has associated services, false",
      "ecr:DeleteRepository, 400, RepositoryNotEmptyException, The repository cannot be deleted, false"})
  void onlyHoldsThatAwsReleasesByItselfMayClearThemselves(String operation, int status, String code, String message,
      boolean transientHold) {
    CloudException translated = Errors.translate(operation, aws(status, code, message));
    assertThat(translated).isInstanceOf(CloudException.InUse.class);
    assertThat(((CloudException.InUse) translated).mayClearItself()).as(code).isEqualTo(transientHold);
  }

  @Test
  void aGroupNotFoundRightAfterItsCreateIsNotYetConsistentOnlyWhenAddingARule() {
    AwsServiceException e = aws(400, "InvalidGroup.NotFound", "The security group 'sg-1' does not exist");
    assertThat(Errors.translate("ec2:AuthorizeSecurityGroupIngress", e))
        .isInstanceOf(CloudException.NotYetConsistent.class);
    assertThat(Errors.translate("ec2:DeleteSecurityGroup", e)).isInstanceOf(CloudException.NotFound.class);
  }

  @Test
  void networkErrorsAreRetryable() {
    SdkClientException e = SdkClientException.builder().message("Unable to execute HTTP request")
        .cause(new IOException("Connection reset")).build();
    assertThat(Errors.translate("x", e)).isInstanceOf(CloudException.Unavailable.class)
        .matches(CloudException::retryable);
  }

  private final Calls calls = new Calls(new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(2), 5,
      Duration.ofSeconds(5), Duration.ofSeconds(1)));

  @Test
  void readsAreRetriedOnAnyRetryableError() {
    AtomicInteger attempts = new AtomicInteger();
    String result = calls.read("x", () -> {
      if (attempts.incrementAndGet() < 3) {
        throw aws(500, "InternalFailure", "try again");
      }
      return "ok";
    });
    assertThat(result).isEqualTo("ok");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void aCreateIsNotRepeatedAfterAnAmbiguousFailure() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> calls.create("x", () -> {
      attempts.incrementAndGet();
      throw aws(500, "InternalFailure", "did it happen?");
    })).isInstanceOf(CloudException.Unavailable.class);
    assertThat(attempts).hasValue(1);
  }

  @Test
  void aCreateIsRepeatedWhenItWasCertainlyNotCarriedOut() {
    AtomicInteger attempts = new AtomicInteger();
    String result = calls.create("x", () -> {
      if (attempts.incrementAndGet() == 1) {
        throw aws(400, "ThrottlingException", "Rate exceeded");
      }
      if (attempts.get() == 2) {
        throw aws(400, "InvalidParameterException", "ECS was unable to assume the role");
      }
      return "created";
    });
    assertThat(result).isEqualTo("created");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void retriesStopAtTheAttemptLimit() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> calls.read("x", () -> {
      attempts.incrementAndGet();
      throw aws(400, "Throttling", "Rate exceeded");
    })).isInstanceOf(CloudException.Throttled.class);
    assertThat(attempts).hasValue(5);
  }

  @Test
  void nonRetryableErrorsAreNotRetried() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> calls.write("x", () -> {
      attempts.incrementAndGet();
      throw aws(400, "ValidationError", "bad");
    })).isInstanceOf(CloudException.Invalid.class);
    assertThat(attempts).hasValue(1);
  }
}
