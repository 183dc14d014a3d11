package io.cruddur.aws;

import io.cruddur.port.CloudException;
import java.io.IOException;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** The one place where AWS SDK errors become port errors. The SDK exception is kept as the cause. */
final class Errors {
  private static final Pattern THROTTLED = Pattern.compile(
      "Throttl.*|RequestLimitExceeded|TooManyRequests.*|PriorRequestNotComplete|SlowDown|RequestThrottled.*");
  private static final Pattern IN_USE = Pattern.compile(
      "ResourceInUse.*|DependencyViolation|DeleteConflict|HostedZoneNotEmpty|RepositoryNotEmptyException"
          + "|ClusterContains.*");
  private static final Pattern CONFLICT = Pattern.compile(
      ".*AlreadyExists.*|.*Duplicate.*|PriorityInUse|ConflictingDomainExists");
  private static final Pattern NOT_FOUND = Pattern.compile(".*NotFound.*|NoSuch.*");

  private Errors() {}

  static CloudException translate(String operation, SdkException e) {
    if (e instanceof AwsServiceException s) {
      String code = s.awsErrorDetails() == null ? "" : String.valueOf(s.awsErrorDetails().errorCode());
      String message = operation + ": " + code + ": " + (s.awsErrorDetails() == null ? s.getMessage()
          : s.awsErrorDetails().errorMessage());
      String text = String.valueOf(s.awsErrorDetails() == null ? s.getMessage() : s.awsErrorDetails().errorMessage());
      if (s.isThrottlingException() || THROTTLED.matcher(code).matches()) {
        return new CloudException.Throttled(message, e);
      }
      if (s.statusCode() >= 500) {
        return new CloudException.Unavailable(message, e);
      }
      if (eventuallyConsistent(code, text) || newGroupNotVisibleYet(operation, code)) {
        return new CloudException.NotYetConsistent(message, e);
      }
      if (IN_USE.matcher(code).matches()) {
        return new CloudException.InUse(message, e, mayClearItself(operation, code));
      }
      if (CONFLICT.matcher(code).matches()) {
        return new CloudException.Conflict(message, e);
      }
      if (NOT_FOUND.matcher(code).matches() || s.statusCode() == 404) {
        return new CloudException.NotFound(message, e);
      }
      if (s.statusCode() >= 400) {
        return new CloudException.Invalid(message, e);
      }
      return new CloudException(message, e);
    }
    if (e instanceof SdkClientException && (e.getCause() instanceof IOException || e.retryable()
        || String.valueOf(e.getMessage()).contains("Unable to execute HTTP request"))) {
      return new CloudException.Unavailable(operation + ": " + e.getMessage(), e);
    }
    return new CloudException(operation + ": " + e.getMessage(), e);
  }

  /**
   * EC2 is eventually consistent: a rule added right after its group was created may not find the group yet (EC2
   * API docs, "Eventual consistency"): retry, as for any dependency not usable yet.
   */
  private static boolean newGroupNotVisibleYet(String operation, String code) {
    return code.equals("InvalidGroup.NotFound") && operation.endsWith("AuthorizeSecurityGroupIngress");
  }

  /**
   * Holds that go away on their own minutes after what held was deleted: the network interfaces of a deleted load
   * balancer or service keep its security groups (EC2 answers DependencyViolation, also while another group's rule
   * references it, which it does not tell apart), and ACM counts a deleted listener's use of its certificate for a
   * while (ResourceInUseException). The others (HostedZoneNotEmpty, DeleteConflict, ClusterContainsServices, ELB's
   * ResourceInUse) stay until someone removes what holds.
   */
  private static boolean mayClearItself(String operation, String code) {
    return code.equals("DependencyViolation") && operation.equals("ec2:DeleteSecurityGroup")
        || code.equals("ResourceInUseException") && operation.startsWith("acm:");
  }

  /** Errors that go away on their own shortly after a dependency was created. */
  private static boolean eventuallyConsistent(String code, String text) {
    String t = text.toLowerCase();
    return (code.equals("InvalidParameterException") && (t.contains("unable to assume")
        || t.contains("does not have an associated load balancer")))
        || (code.equals("MalformedPolicyDocument") && t.contains("invalid principal"))
        || (code.equals("InvalidParameterValue") && t.contains("not authorized to perform"));
  }
}
