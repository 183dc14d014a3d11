package io.cruddur.port;

/**
 * One account in one region, seen through narrow ports. Implemented by the AWS adapters and by
 * {@code io.cruddur.memory.InMemoryCloud}. Implementations are thread-safe.
 */
public interface Cloud {
  String accountId();

  String region();

  /**
   * Asks the cloud to be in {@code region}: a cloud that can still move there (an embedded one made without a
   * region) does so. Returns whether it is in {@code region} now. AWS clouds stay where they were built.
   */
  default boolean followRegion(String region) {
    return region().equals(region);
  }

  /** {@code aws}, {@code aws-cn} or {@code aws-us-gov}. */
  default String partition() {
    return "aws";
  }

  Clock clock();

  /** Every port; the accessors below read from it. */
  Ports ports();

  /** The read side of every port. */
  default ReadPorts reads() {
    return ports().reads();
  }

  default EcrPort ecr() {
    return ports().ecr();
  }

  default LogsPort logs() {
    return ports().logs();
  }

  default EcsPort ecs() {
    return ports().ecs();
  }

  default ServiceDiscoveryPort serviceDiscovery() {
    return ports().serviceDiscovery();
  }

  default IamPort iam() {
    return ports().iam();
  }

  default Ec2Port ec2() {
    return ports().ec2();
  }

  default ElbPort elb() {
    return ports().elb();
  }

  default Route53Port route53() {
    return ports().route53();
  }

  default AcmPort acm() {
    return ports().acm();
  }

  default SsmPort ssm() {
    return ports().ssm();
  }

  default AutoScalingPort autoScaling() {
    return ports().autoScaling();
  }
}
