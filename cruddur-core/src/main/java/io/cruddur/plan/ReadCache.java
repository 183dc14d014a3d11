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
import io.cruddur.port.Ports;
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
  private final Ports ports;

  ReadCache(Cloud cloud) {
    this.cloud = cloud;
    this.ports = new Ports(wrap(EcrPort.class, cloud.ecr()), wrap(LogsPort.class, cloud.logs()),
        wrap(EcsPort.class, cloud.ecs()), wrap(ServiceDiscoveryPort.class, cloud.serviceDiscovery()),
        wrap(IamPort.class, cloud.iam()), wrap(Ec2Port.class, cloud.ec2()), wrap(ElbPort.class, cloud.elb()),
        wrap(Route53Port.class, cloud.route53()), wrap(AcmPort.class, cloud.acm()), wrap(SsmPort.class, cloud.ssm()));
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
  public Ports ports() {
    return ports;
  }










}
