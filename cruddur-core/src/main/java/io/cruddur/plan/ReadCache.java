package io.cruddur.plan;

import io.cruddur.port.AcmReads;
import io.cruddur.port.Ec2Reads;
import io.cruddur.port.EcrReads;
import io.cruddur.port.EcsReads;
import io.cruddur.port.ElbReads;
import io.cruddur.port.IamReads;
import io.cruddur.port.LogsReads;
import io.cruddur.port.ReadPorts;
import io.cruddur.port.Route53Reads;
import io.cruddur.port.ServiceDiscoveryReads;
import io.cruddur.port.SsmReads;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read ports for the length of one plan: every read is made once and remembered. What a read is, is decided
 * by type: this view implements the ports' read interfaces only, so a write cannot even be expressed through it.
 * Port values are immutable, so sharing them is safe. Thread-safe.
 */
final class ReadCache {
  private final Map<List<Object>, Object> memo = new ConcurrentHashMap<>();

  private ReadCache() {}

  /** A view of {@code reads} that makes each distinct read once. */
  static ReadPorts of(ReadPorts reads) {
    ReadCache c = new ReadCache();
    return new ReadPorts(c.wrap(EcrReads.class, reads.ecr()), c.wrap(LogsReads.class, reads.logs()),
        c.wrap(EcsReads.class, reads.ecs()), c.wrap(ServiceDiscoveryReads.class, reads.serviceDiscovery()),
        c.wrap(IamReads.class, reads.iam()), c.wrap(Ec2Reads.class, reads.ec2()), c.wrap(ElbReads.class, reads.elb()),
        c.wrap(Route53Reads.class, reads.route53()), c.wrap(AcmReads.class, reads.acm()),
        c.wrap(SsmReads.class, reads.ssm()));
  }

  private <T> T wrap(Class<T> reads, T target) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return method.invoke(target, args);
      }
      List<Object> key = List.of(reads.getSimpleName(), method.getName(),
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
    return reads.cast(Proxy.newProxyInstance(reads.getClassLoader(), new Class<?>[] {reads}, handler));
  }
}
