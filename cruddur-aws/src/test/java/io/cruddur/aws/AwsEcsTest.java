package io.cruddur.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.port.CloudException;
import io.cruddur.port.EcsPort;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeleteTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.DeleteTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.Failure;

/**
 * How the ECS adapter reads the failures DeleteTaskDefinitions lists (it answers 200 either way): with a stubbed
 * client for each reason, and on moto for what moto answers.
 */
class AwsEcsTest {
  private static final String ARN = "arn:aws:ecs:us-east-1:000000000000:task-definition/web:3";

  /** An ECS client whose DeleteTaskDefinitions lists one failure with {@code reason}. */
  private static EcsClient failingWith(String reason) {
    return new EcsClient() {
      @Override
      public DeleteTaskDefinitionsResponse deleteTaskDefinitions(DeleteTaskDefinitionsRequest request) {
        return DeleteTaskDefinitionsResponse.builder()
            .failures(Failure.builder().arn(request.taskDefinitions().get(0)).reason(reason).build()).build();
      }

      @Override
      public String serviceName() {
        return "ecs";
      }

      @Override
      public void close() {}
    };
  }

  private static AwsEcs ecs(EcsClient client) {
    return new AwsEcs(() -> client, new Calls(new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(2), 2,
        Duration.ofSeconds(1), Duration.ofSeconds(1))), name -> Optional.empty());
  }

  /**
   * Regression: only "missing" and "not found" were read as a missing revision, so AWS's and moto's "does not exist"
   * came out as InUse (and a delete of a revision already gone was retried as if something held it).
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "The specified task definition does not exist. Specify a valid account, family, revision and try again."
          + "| NotFound",
      "Task definition not found | NotFound",
      "MISSING | NotFound",
      "The specified task definition is still in ACTIVE status. Please deregister the target and try again."
          + "| InUse",
      "The specified task definition identifier is invalid. Specify a valid name or ARN and try again. | Invalid",
      "The task definition is INACTIVE and something else went wrong | Invalid"})
  void eachFailureReasonBecomesItsPortError(String reason, String expected) {
    Class<?> type = switch (expected) {
      case "NotFound" -> CloudException.NotFound.class;
      case "InUse" -> CloudException.InUse.class;
      default -> CloudException.Invalid.class;
    };
    assertThatThrownBy(() -> ecs(failingWith(reason)).deleteTaskDefinition(ARN)).isExactlyInstanceOf(type)
        .hasMessageContaining("ecs:DeleteTaskDefinitions").hasMessageContaining(reason);
  }

  @Test
  void noFailureIsADelete() {
    EcsClient ok = new EcsClient() {
      @Override
      public DeleteTaskDefinitionsResponse deleteTaskDefinitions(DeleteTaskDefinitionsRequest request) {
        return DeleteTaskDefinitionsResponse.builder().build();
      }

      @Override
      public String serviceName() {
        return "ecs";
      }

      @Override
      public void close() {}
    };
    ecs(ok).deleteTaskDefinition(ARN);
  }

  /** On moto (skipped without it): a missing revision is NotFound, an ACTIVE one InUse. */
  @Test
  void onMotoAMissingRevisionIsNotFoundAndAnActiveOneInUse() {
    try (AwsCloud cloud = Moto.cloud().build()) {
      String family = "cruddur-delete-" + System.nanoTime();
      var td = cloud.ecs().registerTaskDefinition(new EcsPort.TaskDefinitionSpec(family, "256", "512", null, null,
          List.of(new EcsPort.ContainerDefinition("app", "nginx:1", 0, null, true, List.of(), Map.of(), Map.of(),
              null, null)), Map.of()));
      assertThatThrownBy(() -> cloud.ecs().deleteTaskDefinition(td.arn())).isInstanceOf(CloudException.InUse.class);
      cloud.ecs().deregisterTaskDefinition(td.arn());
      cloud.ecs().deleteTaskDefinition(td.arn());
      assertThatThrownBy(() -> cloud.ecs().deleteTaskDefinition(td.arn()))
          .isInstanceOf(CloudException.NotFound.class).hasMessageContaining("does not exist");
      String never = td.arn().substring(0, td.arn().lastIndexOf(':') + 1) + "99";
      assertThatThrownBy(() -> cloud.ecs().deleteTaskDefinition(never)).isInstanceOf(CloudException.NotFound.class);
    }
  }
}
