package io.cruddur.plan;

import io.cruddur.port.AcmPort;
import io.cruddur.port.Cloud;
import io.cruddur.port.Clock;
import io.cruddur.port.Ec2Port;
import io.cruddur.port.EcrPort;
import io.cruddur.port.EcsPort;
import io.cruddur.port.ElbPort;
import io.cruddur.port.IamPort;
import io.cruddur.port.LogsPort;
import io.cruddur.port.Route53Port;
import io.cruddur.port.ServiceDiscoveryPort;
import io.cruddur.port.SsmPort;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A view of a cloud for the length of one plan: every read is made once and remembered, since planning never
 * writes. Port values are immutable, so sharing them is safe. Calls that write are refused.
 */
final class ReadCache implements Cloud {
  private final Cloud cloud;
  private final Map<List<Object>, Object> memo = new ConcurrentHashMap<>();
  private final EcrPort ecr;
  private final LogsPort logs;
  private final EcsPort ecs;
  private final ServiceDiscoveryPort serviceDiscovery;
  private final IamPort iam;
  private final Ec2Port ec2;
  private final ElbPort elb;
  private final Route53Port route53;
  private final AcmPort acm;
  private final SsmPort ssm;

  ReadCache(Cloud cloud) {
    this.cloud = cloud;
    this.ecr = wrap(EcrPort.class, cloud.ecr());
    this.logs = wrap(LogsPort.class, cloud.logs());
    this.ecs = wrap(EcsPort.class, cloud.ecs());
    this.serviceDiscovery = wrap(ServiceDiscoveryPort.class, cloud.serviceDiscovery());
    this.iam = wrap(IamPort.class, cloud.iam());
    this.ec2 = wrap(Ec2Port.class, cloud.ec2());
    this.elb = wrap(ElbPort.class, cloud.elb());
    this.route53 = wrap(Route53Port.class, cloud.route53());
    this.acm = wrap(AcmPort.class, cloud.acm());
    this.ssm = wrap(SsmPort.class, cloud.ssm());
  }

  /** Whether a port method only reads (the ports name their reads so). */
  static boolean reads(String method) {
    return method.startsWith("find") || method.startsWith("list") || method.startsWith("describe")
        || method.startsWith("latest") || method.equals("defaultVpc") || method.equals("subnets")
        || method.equals("rolePolicies") || method.equals("attachedPolicies") || method.equals("listeners")
        || method.equals("rules") || method.equals("taskDefinitionFamilies") || method.equals("taskDefinitions")
        || method.equals("allTaskDefinitions");
  }

  private <T> T wrap(Class<T> port, T target) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return method.invoke(target, args);
      }
      if (!reads(method.getName())) {
        throw new IllegalStateException("planning must not write: " + port.getSimpleName() + "." + method.getName());
      }
      List<Object> key = List.of(port.getSimpleName(), method.getName(),
          args == null ? List.of() : Arrays.asList(args));
      Object cached = memo.get(key);
      if (cached != null) {
        return cached;
      }
      try {
        Object value = method.invoke(target, args);
        if (value != null) {
          memo.put(key, value);
        }
        return value;
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
  }

  @Override
  public String accountId() {
    return cloud.accountId();
  }

  @Override
  public String region() {
    return cloud.region();
  }

  @Override
  public String partition() {
    return cloud.partition();
  }

  @Override
  public Clock clock() {
    return cloud.clock();
  }

  @Override
  public EcrPort ecr() {
    return ecr;
  }

  @Override
  public LogsPort logs() {
    return logs;
  }

  @Override
  public EcsPort ecs() {
    return ecs;
  }

  @Override
  public ServiceDiscoveryPort serviceDiscovery() {
    return serviceDiscovery;
  }

  @Override
  public IamPort iam() {
    return iam;
  }

  @Override
  public Ec2Port ec2() {
    return ec2;
  }

  @Override
  public ElbPort elb() {
    return elb;
  }

  @Override
  public Route53Port route53() {
    return route53;
  }

  @Override
  public AcmPort acm() {
    return acm;
  }

  @Override
  public SsmPort ssm() {
    return ssm;
  }
}
