package io.cruddur;

import io.cruddur.memory.InMemoryCloud;
import io.cruddur.spec.Image;
import io.cruddur.spec.Secret;
import io.cruddur.spec.Sidecar;
import io.cruddur.spec.Stack;

/** Stacks shared by the core tests. */
public final class TestStacks {
  private TestStacks() {}

  /** Two routed services behind HTTPS, one with a secret and the X-Ray sidecar. */
  public static Stack shop(String tag, int apiCount) {
    return Stack.builder().name("shop").region("us-east-1")
        .cluster(c -> c.name("shop").serviceConnectNamespace("shop"))
        .repository(r -> r.name("api").forceDelete(true)).repository(r -> r.name("web").forceDelete(true))
        .logGroup(l -> l.name("shop").retentionDays(1))
        .domain(d -> d.name("shop.example.org").certificateFor("*.shop.example.org"))
        .loadBalancer(lb -> lb.name("shop-alb").defaultService("web"))
        .addService(s -> s.name("api").image(Image.ecr("api", tag)).port(8080).desiredCount(apiCount)
            .healthCheck(h -> h.path("/health"))
            .route(r -> r.host("api.shop.example.org"))
            .secret("DB_URL", Secret.ssm("/shop/api/DB_URL"))
            .sidecar(Sidecar.xray()))
        .addService(s -> s.name("web").image(Image.ecr("web", tag)).port(3000)
            .route(r -> r.host("shop.example.org")))
        .build();
  }

  public static Stack shop() {
    return shop("1.0.0", 1);
  }

  /** The priority the shop's api route derives. */
  public static final int SHOP_API_PRIORITY = io.cruddur.spec.Route.builder().host("api.shop.example.org").build()
      .derivedPriority();

  /** A host of the blog's zone whose route derives {@code priority}. */
  public static String blogHostDeriving(int priority) {
    for (int i = 0; ; i++) {
      String host = "h" + i + ".blog.example.org";
      if (io.cruddur.spec.Route.builder().host(host).build().derivedPriority() == priority) {
        return host;
      }
    }
  }

  /** A blog host whose route derives the priority of the shop's api route. */
  public static final String BLOG_CLASHING_HOST = blogHostDeriving(SHOP_API_PRIORITY);

  /**
   * A blog that shares the shop's load balancer ({@code LoadBalancer.existing("shop-alb")}), with its own domain and
   * a routed service whose second route ({@link #BLOG_CLASHING_HOST}) derives the priority of the shop's api rule;
   * {@code extraHosts} are more routes of it.
   */
  public static Stack blog(String... extraHosts) {
    Stack.Builder b = Stack.builder().name("blog").region("us-east-1")
        .cluster(c -> c.name("blog"))
        .repository(r -> r.name("blog").forceDelete(true))
        .logGroup(l -> l.name("blog").retentionDays(1))
        .domain(d -> d.name("blog.example.org").certificateFor("*.blog.example.org"))
        .loadBalancer(io.cruddur.spec.LoadBalancer.existing("shop-alb"));
    b.addService(s -> {
      s.name("site").image(Image.ecr("blog", "1.0.0")).port(2368).route(r -> r.host("blog.example.org"))
          .route(r -> r.host(BLOG_CLASHING_HOST));
      for (String h : extraHosts) {
        s.route(r -> r.host(h));
      }
    });
    return b.build();
  }

  /** The image tags of the shop's repositories that the tests deploy. */
  public static final java.util.List<String> TAGS = java.util.List.of("1.0.0", "1.1.0", "2.0.0");

  /**
   * An in-memory cloud whose {@code api} and {@code web} repositories receive the images of {@link #TAGS} when the
   * shop creates them (tasks whose image is missing fail to start, as on AWS), and whose {@code shop.example.org}
   * zone is delegated once created (else its certificate would stay pending, as on AWS).
   */
  public static InMemoryCloud.Builder cloudBuilder() {
    return InMemoryCloud.builder().seedImages("api", TAGS).seedImages("web", TAGS).delegate("shop.example.org");
  }

  /** A cloud from {@link #cloudBuilder()} that also holds the api's secret parameter. */
  public static InMemoryCloud cloud() {
    return withSecret(cloudBuilder().build());
  }

  /** {@code cloud} with the api's secret parameter: without it, the api's tasks fail to start, as on AWS. */
  public static InMemoryCloud withSecret(InMemoryCloud cloud) {
    cloud.putParameter("/shop/api/DB_URL", "SecureString");
    return cloud;
  }
}
