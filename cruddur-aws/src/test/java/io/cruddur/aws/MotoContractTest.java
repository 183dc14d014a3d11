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
      Gap.CLUSTER_DELETE_WITH_SERVICES, Gap.AUTO_SCALING_LAX_ABOUT_MISSING, Gap.AUTO_SCALING_POLICIES_OUTLIVE_TARGET,
      Gap.AUTO_SCALING_ACCEPTS_MIN_ABOVE_MAX);
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
  public void putParameter(String name, String value) {
    Emulators.putSecureString(Moto.endpoint(), "us-east-1", "testing", "testing", name, value);
  }
}
