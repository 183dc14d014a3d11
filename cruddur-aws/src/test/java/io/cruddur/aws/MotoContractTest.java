package io.cruddur.aws;

import io.cruddur.contract.PortContract;
import io.cruddur.port.Cloud;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The port contract against the AWS adapters on moto. Cases moto cannot honour are skipped with the reason. */
@ExtendWith({Moto.class, io.cruddur.contract.ContractReport.class})
class MotoContractTest implements PortContract {
  /** Measured on moto 5.2.5. */
  private static final Set<Gap> GAPS = Set.of(Gap.DUPLICATE_NAMES_ALLOWED, Gap.ACM_IGNORES_DNS, Gap.ECS_NO_TASKS,
      Gap.ECS_DROPS_SETTINGS, Gap.SECURITY_GROUP_DELETE_IN_USE,
      Gap.ELB_CREATE_NOT_IDEMPOTENT, Gap.ELB_DUPLICATE_LISTENER_PORTS, Gap.ELB_NO_CONDITION_VALUE_LIMITS,
      Gap.ROUTE53_CREATE_DUPLICATES_RECORDS, Gap.ROUTE53_CNAME_UNCHECKED, Gap.ROUTE53_CALLER_REFERENCE_REUSABLE,
      Gap.LOGS_ANY_RETENTION, Gap.IAM_ROLE_NAMES_CASE_SENSITIVE,
      Gap.CLUSTER_DELETE_WITH_SERVICES, Gap.AUTO_SCALING_LAX_ABOUT_MISSING, Gap.AUTO_SCALING_POLICIES_OUTLIVE_TARGET,
      Gap.AUTO_SCALING_ACCEPTS_MIN_ABOVE_MAX, Gap.AUTO_SCALING_ACCEPTS_ANY_RESOURCE_LABEL,
      Gap.ECS_ACCEPTS_FARGATE_WITHOUT_EXECUTION_ROLE,
      Gap.ECS_REUSES_REVISIONS, Gap.ACM_DELETES_CERTIFICATES_IN_USE, Gap.NO_EVENTUAL_CONSISTENCY,
      Gap.ECR_TOKEN_EXPIRED);
  private static AwsCloud cloud;

  @BeforeAll
  static void connect() {
    cloud = Moto.cloud().build();
  }

  @AfterAll
  static void close() {
    if (cloud != null) {
      cloud.close();
    }
  }

  @Override
  public Cloud cloud() {
    return cloud;
  }

  @Override
  public boolean has(Gap gap) {
    return GAPS.contains(gap);
  }

  @Override
  public void delegate(String domain) {
    // Its ACM issues certificates whatever DNS holds (Gap.ACM_IGNORES_DNS): there is no registrar to point.
  }

  @Override
  public void pushImage(String repository, String tag) {
    Emulators.pushImage(Moto.endpoint(), "us-east-1", "testing", "testing", repository, tag);
  }

  @Override
  public void putParameter(String name, String value) {
    Emulators.putSecureString(Moto.endpoint(), "us-east-1", "testing", "testing", name, value);
  }
}
