package io.cruddur.awscli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cruddur.base.CruddurException;
import io.cruddur.base.Tags;
import io.cruddur.plan.Plan;
import io.cruddur.port.EcsPort;
import io.cruddur.resource.ResourceId;
import io.cruddur.resource.ResourceState;
import io.cruddur.resource.ServiceState;
import io.cruddur.resource.TaskDefinitionState;
import io.cruddur.resource.Value;
import io.cruddur.spec.Service;
import io.cruddur.spec.Stack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a stack's services as the AWS CLI's inputs: {@code <service>-task-definition.json} for
 * {@code aws ecs register-task-definition --cli-input-json} and {@code <service>-service.json} for
 * {@code aws ecs create-service --cli-input-json}, from a plan (so with the account's ARNs, subnets and groups).
 * A value known only once the stack is applied (the ARN of a role not created yet) is written as
 * {@value #UNKNOWN}: export an applied stack for files AWS accepts as they are.
 */
public final class AwsCliExport {
  /** What a value not known before the apply is written as. */
  public static final String UNKNOWN = "(known once applied)";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AwsCliExport() {}

  /** File name to JSON text, two files per service, in the stack's order. */
  public static Map<String, String> export(Plan plan) {
    Stack stack = plan.stack();
    Map<String, TaskDefinitionState> tasks = new TreeMap<>();
    Map<String, ServiceState> services = new TreeMap<>();
    for (Map.Entry<ResourceId, ResourceState> e : plan.plannedStates().entrySet()) {
      if (e.getValue() instanceof TaskDefinitionState td) {
        tasks.put(td.family(), td);
      } else if (e.getValue() instanceof ServiceState s) {
        services.put(s.name(), s);
      }
    }
    Map<String, String> files = new LinkedHashMap<>();
    for (Service svc : stack.services()) {
      TaskDefinitionState td = tasks.get(svc.name());
      ServiceState s = services.get(svc.name());
      if (td == null || s == null) {
        throw new CruddurException("the plan has no task definition or service for " + svc.name());
      }
      files.put(svc.name() + "-task-definition.json", write(taskDefinition(stack, td)));
      files.put(svc.name() + "-service.json", write(service(stack, svc, s)));
    }
    return files;
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new CruddurException("cannot write JSON", e);
    }
  }

  /** A JSON object with its keys in the given order: {@code obj("name", n, "value", v)}. */
  private static Map<String, Object> obj(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  private static String v(Value<String> value) {
    return value.isKnown() ? value.get() : UNKNOWN;
  }

  private static List<Map<String, Object>> tags(Stack stack) {
    List<Map<String, Object>> out = new ArrayList<>();
    stack.tags().forEach((k, val) -> {
      if (!k.equals(Tags.OWNER)) {
        out.add(obj("key", k, "value", val));
      }
    });
    return out;
  }

  static Map<String, Object> taskDefinition(Stack stack, TaskDefinitionState td) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("family", td.family());
    root.put("executionRoleArn", v(td.executionRoleArn()));
    root.put("taskRoleArn", v(td.taskRoleArn()));
    root.put("networkMode", "awsvpc");
    root.put("requiresCompatibilities", List.of("FARGATE"));
    root.put("cpu", td.cpu());
    root.put("memory", td.memory());
    List<Object> containers = new ArrayList<>();
    for (TaskDefinitionState.Container c : td.containers()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.name());
      m.put("image", c.image());
      m.put("cpu", c.cpu());
      if (c.memoryReservation() != null) {
        m.put("memoryReservation", c.memoryReservation());
      }
      m.put("essential", c.essential());
      if (c.user() != null) {
        m.put("user", c.user());
      }
      List<Object> ports = new ArrayList<>();
      for (EcsPort.PortMapping p : c.portMappings()) {
        Map<String, Object> pm = new LinkedHashMap<>();
        pm.put("name", p.name());
        pm.put("containerPort", p.containerPort());
        pm.put("protocol", p.protocol());
        if (p.appProtocol() != null) {
          pm.put("appProtocol", p.appProtocol());
        }
        ports.add(pm);
      }
      if (!ports.isEmpty()) {
        m.put("portMappings", ports);
      }
      List<Object> env = new ArrayList<>();
      c.environment().forEach((k, val) -> env.add(obj("name", k, "value", val)));
      if (!env.isEmpty()) {
        m.put("environment", env);
      }
      List<Object> secrets = new ArrayList<>();
      c.secrets().forEach((k, val) -> secrets.add(obj("name", k, "valueFrom", val)));
      if (!secrets.isEmpty()) {
        m.put("secrets", secrets);
      }
      if (c.healthCheck() != null) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("command", c.healthCheck().command());
        h.put("interval", c.healthCheck().interval());
        h.put("timeout", c.healthCheck().timeout());
        h.put("retries", c.healthCheck().retries());
        h.put("startPeriod", c.healthCheck().startPeriod());
        m.put("healthCheck", h);
      }
      if (c.logConfiguration() != null) {
        Map<String, Object> options = new TreeMap<>();
        c.logConfiguration().options().forEach((k, val) -> options.put(k, v(val)));
        m.put("logConfiguration", obj("logDriver", c.logConfiguration().driver(), "options", options));
      }
      containers.add(m);
    }
    root.put("containerDefinitions", containers);
    List<Map<String, Object>> tags = tags(stack);
    if (!tags.isEmpty()) {
      root.put("tags", tags);
    }
    return root;
  }

  static Map<String, Object> service(Stack stack, Service svc, ServiceState s) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("cluster", v(s.cluster()));
    root.put("serviceName", s.name());
    root.put("taskDefinition", svc.name());
    root.put("desiredCount", s.desiredCount());
    root.put("launchType", "FARGATE");
    Map<String, Object> awsvpc = new LinkedHashMap<>();
    awsvpc.put("subnets", s.subnets());
    awsvpc.put("securityGroups", s.securityGroups().stream().map(AwsCliExport::v).toList());
    awsvpc.put("assignPublicIp", s.assignPublicIp() ? "ENABLED" : "DISABLED");
    root.put("networkConfiguration", obj("awsvpcConfiguration", awsvpc));
    List<Object> lbs = new ArrayList<>();
    for (ServiceState.LoadBalancer lb : s.loadBalancers()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("targetGroupArn", v(lb.targetGroupArn()));
      m.put("containerName", lb.containerName());
      m.put("containerPort", lb.containerPort());
      lbs.add(m);
    }
    if (!lbs.isEmpty()) {
      root.put("loadBalancers", lbs);
    }
    if (s.serviceConnect() != null) {
      ServiceState.ServiceConnect sc = s.serviceConnect();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("portName", sc.portName());
      entry.put("discoveryName", sc.discoveryName());
      entry.put("clientAliases", List.of(obj("port", sc.port())));
      Map<String, Object> connect = new LinkedHashMap<>();
      connect.put("enabled", true);
      connect.put("namespace", stack.cluster().serviceConnectNamespace().orElseGet(() -> v(sc.namespaceArn())));
      connect.put("services", List.of(entry));
      root.put("serviceConnectConfiguration", connect);
    }
    root.put("enableExecuteCommand", s.enableExecuteCommand());
    root.put("propagateTags", s.propagateTags());
    root.put("enableECSManagedTags", true);
    Map<String, Object> deployment = new LinkedHashMap<>();
    deployment.put("deploymentCircuitBreaker", obj("enable", s.circuitBreaker(), "rollback", s.rollback()));
    deployment.put("maximumPercent", s.maxPercent());
    deployment.put("minimumHealthyPercent", s.minHealthyPercent());
    root.put("deploymentConfiguration", deployment);
    List<Map<String, Object>> tags = tags(stack);
    if (!tags.isEmpty()) {
      root.put("tags", tags);
    }
    return root;
  }
}
