package io.cruddur.contract;

import io.cruddur.memory.InMemoryCloud;
import io.cruddur.port.Cloud;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole port contract against the in-memory cloud, which must honour every case. */
@ExtendWith(ContractReport.class)
class InMemoryCloudContractTest implements PortContract {
  private InMemoryCloud cloud;

  @BeforeEach
  void fresh() {
    cloud = InMemoryCloud.create();
  }

  @Override
  public Cloud cloud() {
    return cloud;
  }

  @Override
  public void delegate(String domain) {
    cloud.delegate(domain);
  }

  @Override
  public void pushImage(String repository, String tag) {
    cloud.pushImage(repository, tag);
  }

  @Override
  public void putParameter(String name, String value) {
    cloud.putParameter(name, "SecureString");
  }
}
