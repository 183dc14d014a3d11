// A copy of the Cruddur stack with several mistakes, to show validation: every one is reported at once, by path,
// before any cloud call.  ./cruddur apply broken-example   (exit code 3)
//
// A .jsh stack file is a JShell script. It starts with `import io.cruddur.spec.*;` and a few more (see
// docs/stack-files.md); its stacks are its variables of type Stack and the value of its last expression. A line
// that starts with `.` continues the statement before it, so builder chains are written as in Java.

var domain = "cruddur.example.com";

Stack.builder()
    .name("cruddur").region("us-east-1")
    .repository("backend-flask")
    .logGroup(l -> l.name("cruddur").retentionDays(2))
    .domain(d -> d.name(domain))
    .loadBalancer(lb -> lb.name("cruddur-alb").defaultService("frontend"))
    .addService(s -> s.name("backend-flask")
        .image(Image.ecr("backend-flask")).cpu(300).memoryMib(512).port(4567)
        .healthCheck(h -> h.path("api/health-check"))
        .route(r -> r.host("api." + domain))
        .secret("CONNECTION_URL", ssm("arn:aws:secretsmanager:us-east-1:123456789012:secret:db")))
    .build()
