package io.cruddur.plan.types;

import io.cruddur.plan.ResourceType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** Every resource type Cruddur manages, by name. */
public final class Types {
  private static final List<ResourceType> ALL = List.of(new RepositoryType(), new LogGroupType(),
      new NamespaceType(), new RoleType(), new HostedZoneType(), new SecurityGroupType(), new ClusterType(),
      new RolePolicyType(), new PolicyAttachmentType(), new IngressType(), new CertificateType(),
      new TargetGroupType(), new LoadBalancerType(), new RecordType(), new TaskDefinitionType(), new ListenerType(),
      new ListenerRuleType(), new ServiceType());
  private static final Map<String, ResourceType> BY_NAME = new LinkedHashMap<>();

  static {
    ALL.forEach(t -> BY_NAME.put(t.name(), t));
  }

  private Types() {}

  public static List<ResourceType> all() {
    return ALL;
  }

  public static ResourceType of(String name) {
    ResourceType t = BY_NAME.get(name);
    if (t == null) {
      throw new NoSuchElementException("no resource type " + name);
    }
    return t;
  }
}
