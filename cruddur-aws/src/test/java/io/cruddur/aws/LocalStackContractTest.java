package io.cruddur.aws;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cruddur.contract.PortContract;
import io.cruddur.contract.ContractReport;
import io.cruddur.port.Cloud;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The port contract against LocalStack's community image, through Testcontainers. It needs a Docker engine; without
 * one the class is skipped with that reason. Services the community image does not offer (ECS, ELBv2, ECR, Cloud
 * Map) are skipped case by case.
 */
@ExtendWith(ContractReport.class)
class LocalStackContractTest implements PortContract {
  private static final Set<String> COMMUNITY = Set.of("acm", "ec2", "iam", "logs", "route53", "ssm", "sts");
  private static LocalStackContainer localstack;
  private static AwsCloud cloud;

  @BeforeAll
  static void start() {
    boolean docker;
    try {
      docker = DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      docker = false;
    }
    String reason = "Docker is not available: the LocalStack contract run needs a Docker engine";
    if (!docker) {
      ContractReport.classSkipped("LocalStack", reason);
    }
    assumeTrue(docker, reason);
    localstack = new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8.1"));
    localstack.start();
    cloud = AwsCloud.builder().endpoint(localstack.getEndpoint()).region(localstack.getRegion())
        .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(localstack.getAccessKey(),
            localstack.getSecretKey()))).build();
  }

  @AfterAll
  static void stop() {
    if (cloud != null) {
      cloud.close();
    }
    if (localstack != null) {
      localstack.stop();
    }
  }

  @Override
  public Cloud cloud() {
    return cloud;
  }

  @Override
  public boolean supports(String service) {
    return COMMUNITY.contains(service);
  }

  @Override
  public boolean has(Gap gap) {
    // Expected from LocalStack's documentation (certificates are issued at once, changes apply at once), not
    // measured here: no Docker engine where this was written.
    return gap == Gap.ACM_IGNORES_DNS || gap == Gap.NO_EVENTUAL_CONSISTENCY;
  }

  @Override
  public void delegate(String domain) {
    // Its ACM issues certificates whatever DNS holds (Gap.ACM_IGNORES_DNS): there is no registrar to point.
  }

  @Override
  public void pushImage(String repository, String tag) {
    Emulators.pushImage(localstack.getEndpoint(), localstack.getRegion(), localstack.getAccessKey(),
        localstack.getSecretKey(), repository, tag);
  }

  @Override
  public void putParameter(String name, String value) {
    Emulators.putSecureString(localstack.getEndpoint(), localstack.getRegion(), localstack.getAccessKey(),
        localstack.getSecretKey(), name, value);
  }
}
