// A Cruddur stack file (a JShell script): ./cruddur plan STACKFILE, then ./cruddur apply STACKFILE.
// It starts with `import io.cruddur.spec.*;`; the value of its last expression is the stack. A line that starts
// with `.` continues the statement before it. Conventions: docs/stack-files.md; every option: docs/dsl.md.

var tag = "latest";                        // the image tag to deploy: pushed to the repository below first

Stack.builder()
    .name("STACKNAME").region("us-east-1")
    .repository(r -> r.name("STACKNAME-web"))
    .logGroup(l -> l.name("STACKNAME").retentionDays(7))
    // A domain gives the load balancer an HTTPS listener with an ACM certificate, validated in the hosted zone
    // it creates (set its name servers at your registrar). Without one, the load balancer serves plain HTTP.
    // .domain(d -> d.name("example.com").certificateFor("*.example.com"))
    .loadBalancer(lb -> lb.name("STACKNAME-alb").redirectHttpToHttps(false))
    .addService(s -> s.name("web")
        .image(Image.ecr("STACKNAME-web", tag)).cpu(256).memoryMib(512).port(8080)
        .healthCheck(h -> h.path("/"))
        .route(r -> r.path("/*"))
        // .env("LOG_LEVEL", "info")
        // .secret("DATABASE_URL", ssm("/STACKNAME/web/DATABASE_URL"))   // ./cruddur secrets push STACKFILE --env-file .env
        .desiredCount(1))
    .build()
