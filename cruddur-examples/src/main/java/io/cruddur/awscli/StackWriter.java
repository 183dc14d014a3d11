package io.cruddur.awscli;

import io.cruddur.spec.ContainerHealthCheck;
import io.cruddur.spec.Image;
import io.cruddur.spec.LoadBalancer;
import io.cruddur.spec.Route;
import io.cruddur.spec.Service;
import io.cruddur.spec.Sidecar;
import io.cruddur.spec.Stack;
import java.util.List;
import java.util.Map;

/**
 * A stack as a {@code .jsh} stack file a person would keep: DSL code, one setting per line, only what differs from
 * the defaults. Covers what an import produces: the stack's name, region, tags, cluster, repositories, log group,
 * load balancer, domain and services with their containers.
 */
public final class StackWriter {
  private static final Service DEFAULTS = Service.builder().name("x").image(Image.of("x")).build();
  private static final Sidecar SIDECAR_DEFAULTS = Sidecar.builder().name("x").image(Image.of("x")).build();

  private final StringBuilder out = new StringBuilder();

  private StackWriter() {}

  /** The stack file, with {@code header} lines as comments at the top. */
  public static String write(Stack stack, List<String> header) {
    StackWriter w = new StackWriter();
    header.forEach(h -> w.out.append("// ").append(comment(h)).append('\n'));
    if (!header.isEmpty()) {
      w.out.append('\n');
    }
    w.stack(stack);
    return w.out.toString();
  }

  /**
   * Text safe in a line comment: no line break or other control character (it would end the comment and the rest
   * would be code), and no backslash that could start a Unicode escape (which javac and JShell expand even in
   * comments).
   */
  static String comment(String text) {
    StringBuilder b = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '\\') {
        b.append("\\\\");
      } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085') {
        b.append('?');
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private void line(int indent, String text) {
    out.append("    ".repeat(indent)).append(text).append('\n');
  }

  static String q(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private void stack(Stack s) {
    line(0, "Stack.builder()");
    line(1, ".name(" + q(s.name()) + ").region(" + q(s.region()) + ")");
    s.tags().forEach((k, v) -> line(1, ".tag(" + q(k) + ", " + q(v) + ")"));
    StringBuilder cluster = new StringBuilder(".cluster(c -> c.name(" + q(s.cluster().name()) + ")");
    if (!s.cluster().containerInsights()) {
      cluster.append(".containerInsights(false)");
    }
    s.cluster().serviceConnectNamespace().ifPresent(ns -> cluster.append(".serviceConnectNamespace(").append(q(ns))
        .append(")"));
    line(1, cluster.append(")").toString());
    s.repositories().forEach(r -> line(1, ".repository(" + q(r.name()) + ")"));
    line(1, ".logGroup(l -> l.name(" + q(s.logGroup().name()) + ").retentionDays(" + s.logGroup().retentionDays()
        + "))");
    s.domain().ifPresent(d -> line(1, ".domain(d -> d.name(" + q(d.name()) + ")" + d.subjectAlternativeNames()
        .stream().map(n -> ".certificateFor(" + q(n) + ")").reduce("", String::concat) + ")"));
    s.loadBalancer().ifPresent(lb -> line(1, ".loadBalancer(" + loadBalancer(lb) + ")"));
    s.services().forEach(this::service);
    line(1, ".build()");
  }

  private static String loadBalancer(LoadBalancer lb) {
    if (lb.existing()) {
      return "LoadBalancer.existing(" + q(lb.name()) + ")";
    }
    StringBuilder b = new StringBuilder("lb -> lb.name(" + q(lb.name()) + ")");
    if (!lb.redirectHttpToHttps()) {
      b.append(".redirectHttpToHttps(false)");
    }
    if (!lb.internetFacing()) {
      b.append(".internetFacing(false)");
    }
    lb.defaultService().ifPresent(d -> b.append(".defaultService(").append(q(d)).append(")"));
    return b.toString();
  }

  private static String image(Image image) {
    return image.repository().map(r -> "Image.ecr(" + q(r) + ", " + q(image.tag()) + ")")
        .orElseGet(() -> "Image.of(" + q(image.reference().orElseThrow()) + ")");
  }

  private void service(Service svc) {
    line(1, ".addService(s -> s.name(" + q(svc.name()) + ")");
    line(2, ".image(" + image(svc.image()) + ").cpu(" + svc.cpu() + ").memoryMib(" + svc.memoryMib() + ")");
    svc.port().ifPresent(p -> {
      StringBuilder b = new StringBuilder(".port(" + p + ")");
      if (!svc.portName().equals(svc.name())) {
        b.append(".portName(").append(q(svc.portName())).append(")");
      }
      if (!svc.appProtocol().equals(DEFAULTS.appProtocol())) {
        b.append(".appProtocol(").append(q(svc.appProtocol())).append(")");
      }
      line(2, b.toString());
    });
    svc.user().ifPresent(u -> line(2, ".user(" + q(u) + ")"));
    svc.environment().forEach((k, v) -> line(2, ".env(" + q(k) + ", " + q(v) + ")"));
    svc.secrets().forEach((k, v) -> line(2, ".secret(" + q(k) + ", ssm(" + q(v.reference()) + "))"));
    svc.containerHealthCheck().ifPresent(h -> line(2, ".containerHealthCheck(" + healthCheck(h) + ")"));
    svc.sidecars().forEach(sc -> line(2, ".sidecar(" + sidecar(sc) + ")"));
    svc.routes().forEach(r -> line(2, ".route(" + route(r) + ")"));
    if (svc.desiredCount() != DEFAULTS.desiredCount()) {
      line(2, ".desiredCount(" + svc.desiredCount() + ")");
    }
    if (!svc.subnets().isEmpty()) {
      line(2, ".addSubnets(" + String.join(", ", svc.subnets().stream().map(StackWriter::q).toList()) + ")");
    }
    flag(svc.assignPublicIp(), DEFAULTS.assignPublicIp(), "assignPublicIp");
    flag(svc.serviceConnect(), DEFAULTS.serviceConnect(), "serviceConnect");
    flag(svc.executeCommand(), DEFAULTS.executeCommand(), "executeCommand");
    flag(svc.circuitBreaker(), DEFAULTS.circuitBreaker(), "circuitBreaker");
    flag(svc.rollback(), DEFAULTS.rollback(), "rollback");
    if (svc.minHealthyPercent() != DEFAULTS.minHealthyPercent() || svc.maxPercent() != DEFAULTS.maxPercent()) {
      line(2, ".minHealthyPercent(" + svc.minHealthyPercent() + ").maxPercent(" + svc.maxPercent() + ")");
    }
    if (!svc.propagateTags().equals(DEFAULTS.propagateTags())) {
      line(2, ".propagateTags(" + q(svc.propagateTags()) + ")");
    }
    out.setLength(out.length() - 1);
    out.append(")\n");
  }

  private void flag(boolean value, boolean byDefault, String name) {
    if (value != byDefault) {
      line(2, "." + name + "(" + value + ")");
    }
  }

  private static String healthCheck(ContainerHealthCheck h) {
    StringBuilder b = new StringBuilder("ContainerHealthCheck.builder().command(List.of(" + String.join(", ",
        h.command().stream().map(StackWriter::q).toList()) + "))");
    ContainerHealthCheck d = ContainerHealthCheck.builder().addCommand("x").build();
    if (h.intervalSeconds() != d.intervalSeconds()) {
      b.append(".intervalSeconds(").append(h.intervalSeconds()).append(")");
    }
    if (h.timeoutSeconds() != d.timeoutSeconds()) {
      b.append(".timeoutSeconds(").append(h.timeoutSeconds()).append(")");
    }
    if (h.retries() != d.retries()) {
      b.append(".retries(").append(h.retries()).append(")");
    }
    if (h.startPeriodSeconds() != d.startPeriodSeconds()) {
      b.append(".startPeriodSeconds(").append(h.startPeriodSeconds()).append(")");
    }
    return b.append(".build()").toString();
  }

  private static String sidecar(Sidecar sc) {
    StringBuilder b = new StringBuilder("Sidecar.builder().name(" + q(sc.name()) + ").image(" + image(sc.image())
        + ")");
    if (sc.cpu() != SIDECAR_DEFAULTS.cpu()) {
      b.append(".cpu(").append(sc.cpu()).append(")");
    }
    if (sc.memoryReservationMib() != SIDECAR_DEFAULTS.memoryReservationMib()) {
      b.append(".memoryReservationMib(").append(sc.memoryReservationMib()).append(")");
    }
    if (sc.essential() != SIDECAR_DEFAULTS.essential()) {
      b.append(".essential(").append(sc.essential()).append(")");
    }
    sc.port().ifPresent(p -> b.append(".port(").append(p).append(")"));
    if (!sc.protocol().equals(SIDECAR_DEFAULTS.protocol())) {
      b.append(".protocol(").append(q(sc.protocol())).append(")");
    }
    sc.user().ifPresent(u -> b.append(".user(").append(q(u)).append(")"));
    for (Map.Entry<String, String> e : sc.environment().entrySet()) {
      b.append(".putEnvironment(").append(q(e.getKey())).append(", ").append(q(e.getValue())).append(")");
    }
    if (sc.xrayDaemon()) {
      b.append(".xrayDaemon(true)");
    }
    return b.append(".build()").toString();
  }

  private static String route(Route r) {
    StringBuilder b = new StringBuilder("r -> r");
    r.host().ifPresent(h -> b.append(".host(").append(q(h)).append(")"));
    r.pathPatterns().forEach(p -> b.append(".path(").append(q(p)).append(")"));
    r.priority().ifPresent(p -> b.append(".priority(").append(p).append(")"));
    return b.toString();
  }
}
