package io.cruddur;

import io.cruddur.port.Clock;
import io.cruddur.port.Cloud;
import io.cruddur.port.Ports;

/**
 * {@code base} seen with another clock or other ports (a test's fast clock, ports that make up for an emulator, ports
 * that watch the calls). Immutable.
 */
public final class CloudView implements Cloud {
  private final Cloud base;
  private final Clock clock;
  private final Ports ports;
  private final String name;

  public CloudView(Cloud base, Clock clock, Ports ports, String name) {
    this.base = base;
    this.clock = clock;
    this.ports = ports;
    this.name = name;
  }

  @Override
  public String accountId() {
    return base.accountId();
  }

  @Override
  public String region() {
    return base.region();
  }

  @Override
  public String partition() {
    return base.partition();
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Ports ports() {
    return ports;
  }

  @Override
  public String toString() {
    return name + "(" + base + ")";
  }
}
