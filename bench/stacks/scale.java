// Generated stacks for the scale benchmark (bench/run): N routed services behind one load balancer, each with its
// target group, listener rule and DNS record, and N services without a load balancer that find each other through
// Service Connect. One stack per method; pick one with `--stack NAME` (for example `--stack scale-connect-1000`).

import io.cruddur.spec.Image;
import io.cruddur.spec.Stack;

public class Scale {
  static final String DOMAIN = "scale.example.com";

  public static Stack routed1() {
    return routed(1);
  }

  public static Stack routed10() {
    return routed(10);
  }

  public static Stack routed90() {
    return routed(90);
  }

  public static Stack connect10() {
    return connect(10);
  }

  public static Stack connect100() {
    return connect(100);
  }

  public static Stack connect300() {
    return connect(300);
  }

  public static Stack connect1000() {
    return connect(1000);
  }

  /**
   * {@code n} services, each routed by its own host name: a target group, a rule on the HTTPS listener and an
   * alias record each (AWS allows 100 rules per load balancer by default).
   */
  static Stack routed(int n) {
    Stack.Builder b = Stack.builder()
        .name("scale-routed-" + n).region("us-east-1")
        .cluster(c -> c.name("scale-routed-" + n))
        .repository(r -> r.name("scale-app").forceDelete(true))
        .logGroup(l -> l.name("scale-routed-" + n).retentionDays(1))
        .domain(d -> d.name(DOMAIN).certificateFor("*." + DOMAIN))
        .loadBalancer(lb -> lb.name("scale-alb").redirectHttpToHttps(true));
    for (int i = 1; i <= n; i++) {
      String name = "svc-" + i;
      b.addService(s -> s.name(name).image(Image.ecr("scale-app", "1.0.0")).port(8080)
          .healthCheck(h -> h.path("/health"))
          .route(r -> r.host(name + "." + DOMAIN)));
    }
    return b.build();
  }

  /** {@code n} services without a load balancer, reachable from each other by Service Connect. */
  static Stack connect(int n) {
    Stack.Builder b = Stack.builder()
        .name("scale-connect-" + n).region("us-east-1")
        .cluster(c -> c.name("scale-connect-" + n).serviceConnectNamespace("scale-connect-" + n))
        .repository(r -> r.name("scale-app").forceDelete(true))
        .logGroup(l -> l.name("scale-connect-" + n).retentionDays(1));
    for (int i = 1; i <= n; i++) {
      String name = "svc-" + i;
      b.addService(s -> s.name(name).image(Image.ecr("scale-app", "1.0.0")).port(8080));
    }
    return b.build();
  }
}
