package io.cruddur.resource;

import io.cruddur.port.EcsPort;
import java.util.List;
import java.util.Map;

/**
 * {@code ecs.task-definition}: the newest revision of a Fargate family. An update registers a new revision (with a
 * new ARN).
 */
public record TaskDefinitionState(String family, String cpu, String memory, Value<String> executionRoleArn,
    Value<String> taskRoleArn, List<Container> containers) implements ResourceState {
  /**
   * A container; {@code memoryReservation}, {@code logConfiguration} and {@code healthCheck} may be absent.
   * {@code secrets}: environment variable name to SSM parameter ARN.
   */
  public record Container(String name, String image, int cpu, Integer memoryReservation, boolean essential,
      List<EcsPort.PortMapping> portMappings, Map<String, String> environment, Map<String, String> secrets,
      LogConfiguration logConfiguration, EcsPort.HealthCheck healthCheck, String user) {
    /** The same container running another image. */
    public Container withImage(String other) {
      return new Container(name, other, cpu, memoryReservation, essential, portMappings, environment, secrets,
          logConfiguration, healthCheck, user);
    }

    /** A container that runs as its image's user. */
    public Container(String name, String image, int cpu, Integer memoryReservation, boolean essential,
        List<EcsPort.PortMapping> portMappings, Map<String, String> environment, Map<String, String> secrets,
        LogConfiguration logConfiguration, EcsPort.HealthCheck healthCheck) {
      this(name, image, cpu, memoryReservation, essential, portMappings, environment, secrets, logConfiguration,
          healthCheck, null);
    }
  }

  /** A log driver and its options; an option may come from another resource (the log group's name). */
  public record LogConfiguration(String driver, Map<String, Value<String>> options) {}

  public record Outputs(String arn, int revision) {}
}
