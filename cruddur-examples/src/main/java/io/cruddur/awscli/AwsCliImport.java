package io.cruddur.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cruddur.base.Arn;
import io.cruddur.spec.ContainerHealthCheck;
import io.cruddur.spec.Image;
import io.cruddur.spec.InvalidSpecException;
import io.cruddur.spec.Secret;
import io.cruddur.spec.Service;
import io.cruddur.spec.Sidecar;
import io.cruddur.spec.Stack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns the inputs of {@code aws ecs register-task-definition --cli-input-json} and {@code aws ecs create-service
 * --cli-input-json} into a stack: one service per task definition (paired with its service file by family), its
 * containers, and what they need around them (repositories, the log group, the cluster and its Service Connect
 * namespace, a load balancer for services attached to a target group). Fixed account ids, role ARNs, subnet ids,
 * security group ids and target group ARNs become the stack's own resources; each such mapping is a note. A field
 * the model cannot express is a problem that names it. The supported, mapped and rejected fields are listed in
 * {@code docs/aws-cli-json.md}.
 */
public final class AwsCliImport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ECR = Pattern.compile(
      "(?:\\d{12}|[A-Za-z_${}]+)\\.dkr\\.ecr\\.([a-z0-9-]+|[A-Za-z_${}]+)\\.amazonaws\\.com/([a-z0-9._/-]+)"
          + "(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?");

  /** Why a field of a task definition cannot be imported. */
  private static final Map<String, String> TASK_REJECTED = Map.ofEntries(
      Map.entry("volumes", "volumes and mounts are not in Cruddur's model: its tasks are stateless"),
      Map.entry("placementConstraints", "placement constraints do not apply to Fargate"),
      Map.entry("proxyConfiguration", "App Mesh proxies are not supported"),
      Map.entry("inferenceAccelerators", "not available on Fargate"),
      Map.entry("ephemeralStorage", "the task's ephemeral storage is Fargate's default (21 GiB) in the model"),
      Map.entry("pidMode", "not in the model"),
      Map.entry("ipcMode", "not available on Fargate"),
      Map.entry("enableFaultInjection", "not in the model"));

  /** Why a field of a container definition cannot be imported. */
  private static final Map<String, String> CONTAINER_REJECTED = Map.ofEntries(
      Map.entry("memory", "a container's hard memory limit is not in the model: the task's memory applies"),
      Map.entry("entryPoint", "the model runs the image's entry point"),
      Map.entry("command", "the model runs the image's command"),
      Map.entry("workingDirectory", "the model uses the image's working directory"),
      Map.entry("environmentFiles", "environment files in S3 are not in the model: use environment or secrets"),
      Map.entry("mountPoints", "volumes are not in the model"),
      Map.entry("volumesFrom", "volumes are not in the model"),
      Map.entry("dependsOn", "container start order is not in the model"),
      Map.entry("linuxParameters", "not in the model"),
      Map.entry("readonlyRootFilesystem", "not in the model"),
      Map.entry("firelensConfiguration", "FireLens log routing is not in the model: containers log with awslogs"),
      Map.entry("repositoryCredentials", "private registries other than ECR are not in the model"),
      Map.entry("dockerLabels", "not in the model"),
      Map.entry("ulimits", "not in the model"),
      Map.entry("startTimeout", "not in the model"),
      Map.entry("stopTimeout", "not in the model"),
      Map.entry("systemControls", "not in the model"),
      Map.entry("restartPolicy", "not in the model"),
      Map.entry("resourceRequirements", "GPUs are not available on Fargate"));

  /** Why a field of a service cannot be imported. */
  private static final Map<String, String> SERVICE_REJECTED = Map.ofEntries(
      Map.entry("healthCheckGracePeriodSeconds", "not in the model"),
      Map.entry("capacityProviderStrategy", "the model launches on Fargate (launchType FARGATE)"),
      Map.entry("placementConstraints", "placement does not apply to Fargate"),
      Map.entry("placementStrategy", "placement does not apply to Fargate"),
      Map.entry("serviceRegistries", "Cloud Map registries are not in the model: use Service Connect"),
      Map.entry("role", "the service-linked role is used"),
      Map.entry("volumeConfigurations", "volumes are not in the model"),
      Map.entry("vpcLatticeConfigurations", "VPC Lattice is not in the model"),
      Map.entry("availabilityZoneRebalancing", "not in the model"));

  /**
   * @param stackName the stack's name; null for the cluster's name (or the first family's)
   * @param region the stack's region; null for the one the files name (awslogs-region, an ECR image's host)
   * @param domain a domain for the routed services (each gets {@code <service>.<domain>}), or null: they are
   *     then routed by path {@code /<service>/*}
   */
  public record Options(String stackName, String region, String domain) {
    public static Options defaults() {
      return new Options(null, null, null);
    }
  }

  /** The stack, and a note for each value that became something else (a role ARN: the stack's role). */
  public record Imported(Stack stack, List<String> notes) {}

  private final List<String> problems = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private AwsCliImport() {}

  /** Imports every {@code .json} file of {@code dir}. */
  public static Imported fromDirectory(Path dir, Options options) {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : list.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
        files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new AwsCliImportException(List.of(dir + ": cannot read: " + e.getMessage()));
    }
    if (files.isEmpty()) {
      throw new AwsCliImportException(List.of(dir + ": holds no .json file"));
    }
    return from(files, options);
  }

  /**
   * Imports {@code files} (file name to JSON text).
   *
   * @throws AwsCliImportException with every problem, each naming its file and field
   */
  public static Imported from(Map<String, String> files, Options options) {
    return new AwsCliImport().run(files, options);
  }

  private record TaskFile(String file, Fields fields, String family) {}

  private record ServiceFile(String file, Fields fields, String name, String taskDefinition) {}

  private Imported run(Map<String, String> files, Options options) {
    List<TaskFile> tasks = new ArrayList<>();
    List<ServiceFile> services = new ArrayList<>();
    files.forEach((file, text) -> {
      JsonNode root;
      try {
        root = JSON.readTree(text);
      } catch (IOException e) {
        problems.add(file + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        return;
      }
      if (root == null || !root.isObject()) {
        problems.add(file + ": not a JSON object");
      } else if (root.has("containerDefinitions")) {
        Fields f = new Fields(file, "$", root, problems);
        tasks.add(new TaskFile(file, f, f.text("family").orElse(null)));
      } else if (root.has("serviceName")) {
        Fields f = new Fields(file, "$", root, problems);
        String td = f.text("taskDefinition").orElse(null);
        services.add(new ServiceFile(file, f, f.text("serviceName").orElse(null), td));
      } else {
        problems.add(file + ": neither a task definition (containerDefinitions) nor a service (serviceName)");
      }
    });
    Map<String, ServiceFile> serviceByFamily = new LinkedHashMap<>();
    for (ServiceFile s : services) {
      String family = s.taskDefinition() == null ? null : familyOf(s.taskDefinition());
      if (family == null) {
        problems.add(s.file() + ": $.taskDefinition: needs the family (or family:revision, or its ARN)");
      } else if (tasks.stream().noneMatch(t -> family.equals(t.family()))) {
        problems.add(s.file() + ": $.taskDefinition: no task definition file has the family " + family);
      } else if (serviceByFamily.putIfAbsent(family, s) != null) {
        problems.add(s.file() + ": $.taskDefinition: a second service of the family " + family);
      }
    }
    if (tasks.isEmpty() && problems.isEmpty()) {
      problems.add("no task definition file (register-task-definition input with containerDefinitions)");
    }
    Context ctx = new Context(options);
    services.stream().findFirst().flatMap(s -> s.fields().text("cluster")).ifPresent(c -> ctx.cluster = c);
    List<Service> built = new ArrayList<>();
    for (TaskFile t : tasks) {
      ServiceFile s = serviceByFamily.get(t.family());
      Service.Builder b = Service.builder();
      taskDefinition(t, b, ctx);
      if (s != null) {
        service(s, t.family(), b, ctx);
      } else {
        notes.add(t.file() + ": no service file names the family " + t.family() + ": it becomes a service with "
            + "Cruddur's defaults (1 task, the default subnets, Service Connect when the cluster has a namespace)");
        b.name(t.family());
        b.serviceConnect(false);
      }
      try {
        built.add(b.build());
      } catch (RuntimeException e) {
        problems.add(t.file() + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new AwsCliImportException(problems);
    }
    Stack.Builder stack = Stack.builder();
    String name = options.stackName() != null ? options.stackName()
        : ctx.cluster != null ? ctx.cluster : tasks.get(0).family();
    stack.name(name).region(ctx.region());
    String cluster = ctx.cluster != null ? ctx.cluster : name;
    stack.cluster(c -> {
      c.name(cluster);
      ctx.namespace.ifPresent(c::serviceConnectNamespace);
    });
    ctx.repositories.forEach(stack::repository);
    ctx.logGroup.ifPresent(g -> stack.logGroup(l -> l.name(g)));
    if (ctx.routed) {
      stack.loadBalancer(lb -> lb.name(name + "-alb").redirectHttpToHttps(options.domain() != null));
      if (options.domain() != null) {
        stack.domain(d -> d.name(options.domain()).certificateFor("*." + options.domain()));
      }
      notes.add("the routed services' target groups, and the load balancer " + name + "-alb that forwards to them, "
          + "are the stack's own" + (options.domain() != null ? ", with HTTPS for " + options.domain() : ""));
    }
    ctx.tags.forEach(stack::tag);
    built.forEach(stack::addService);
    try {
      return new Imported(stack.build(), List.copyOf(notes));
    } catch (InvalidSpecException e) {
      throw new AwsCliImportException(List.of("the imported stack is invalid: " + e.getMessage()));
    }
  }

  /** What the files share: the region, the log group, the repositories, the namespace. */
  private static final class Context {
    final Options options;
    final Set<String> repositories = new LinkedHashSet<>();
    final Map<String, String> tags = new TreeMap<>();
    Optional<String> logGroup = Optional.empty();
    Optional<String> namespace = Optional.empty();
    String cluster;
    String regionSeen;
    /** The current service's main container port and its name, as its task definition gives them. */
    Optional<Integer> mainPort = Optional.empty();
    String mainPortName;
    boolean routed;

    Context(Options options) {
      this.options = options;
    }

    String region() {
      return options.region() != null ? options.region() : regionSeen != null ? regionSeen : "us-east-1";
    }
  }

  private static String familyOf(String taskDefinition) {
    String s = taskDefinition;
    if (s.startsWith("arn:")) {
      s = s.substring(s.indexOf(":task-definition/") + ":task-definition/".length());
    }
    int colon = s.indexOf(':');
    return colon < 0 ? s : s.substring(0, colon);
  }

  private void taskDefinition(TaskFile t, Service.Builder b, Context ctx) {
    Fields f = t.fields();
    String family = t.family();
    if (family == null) {
      problems.add(t.file() + ": $.family: is required");
      return;
    }
    f.text("networkMode").filter(m -> !m.equals("awsvpc")).ifPresent(m -> f.problem("networkMode",
        "'" + m + "': Fargate needs awsvpc"));
    List<String> compat = f.strings("requiresCompatibilities");
    if (!compat.isEmpty() && !compat.equals(List.of("FARGATE"))) {
      f.problem("requiresCompatibilities", compat + ": Cruddur deploys to Fargate only");
    }
    f.object("runtimePlatform").ifPresent(p -> {
      p.text("operatingSystemFamily").filter(o -> !o.equals("LINUX")).ifPresent(o -> p.problem(
          "operatingSystemFamily", "'" + o + "': the model runs Linux tasks"));
      p.text("cpuArchitecture").filter(a -> !a.equals("X86_64")).ifPresent(a -> p.problem("cpuArchitecture",
          "'" + a + "': the model runs X86_64 tasks"));
      p.done(Map.of());
    });
    f.integer("cpu").ifPresent(b::cpu);
    f.integer("memory").ifPresent(b::memoryMib);
    f.text("executionRoleArn").ifPresent(r -> notes.add(f.where("executionRoleArn") + " " + r + ": the stack's "
        + "execution role (least privilege: its images, secrets and log group) takes its place"));
    f.text("taskRoleArn").ifPresent(r -> notes.add(f.where("taskRoleArn") + " " + r + ": the stack's task role "
        + "(X-Ray and execute-command permissions when used) takes its place"));
    tags(f, ctx);
    List<Fields> containers = f.objects("containerDefinitions");
    f.done(TASK_REJECTED);
    Fields main = containers.stream().filter(c -> c.has("name") && c.node("name").get().asText().equals(family))
        .findFirst().orElse(null);
    if (main == null) {
      problems.add(t.file() + ": $.containerDefinitions: no container is named " + family + ": Cruddur names the "
          + "service's main container after the service (and the family)");
      return;
    }
    b.name(family);
    ctx.mainPort = Optional.empty();
    ctx.mainPortName = family;
    container(main, family, b, null, ctx);
    for (Fields c : containers) {
      if (c != main) {
        Sidecar.Builder sb = Sidecar.builder();
        String name = c.text("name").orElse("");
        container(c, family, null, sb, ctx);
        if (c.has("image") && c.node("image").get().asText().contains("/aws-xray-daemon")) {
          sb.xrayDaemon(true);
          notes.add(c.where("image") + ": the X-Ray daemon: the stack's task role may write traces");
        }
        try {
          b.sidecar(sb.name(name).build());
        } catch (RuntimeException e) {
          problems.add(c.where("name") + ": " + e.getMessage());
        }
      }
    }
  }

  /** A container's fields into the service ({@code svc}) or a sidecar ({@code sc}). */
  private void container(Fields c, String family, Service.Builder svc, Sidecar.Builder sc, Context ctx) {
    String name = c.text("name").orElse("");
    c.text("image").ifPresent(ref -> {
      Matcher m = ECR.matcher(ref);
      Image image;
      if (m.matches()) {
        if (m.group(1).matches("[a-z0-9-]+")) {
          ctx.regionSeen = ctx.regionSeen == null ? m.group(1) : ctx.regionSeen;
        }
        ctx.repositories.add(m.group(2));
        image = Image.ecr(m.group(2), m.group(3) == null ? "latest" : m.group(3));
        notes.add(c.where("image") + " " + ref + ": the stack's repository " + m.group(2) + " (its account and "
            + "region are the stack's)");
      } else {
        image = Image.of(ref);
      }
      if (svc != null) {
        svc.image(image);
      } else {
        sc.image(image);
      }
    });
    Optional<Integer> cpu = c.integer("cpu");
    Optional<Integer> reservation = c.integer("memoryReservation");
    Optional<Boolean> essential = c.bool("essential");
    c.text("user").ifPresent(u -> {
      if (svc != null) {
        svc.user(u);
      } else {
        sc.user(u);
      }
    });
    List<Fields> ports = c.objects("portMappings");
    Map<String, String> env = new LinkedHashMap<>();
    for (Fields e : c.objects("environment")) {
      env.put(e.text("name").orElse(""), e.text("value").orElse(""));
      e.done(Map.of());
    }
    Map<String, Secret> secrets = new LinkedHashMap<>();
    for (Fields s : c.objects("secrets")) {
      String var = s.text("name").orElse("");
      s.text("valueFrom").ifPresent(v -> secrets.put(var, secret(s, v)));
      s.done(Map.of());
    }
    Optional<Fields> health = c.object("healthCheck");
    c.object("logConfiguration").ifPresent(l -> logs(l, svc != null ? family : family + "-" + name, ctx));
    if (!c.has("logConfiguration")) {
      notes.add(c.where("logConfiguration") + ": absent: Cruddur gives every container the stack's awslogs "
          + "configuration");
    }
    if (svc != null) {
      cpu.filter(v -> v != 0).ifPresent(v -> c.problem("cpu", v + ": the service's main container gets no CPU "
          + "units of its own in the model (0: it shares the task's)"));
      reservation.ifPresent(v -> c.problem("memoryReservation", v + ": the service's main container has no "
          + "memory reservation of its own in the model"));
      essential.filter(e -> !e).ifPresent(e -> c.problem("essential", "false: the service's main container is "
          + "essential"));
      if (ports.size() > 1) {
        c.problem("portMappings", ports.size() + " port mappings: the model's main container has one port");
      }
      ports.stream().findFirst().ifPresent(p -> {
        p.integer("containerPort").ifPresent(port -> {
          svc.port(port);
          ctx.mainPort = Optional.of(port);
        });
        hostPort(p);
        p.text("protocol").filter(pr -> !pr.equals("tcp")).ifPresent(pr -> p.problem("protocol", pr + ": the "
            + "main container's port is tcp"));
        p.text("name").ifPresent(n -> {
          svc.portName(n);
          ctx.mainPortName = n;
        });
        p.text("appProtocol").ifPresent(svc::appProtocol);
        p.done(Map.of("containerPortRange", "port ranges are not in the model"));
      });
      env.forEach(svc::env);
      secrets.forEach(svc::secret);
      health.ifPresent(h -> svc.containerHealthCheck(healthCheck(h)));
    } else {
      cpu.ifPresent(sc::cpu);
      reservation.ifPresent(sc::memoryReservationMib);
      if (reservation.isEmpty()) {
        notes.add(c.where("memoryReservation") + ": absent: Cruddur reserves " + Sidecar.builder().name("x")
            .image(Image.of("x")).build().memoryReservationMib() + " MiB for a sidecar");
      }
      // ECS's defaults where the JSON leaves them out, not Cruddur's sidecar defaults (not essential, UDP).
      sc.essential(essential.orElse(true));
      if (ports.size() > 1) {
        c.problem("portMappings", ports.size() + " port mappings: a sidecar has one port in the model");
      }
      ports.stream().findFirst().ifPresent(p -> {
        p.integer("containerPort").ifPresent(sc::port);
        hostPort(p);
        sc.protocol(p.text("protocol").orElse("tcp"));
        p.text("name").filter(n -> !n.equals(name)).ifPresent(n -> p.problem("name", "'" + n + "': a sidecar's port "
            + "is named after the sidecar (" + name + ")"));
        p.text("appProtocol").ifPresent(a -> p.problem("appProtocol", a + ": a sidecar's port has no application "
            + "protocol in the model"));
        p.done(Map.of("containerPortRange", "port ranges are not in the model"));
      });
      env.forEach(sc::putEnvironment);
      if (!secrets.isEmpty()) {
        c.problem("secrets", "a sidecar has no secrets in the model");
      }
      health.ifPresent(h -> c.problem("healthCheck", "a sidecar has no health check in the model"));
    }
    c.done(CONTAINER_REJECTED);
  }

  /** awsvpc: a port mapping's host port, if given, is its container port. */
  private static void hostPort(Fields p) {
    p.integer("hostPort").ifPresent(h -> {
      if (!p.node("containerPort").map(JsonNode::asInt).orElse(-1).equals(h)) {
        p.problem("hostPort", h + ": awsvpc needs the host port to equal the container port");
      }
    });
  }

  private Secret secret(Fields s, String valueFrom) {
    if (valueFrom.startsWith("arn:") && valueFrom.contains(":secretsmanager:")) {
      s.problem("valueFrom", "a Secrets Manager secret: the model takes SSM parameters");
      return Secret.ssm("/unsupported");
    }
    if (valueFrom.startsWith("arn:")) {
      String name = Arn.parameterName(valueFrom);
      notes.add(s.where("valueFrom") + " " + valueFrom + ": the parameter " + name + " of the stack's account and "
          + "region");
      return Secret.ssm(name);
    }
    return Secret.ssm(valueFrom);
  }

  private ContainerHealthCheck healthCheck(Fields h) {
    ContainerHealthCheck.Builder b = ContainerHealthCheck.builder();
    b.command(h.strings("command"));
    h.integer("interval").ifPresent(b::intervalSeconds);
    h.integer("timeout").ifPresent(b::timeoutSeconds);
    h.integer("retries").ifPresent(b::retries);
    h.integer("startPeriod").ifPresent(b::startPeriodSeconds);
    h.done(Map.of());
    return b.build();
  }

  private void logs(Fields l, String derivedPrefix, Context ctx) {
    String driver = l.text("logDriver").orElse("");
    if (!driver.equals("awslogs")) {
      l.problem("logDriver", "'" + driver + "': the model logs with awslogs");
    }
    l.object("options").ifPresent(o -> {
      o.text("awslogs-group").ifPresent(g -> {
        if (ctx.logGroup.isPresent() && !ctx.logGroup.get().equals(g)) {
          o.problem("awslogs-group", "'" + g + "': the stack's containers share one log group ("
              + ctx.logGroup.get() + ")");
        }
        ctx.logGroup = Optional.of(g);
      });
      o.text("awslogs-region").ifPresent(r -> ctx.regionSeen = ctx.regionSeen == null ? r : ctx.regionSeen);
      o.text("awslogs-stream-prefix").filter(p -> !p.equals(derivedPrefix)).ifPresent(p -> notes.add(
          o.where("awslogs-stream-prefix") + " '" + p + "': Cruddur's prefix for this container is '" + derivedPrefix
              + "'"));
      o.done(Map.of("awslogs-create-group", "the stack creates its log group itself",
          "mode", "the model logs in blocking mode", "max-buffer-size", "the model logs in blocking mode",
          "awslogs-datetime-format", "not in the model", "awslogs-multiline-pattern", "not in the model"));
    });
    l.done(Map.of("secretOptions", "log driver secrets are not in the model"));
  }

  /** The file's tags become the stack's; one key with two values is a problem. */
  private void tags(Fields f, Context ctx) {
    for (Fields tag : f.objects("tags")) {
      String k = tag.text("key").orElse("");
      String v = tag.text("value").orElse("");
      tag.done(Map.of());
      String before = ctx.tags.putIfAbsent(k, v);
      if (before != null && !before.equals(v)) {
        tag.problem("value", "'" + v + "': another file tags " + k + " as '" + before + "', and the stack has one "
            + "set of tags");
      }
    }
  }

  private void service(ServiceFile s, String family, Service.Builder b, Context ctx) {
    Fields f = s.fields();
    if (!family.equals(s.name())) {
      f.problem("serviceName", "'" + s.name() + "': Cruddur names the service after its family (" + family + ")");
    }
    f.text("cluster").filter(c -> ctx.cluster != null && !c.equals(ctx.cluster)).ifPresent(c -> f.problem("cluster",
        "'" + c + "': the stack's services share one cluster (" + ctx.cluster + ")"));
    f.text("launchType").filter(l -> !l.equals("FARGATE")).ifPresent(l -> f.problem("launchType", l + ": the "
        + "model launches on Fargate"));
    f.text("platformVersion").filter(p -> !p.equals("LATEST")).ifPresent(p -> f.problem("platformVersion",
        p + ": the model runs the LATEST platform version"));
    f.text("schedulingStrategy").filter(p -> !p.equals("REPLICA")).ifPresent(p -> f.problem("schedulingStrategy",
        p + ": Fargate services are REPLICA"));
    f.object("deploymentController").ifPresent(d -> {
      d.text("type").filter(t -> !t.equals("ECS")).ifPresent(t -> d.problem("type", t + ": the model deploys "
          + "with ECS rolling updates"));
      d.done(Map.of());
    });
    f.text("clientToken").ifPresent(t -> notes.add(f.where("clientToken") + ": Cruddur makes its own idempotency "
        + "token per run"));
    f.integer("desiredCount").ifPresent(b::desiredCount);
    f.bool("enableExecuteCommand").ifPresent(b::executeCommand);
    f.text("propagateTags").ifPresent(b::propagateTags);
    f.bool("enableECSManagedTags").filter(m -> !m).ifPresent(m -> f.problem("enableECSManagedTags",
        "false: Cruddur always asks ECS to tag the tasks"));
    tags(f, ctx);
    f.object("networkConfiguration").ifPresent(n -> {
      n.object("awsvpcConfiguration").ifPresent(a -> {
        List<String> subnets = a.strings("subnets");
        if (!subnets.isEmpty()) {
          notes.add(a.where("subnets") + " " + subnets + ": the default VPC's default subnets, where the stack's "
              + "load balancer and security groups are");
        }
        List<String> groups = a.strings("securityGroups");
        if (!groups.isEmpty()) {
          notes.add(a.where("securityGroups") + " " + groups + ": the stack's service group (open to its load "
              + "balancer only)");
        }
        a.text("assignPublicIp").ifPresent(p -> b.assignPublicIp(p.equals("ENABLED")));
        a.done(Map.of());
      });
      n.done(Map.of());
    });
    List<Fields> lbs = f.objects("loadBalancers");
    if (lbs.size() > 1) {
      f.problem("loadBalancers", lbs.size() + " target groups: a service has one in the model");
    }
    lbs.stream().findFirst().ifPresent(lb -> {
      lb.text("containerName").filter(n -> !n.equals(family)).ifPresent(n -> lb.problem("containerName",
          "'" + n + "': the load balancer forwards to the main container (" + family + ")"));
      lb.integer("containerPort").filter(p -> !Optional.of(p).equals(ctx.mainPort)).ifPresent(p -> lb.problem(
          "containerPort", p + ": the load balancer forwards to the main container's port ("
              + ctx.mainPort.map(String::valueOf).orElse("none") + ")"));
      lb.text("targetGroupArn").ifPresent(arn -> notes.add(lb.where("targetGroupArn") + " " + arn + ": the stack's "
          + "target group for " + family));
      lb.text("loadBalancerName").ifPresent(n -> lb.problem("loadBalancerName", "Classic Load Balancers are not in "
          + "the model"));
      lb.done(Map.of());
      ctx.routed = true;
      if (ctx.options.domain() != null) {
        b.route(r -> r.host(family + "." + ctx.options.domain()));
      } else {
        b.route(r -> r.path("/" + family + "/*"));
      }
      notes.add(lb.where("containerPort") + ": the JSON does not say which requests reach " + family + ": it is "
          + "routed by " + (ctx.options.domain() != null ? "host " + family + "." + ctx.options.domain()
          : "path /" + family + "/*") + " (edit the route)");
    });
    Optional<Fields> connect = f.object("serviceConnectConfiguration");
    boolean enabled = connect.flatMap(c -> c.bool("enabled")).orElse(false);
    b.serviceConnect(enabled);
    connect.ifPresent(c -> {
      c.text("namespace").ifPresent(ns -> {
        if (ns.startsWith("arn:")) {
          c.problem("namespace", ns + ": give the namespace by name (its ARN holds only its id)");
        } else {
          ctx.namespace = Optional.of(ns);
        }
      });
      List<Fields> list = c.objects("services");
      if (list.size() > 1) {
        c.problem("services", list.size() + " entries: a service publishes its one port in the model");
      }
      list.stream().findFirst().ifPresent(e -> {
        e.text("portName").filter(n -> !n.equals(ctx.mainPortName)).ifPresent(n -> e.problem("portName", "'" + n
            + "': Service Connect publishes the main container's port (" + ctx.mainPortName + ")"));
        e.text("discoveryName").filter(d -> !d.equals(family)).ifPresent(d -> e.problem("discoveryName",
            "'" + d + "': Cruddur publishes the service under its own name (" + family + ")"));
        List<Fields> aliases = e.objects("clientAliases");
        if (aliases.size() > 1) {
          e.problem("clientAliases", aliases.size() + " aliases: the model publishes one");
        }
        aliases.stream().findFirst().ifPresent(a -> {
          a.integer("port").filter(p -> !Optional.of(p).equals(ctx.mainPort)).ifPresent(p -> a.problem("port",
              p + ": the model's alias is the main container's port ("
                  + ctx.mainPort.map(String::valueOf).orElse("none") + ")"));
          a.text("dnsName").filter(d -> !d.equals(family)).ifPresent(d -> a.problem("dnsName", "'" + d + "': the "
              + "model's alias is the discovery name"));
          a.done(Map.of());
        });
        e.done(Map.of("tls", "Service Connect TLS is not in the model", "timeout", "not in the model",
            "ingressPortOverride", "not in the model"));
      });
      c.done(Map.of("logConfiguration", "the Service Connect proxy's logs are not in the model"));
    });
    f.object("deploymentConfiguration").ifPresent(d -> {
      d.object("deploymentCircuitBreaker").ifPresent(cb -> {
        cb.bool("enable").ifPresent(b::circuitBreaker);
        cb.bool("rollback").ifPresent(b::rollback);
        cb.done(Map.of());
      });
      d.integer("minimumHealthyPercent").ifPresent(b::minHealthyPercent);
      d.integer("maximumPercent").ifPresent(b::maxPercent);
      d.done(Map.of("alarms", "CloudWatch alarm rollbacks are not in the model",
          "strategy", "the model deploys rolling updates", "bakeTimeInMinutes", "not in the model",
          "lifecycleHooks", "not in the model"));
    });
    f.done(SERVICE_REJECTED);
  }
}
