// Generated stacks for the scale benchmark (bench/run): N routed services behind one load balancer, each with its
// target group, listener rule and DNS record, and N services without a load balancer that find each other through
// Service Connect. Each variable is a stack; pick one with `--stack NAME` (for example `--stack scale-connect-1000`).

String domain = "scale.example.com";

/**
 * {@code n} services, each routed by its own host name: a target group, a rule on the HTTPS listener and an alias
 * record each (AWS allows 100 rules per load balancer by default).
 */
Stack routed(int n) {
  Stack.Builder b = Stack.builder()
      .name("scale-routed-" + n).region("us-east-1")
      .cluster(c -> c.name("scale-routed-" + n))
      .repository(r -> r.name("scale-app").forceDelete(true))
      .logGroup(l -> l.name("scale-routed-" + n).retentionDays(1))
      .domain(d -> d.name(domain).certificateFor("*." + domain))
      .loadBalancer(lb -> lb.name("scale-alb").redirectHttpToHttps(true));
  for (int i = 1; i <= n; i++) {
    String name = "svc-" + i;
    b.addService(s -> s.name(name).image(Image.ecr("scale-app", "1.0.0")).port(8080)
        .healthCheck(h -> h.path("/health"))
        .route(r -> r.host(name + "." + domain)));
  }
  return b.build();
}

/** {@code n} services without a load balancer, reachable from each other by Service Connect. */
Stack connect(int n) {
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

var routed1 = routed(1);
var routed10 = routed(10);
var routed90 = routed(90);
var connect10 = connect(10);
var connect100 = connect(100);
var connect300 = connect(300);
var connect1000 = connect(1000);
