package io.cruddur.port;

/** The ten ports of one cloud, as one value. Immutable. */
public record Ports(EcrPort ecr, LogsPort logs, EcsPort ecs, ServiceDiscoveryPort serviceDiscovery, IamPort iam,
    Ec2Port ec2, ElbPort elb, Route53Port route53, AcmPort acm, SsmPort ssm) {}
