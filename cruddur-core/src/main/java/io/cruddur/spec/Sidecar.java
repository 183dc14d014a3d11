package io.cruddur.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A non-essential container beside the service's main container, such as the X-Ray daemon.
 *
 * <ul><li>cpu: 0</li><li>memoryReservationMib: 32</li><li>essential: false</li><li>protocol: udp for its port</li>
 * </ul>
 */
@Value.Immutable
public interface Sidecar {
  String name();

  Image image();

  @Value.Default
  default int cpu() {
    return 0;
  }

  @Value.Default
  default int memoryReservationMib() {
    return 32;
  }

  @Value.Default
  default boolean essential() {
    return false;
  }

  Optional<Integer> port();

  @Value.Default
  default String protocol() {
    return "udp";
  }

  Map<String, String> environment();

  /** The user the sidecar runs as ({@code 1337}, for example); the image's by default. */
  Optional<String> user();

  /** Whether this sidecar is the AWS X-Ray daemon (the task role then gets the X-Ray write actions). */
  @Value.Default
  default boolean xrayDaemon() {
    return false;
  }

  /** The AWS X-Ray daemon on UDP 2000. */
  static Sidecar xray() {
    return builder().name("xray").image(Image.of("public.ecr.aws/xray/aws-xray-daemon:3.3.14"))
        .port(2000).protocol("udp").xrayDaemon(true).build();
  }

  static Builder builder() {
    return new Builder();
  }

  class Builder extends ImmutableSidecar.Builder {}
}
