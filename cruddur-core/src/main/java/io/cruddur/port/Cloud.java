package io.cruddur.port;

/**
 * One account in one region, seen through narrow ports. Implemented by the AWS adapters and by
 * {@code io.cruddur.memory.InMemoryCloud}. Implementations are thread-safe.
 */
public interface Cloud {
  String accountId();

  String region();

  /** {@code aws}, {@code aws-cn} or {@code aws-us-gov}. */
  default String partition() {
    return "aws";
  }

  Clock clock();

  EcrPort ecr();

  LogsPort logs();

  EcsPort ecs();

  ServiceDiscoveryPort serviceDiscovery();

  IamPort iam();

  Ec2Port ec2();

  ElbPort elb();

  Route53Port route53();

  AcmPort acm();

  SsmPort ssm();
}
