package io.cruddur.aws;

import io.cruddur.base.Arn;
import io.cruddur.port.SsmPort;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Reads parameter metadata only (DescribeParameters): never GetParameter, so no value is ever fetched. */
final class AwsSsm implements SsmPort {
  private final SsmClient ssm;
  private final Calls calls;
  private final String region;
  private final String account;
  private final String partition;

  AwsSsm(SsmClient ssm, Calls calls, String region, String account, String partition) {
    this.ssm = ssm;
    this.calls = calls;
    this.region = region;
    this.account = account;
    this.partition = partition;
  }

  @Override
  public Optional<Parameter> describeParameter(String nameOrArn) {
    String name = nameOrArn;
    if (nameOrArn.startsWith("arn:")) {
      String path = nameOrArn.substring(nameOrArn.indexOf(":parameter") + ":parameter".length());
      name = path;
    }
    String n = name;
    return calls.read("ssm:DescribeParameters", () -> ssm.describeParameters(b -> b.parameterFilters(f -> f
        .key("Name").option("Equals").values(n))).parameters().stream().findFirst()).map(p -> {
          String path = p.name().startsWith("/") ? p.name() : "/" + p.name();
          String arn = p.arn() != null ? p.arn()
              : Arn.of(partition, "ssm", region, account, "parameter" + path).toString();
          return new Parameter(p.name(), arn, p.typeAsString(), p.version() == null ? 0 : p.version());
        });
  }
}
