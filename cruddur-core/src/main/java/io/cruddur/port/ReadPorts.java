package io.cruddur.port;

/**
 * The read side of every port of one cloud. Planning and waiting take this type, so the compiler keeps them from
 * writing; {@link Ports#reads()} gives the view of a full set of ports. Immutable.
 */
public record ReadPorts(EcrReads ecr, LogsReads logs, EcsReads ecs, ServiceDiscoveryReads serviceDiscovery,
    IamReads iam, Ec2Reads ec2, ElbReads elb, Route53Reads route53, AcmReads acm, SsmReads ssm,
    AutoScalingReads autoScaling) {}
