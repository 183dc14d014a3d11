package io.cruddur.port;

/** The ports of one cloud, as one value. Immutable. */
public record Ports(EcrPort ecr, LogsPort logs, EcsPort ecs, ServiceDiscoveryPort serviceDiscovery, IamPort iam,
    Ec2Port ec2, ElbPort elb, Route53Port route53, AcmPort acm, SsmPort ssm, AutoScalingPort autoScaling) {
  /** The same ports, seen through their read interfaces only. */
  public ReadPorts reads() {
    return new ReadPorts(ecr, logs, ecs, serviceDiscovery, iam, ec2, elb, route53, acm, ssm, autoScaling);
  }
}
