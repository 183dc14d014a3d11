package io.cruddur.memory;

import io.cruddur.memory.MemoryState.StoredParameter;
import io.cruddur.port.SsmPort;
import java.util.Optional;

final class MemSsm implements SsmPort {
  private final InMemoryCloud c;

  MemSsm(InMemoryCloud c) {
    this.c = c;
  }

  void put(String name, String type) {
    c.opv("ssm", "PutParameter", name, () -> {
      StoredParameter old = c.state.parameters.get(name);
      String path = name.startsWith("/") ? name.substring(1) : name;
      c.state.parameters.put(name, new StoredParameter(name, c.arn("ssm", "parameter/" + path), type,
          old == null ? 1 : old.version() + 1));
    });
  }

  @Override
  public Optional<Parameter> describeParameter(String nameOrArn) {
    return c.op("ssm", "DescribeParameters", nameOrArn, false, () -> c.state.parameters.values().stream()
        .filter(p -> p.name().equals(nameOrArn) || p.arn().equals(nameOrArn))
        .map(p -> new Parameter(p.name(), p.arn(), p.type(), p.version())).findFirst());
  }
}
