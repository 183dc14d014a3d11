// The reference workload, the Cruddur app, as a stack file:  ./cruddur apply --yes stacks/cruddur.java
// (or just `cruddur`: the CLI looks for cruddur.jsh or cruddur.java here and in stacks/).
//
// A .java stack file is a single Java source file: every static method of its first class that takes no argument
// and returns a Stack gives one stack. It imports what it uses, so it compiles in an IDE as well (with cruddur.jar
// on the class path); `java -cp cruddur.jar stacks/cruddur.java` runs its main.

import static io.cruddur.spec.Secret.ssm;

import io.cruddur.spec.ContainerHealthCheck;
import io.cruddur.spec.Image;
import io.cruddur.spec.Sidecar;
import io.cruddur.spec.Stack;

/**
 * A Flask API and a React front end on Fargate behind one HTTPS load balancer, with DNS, a certificate, logs,
 * roles and security groups.
 */
public class CruddurApp {
  static final String DOMAIN = "cruddur.example.com";

  /** The stack the CLI deploys. */
  public static Stack stack() {
    return stack(DOMAIN, "latest");
  }

  /** The whole stack for {@code domain}, both services at image {@code tag}. */
  static Stack stack(String domain, String tag) {
    return Stack.builder()
        .name("cruddur").region("us-east-1").tag("project", "cruddur")
        .cluster(c -> c.name("cruddur").containerInsights(true).serviceConnectNamespace("cruddur"))
        // Tearing the app down deletes its images too, as the bootcamp's `aws ecr delete-repository --force` does.
        .repository(r -> r.name("cruddur-python").forceDelete(true))
        .repository(r -> r.name("backend-flask").forceDelete(true))
        .repository(r -> r.name("frontend-react-js").forceDelete(true))
        .logGroup(l -> l.name("cruddur").retentionDays(1))
        .domain(d -> d.name(domain).certificateFor("*." + domain))
        .loadBalancer(lb -> lb.name("cruddur-alb").redirectHttpToHttps(true).defaultService("frontend-react-js"))
        .securityGroup(g -> g.name("cruddur-db-sg").description("Cruddur: PostgreSQL")
            .ingress(i -> i.port(5432).fromGroup("cruddur-srv-sg").description("from the services")))
        .addService(s -> s.name("backend-flask")
            .image(Image.ecr("backend-flask", tag)).cpu(256).memoryMib(512).port(4567)
            .healthCheck(h -> h.path("/api/health-check").healthyThreshold(3))
            .containerHealthCheck(ContainerHealthCheck.shell("python /backend-flask/bin/health-check"))
            .route(r -> r.host("api." + domain))
            .env("OTEL_SERVICE_NAME", "backend-flask")
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", "https://api.honeycomb.io")
            .env("AWS_XRAY_URL", "*api." + domain + "*")
            .env("AWS_XRAY_DAEMON_ADDRESS", "localhost:2000")
            .env("FRONTEND_URL", "https://" + domain)
            .env("BACKEND_URL", "https://api." + domain)
            .secret("AWS_ACCESS_KEY_ID", ssm("/cruddur/backend-flask/AWS_ACCESS_KEY_ID"))
            .secret("AWS_SECRET_ACCESS_KEY", ssm("/cruddur/backend-flask/AWS_SECRET_ACCESS_KEY"))
            .secret("CONNECTION_URL", ssm("/cruddur/backend-flask/CONNECTION_URL"))
            .secret("ROLLBAR_ACCESS_TOKEN", ssm("/cruddur/backend-flask/ROLLBAR_ACCESS_TOKEN"))
            .secret("OTEL_EXPORTER_OTLP_HEADERS", ssm("/cruddur/backend-flask/OTEL_EXPORTER_OTLP_HEADERS"))
            .sidecar(Sidecar.xray())
            .executeCommand(true))
        .addService(s -> s.name("frontend-react-js")
            .image(Image.ecr("frontend-react-js", tag)).cpu(256).memoryMib(512).port(3000)
            .healthCheck(h -> h.path("/"))
            .route(r -> r.host(domain)))
        .build();
  }

  /** {@code java -cp cruddur.jar stacks/cruddur.java} prints the stack. */
  public static void main(String[] args) {
    System.out.println(stack());
  }
}
