package io.cruddur.cli;

import io.cruddur.Cruddur;
import io.cruddur.plan.PlanRefusedException;
import io.cruddur.apply.ExecutorOptions;
import io.cruddur.aws.AwsCloud;
import io.cruddur.apply.Outcome;
import io.cruddur.lease.FileLeases;
import io.cruddur.lease.Lease;
import io.cruddur.lease.LeaseBusyException;
import io.cruddur.lease.LeaseOptions;
import io.cruddur.lease.ParameterLeases;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.plan.Action;
import io.cruddur.plan.Plan;
import io.cruddur.plan.PlanOptions;
import io.cruddur.port.Cloud;
import io.cruddur.spec.Stack;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code cruddur} command line. */
@Command(name = "cruddur", mixinStandardHelpOptions = true, version = "cruddur 0.1.0",
    description = "Plan, apply and destroy container stacks on ECS Fargate.",
    subcommands = {Main.InitCommand.class, Main.PlanCommand.class, Main.ApplyCommand.class,
        Main.DestroyCommand.class, Main.RedeployCommand.class, Main.SecretsCommand.class, Main.ExportCommand.class,
        Main.ImageCommand.class, Main.EcrCommand.class, Main.OutputsCommand.class, Day2Commands.StatusCommand.class,
        Day2Commands.LogsCommand.class, Day2Commands.ScaleCommand.class, Day2Commands.RollbackCommand.class,
        Day2Commands.DeployCommand.class, Day2Commands.DiffCommand.class, Day2Commands.ExecCommandLine.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:a step failed (the apply stopped; see the failures printed)",
        "2:usage error",
        "3:the stack file has errors, or its spec is invalid (each printed as file:line:column: error: ...; "
            + "nothing was called)",
        "4:the plan has problems (e.g. a resource in the way that the stack does not own); nothing changed",
        "5:not confirmed (answer y, or pass --yes)",
        "6:unknown stack file, stack or service name, or an ECR repository that does not exist",
        "7:another run holds the stack's lease (see --lease-wait); nothing changed"})
public final class Main implements Callable<Integer> {
  static final int FAILED = 1;
  static final int INVALID = 3;
  static final int REFUSED = 4;
  static final int NOT_CONFIRMED = 5;
  static final int UNKNOWN_STACK = 6;
  static final int LEASED = 7;

  /** The file name endings of stack files, in the order a bare name is looked up. */
  static final java.util.List<String> STACK_FILE_TYPES = java.util.List.of(".jsh", ".java");

  /**
   * The stack file {@code arg} names: a path to a {@code .jsh} or {@code .java} file (or to any file, when it holds
   * a path separator), or for a bare name {@code NAME.jsh} or {@code NAME.java} in the current directory, its
   * {@code stacks/} folder, or the {@code stacks/} folder of the Cruddur checkout the launcher runs from
   * ({@code -Dcruddur.home}). A bare name is never taken for a file of that name: in a checkout, {@code cruddur} is
   * the launcher script, and {@code ./cruddur apply cruddur} means {@code stacks/cruddur.java}.
   */
  static java.util.Optional<Path> stackFile(String arg) {
    return stackFile(arg, stackDirs());
  }

  static java.util.Optional<Path> stackFile(String arg, java.util.List<Path> dirs) {
    boolean path = STACK_FILE_TYPES.stream().anyMatch(arg::endsWith) || arg.contains("/") || arg.contains("\\");
    if (path) {
      Path direct = Path.of(arg);
      return java.nio.file.Files.isRegularFile(direct) ? java.util.Optional.of(direct) : java.util.Optional.empty();
    }
    for (Path dir : dirs) {
      for (String type : STACK_FILE_TYPES) {
        Path candidate = dir.resolve(arg + type);
        if (java.nio.file.Files.isRegularFile(candidate)) {
          return java.util.Optional.of(candidate);
        }
      }
    }
    return java.util.Optional.empty();
  }

  /** Where a bare stack name is looked up, in order. */
  static java.util.List<Path> stackDirs() {
    java.util.List<Path> dirs = new java.util.ArrayList<>(java.util.List.of(Path.of("."), Path.of("stacks")));
    String home = System.getProperty("cruddur.home");
    if (home != null && !home.isBlank()) {
      dirs.add(Path.of(home, "stacks"));
    }
    return dirs;
  }

  /** The stack names that {@link #stackFile} would find in the stacks/ folders, for an error message. */
  static java.util.SortedSet<String> knownStacks() {
    java.util.SortedSet<String> names = new java.util.TreeSet<>();
    for (Path dir : stackDirs().subList(1, stackDirs().size())) {
      try (var files = java.nio.file.Files.list(dir)) {
        files.map(f -> f.getFileName().toString()).filter(n -> STACK_FILE_TYPES.stream().anyMatch(n::endsWith))
            .forEach(n -> names.add(n.substring(0, n.lastIndexOf('.'))));
      } catch (java.io.IOException e) {
        // no such folder: nothing found there
      }
    }
    return names;
  }

  @Override
  public Integer call() {
    CommandLine.usage(this, System.out);
    return 0;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    return commandLine(new Main()).execute(args);
  }

  /** The command line as {@link #main} runs it: logging is set up from the options before the command runs. */
  static CommandLine commandLine(Main main) {
    return new CommandLine(main).setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionStrategy(LoggingOptions.configuringFirst(new CommandLine.RunLast()));
  }

  /** --quiet, --verbose, --debug and --log, inherited by every subcommand. */
  @CommandLine.Mixin
  LoggingOptions logging;

  enum Target { local, aws }

  /** Applied to every {@link AwsCloud} the CLI builds; the CLI still closes it and reports its call counts. */
  private final java.util.function.UnaryOperator<Cloud> awsDecorator;

  public Main() {
    this(java.util.function.UnaryOperator.identity());
  }

  /**
   * A CLI whose AWS target goes through {@code awsDecorator} (metrics, fault injection; the tests use it to make up
   * for what an emulator does not keep).
   */
  Main(java.util.function.UnaryOperator<Cloud> awsDecorator) {
    this.awsDecorator = awsDecorator;
  }

  abstract static class Common implements Callable<Integer> {
    /** The command this one is a subcommand of: {@link Main}, or a group such as {@link SecretsCommand}. */
    @CommandLine.ParentCommand
    Object parent;

    Main main() {
      return parent instanceof SecretsCommand group ? group.main : (Main) parent;
    }

    @Parameters(index = "0", paramLabel = "STACK",
        description = "A stack file (a JShell script .jsh or a Java source file .java; see docs/stack-files.md), "
            + "or a bare NAME for NAME.jsh or NAME.java in the current directory or in stacks/ (bundled: cruddur, "
            + "the reference app; broken-example, which shows validation).")
    String stackName;

    @Option(names = "--stack", paramLabel = "NAME",
        description = "Which stack of the file, by its name, when the file defines several.")
    String stackSelector;

    @Option(names = "--target", defaultValue = "local",
        description = "Where to deploy: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, the embedded "
            + "in-memory cloud persisted in the state file; aws: the AWS APIs).")
    Target target;

    @Option(names = "--profile", paramLabel = "NAME", description = "With --target aws: the AWS profile to use.")
    String profile;

    @Option(names = "--region", paramLabel = "REGION",
        description = "With --target aws: the region (default: the stack's region).")
    String region;

    @Option(names = "--endpoint", paramLabel = "URL",
        description = "With --target aws: send every call to this endpoint (an emulator such as moto); "
            + "AWS_ENDPOINT_URL works too.")
    java.net.URI endpoint;

    @Option(names = "--no-wait", negatable = false,
        description = "Start service deployments without waiting for them to become stable.")
    boolean noWait;

    @Option(names = "--no-seed-images", negatable = false,
        description = "With --target local: do not push generated images for the stack's ECR images (as if CI had "
            + "not pushed them): tasks then fail to pull them, as on AWS. The secrets' SSM parameters and the "
            + "domain's delegation are still seeded.")
    boolean noSeedImages;

    @Option(names = "--state", defaultValue = ".cruddur/state.json", paramLabel = "FILE",
        description = "State file of the local cloud (default: ${DEFAULT-VALUE}).")
    Path state;

    @Option(names = "--lease-wait", defaultValue = "0s", paramLabel = "DURATION", converter = Durations.class,
        description = "Commands that change things (apply, destroy, redeploy) first take the stack's lease: a lock "
            + "on the state file (local), or an SSM parameter under /cruddur/leases/ (aws). While another run holds "
            + "it, wait up to this long (e.g. 30s, 10m; default: ${DEFAULT-VALUE}, fail at once with exit code 7).")
    Duration leaseWait;

    @Option(names = "--allow-missing-images", negatable = false,
        description = "Plan and apply although an image tag is missing from its repository (a plan problem "
            + "otherwise): the deployment then fails with the stopped reason, as on AWS.")
    boolean allowMissingImages;

    @Option(names = "--allow-missing-secrets", negatable = false,
        description = "Plan and apply although a secret's SSM parameter does not exist (a plan problem otherwise).")
    boolean allowMissingSecrets;

    @Option(names = "--lease-ttl", defaultValue = "2m", paramLabel = "DURATION", converter = Durations.class,
        description = "With --target aws: how long the stack's lease lasts after its last renewal (renewed every "
            + "third of it), so how long a run that was killed keeps others out (default: ${DEFAULT-VALUE}; at "
            + "least 3s).")
    Duration leaseTtl;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    PrintWriter err() {
      return spec.commandLine().getErr();
    }

    @Override
    public Integer call() {
      java.util.Optional<Path> file = stackFile(stackName);
      if (file.isEmpty()) {
        err().println("no stack file '" + stackName + "': give a .jsh or .java file, or a name of one in the "
            + "current directory or stacks/ (found there: " + String.join(", ", knownStacks()) + ")");
        return UNKNOWN_STACK;
      }
      Stack stack;
      try {
        stack = io.cruddur.stackfile.StackFile.load(file.get()).stack(stackSelector);
      } catch (io.cruddur.stackfile.StackFileException e) {
        err().println(e.getMessage());
        err().println(e.errors().size() + (e.errors().size() == 1 ? " error" : " errors") + "; nothing was called");
        err().flush();
        return INVALID;
      } catch (io.cruddur.base.CruddurException e) {
        err().println(e.getMessage());
        return UNKNOWN_STACK;
      }
      // The spec is valid: only now is the cloud (and its state file) touched. A run that changes things takes the
      // lease first; on the local target before the state file is read, so that it reads what the last run wrote.
      CallCounter counter = new CallCounter();
      if (leaseTtl.compareTo(Duration.ofSeconds(3)) < 0) {
        err().println("--lease-ttl must be at least 3s");
        return 2;
      }
      LeaseOptions leaseOptions = LeaseOptions.defaults().withWait(leaseWait).withTtl(leaseTtl)
          .withLog(message -> {
            err().println("lease  " + message);
            err().flush();
          });
      Lease lease = null;
      try {
        if (changes() && target == Target.local) {
          lease = new FileLeases(state).acquire(stack.name(), leaseOptions);
        }
        Cloud cloud = target == Target.local ? local(stack) : aws(stack, counter);
        if (changes() && target == Target.aws) {
          lease = new ParameterLeases(cloud.ssm()).acquire(stack.name(), leaseOptions);
        }
        Cruddur cruddur = Cruddur.with(cloud)
            .withOptions(ExecutorOptions.defaults().withWaitForDeployments(!noWait))
            .withPlanOptions(PlanOptions.defaults().withAllowMissingImages(allowMissingImages)
                .withAllowMissingSecrets(allowMissingSecrets));
        return run(lease == null ? cruddur : cruddur.withLease(lease), stack);
      } catch (LeaseBusyException e) {
        err().println(e.getMessage() + (leaseWait.isZero() ? " (pass --lease-wait 10m to wait for it)" : ""));
        return LEASED;
      } catch (PlanRefusedException e) {
        err().println(e.getMessage());
        return REFUSED;
      } catch (io.cruddur.port.CloudException e) {
        err().println("cloud error: " + e.getMessage());
        return FAILED;
      } catch (io.cruddur.base.CruddurException e) {
        err().println(e.getMessage());
        return FAILED;
      } finally {
        if (lease != null) {
          lease.close();
        }
        if (awsCloud != null) {
          awsCloud.close();
          err().println(counter.summary());
        }
        out().flush();
        err().flush();
      }
    }

    abstract int run(Cruddur cruddur, Stack stack);

    /**
     * Whether the command reports what is live (status, diff, logs, exec), and so reads the local cloud without the
     * preparation an apply would make.
     */
    boolean readsLiveState() {
      return false;
    }

    /** Whether the command changes the cloud, and so takes the stack's lease first. */
    boolean changes() {
      return false;
    }

    /** Whether the command deploys, and so needs the images and parameters a CI pipeline would provide. */
    boolean deploys() {
      return false;
    }

    /**
     * The embedded cloud. A command that deploys seeds it the way a CI pipeline and an operator would prepare an
     * AWS account, as visible steps (see {@link io.cruddur.examples.LocalCloud}): a generated image for each ECR
     * image the stack uses (pushed into its repository now if it exists, else when the stack creates it), each
     * secret's SSM parameter (a SecureString; the embedded cloud never stores a value) and the delegation of the
     * stack's domain to its hosted zone. {@code --no-seed-images} leaves the images out; the parameters and the
     * delegation are always seeded.
     */
    private Cloud local(Stack stack) {
      if (!changes()) {
        // A plan sees the cloud as an apply would prepare it (the parameters and delegation an operator provides),
        // in memory only: it writes nothing, so it takes no lease and never races a run that holds one. The day-2
        // reads see it as it is: a generated image would make a failed deployment look healthy.
        InMemoryCloud.Builder b = InMemoryCloud.builder().region(stack.region()).stateFileReadOnly(state);
        return readsLiveState() ? b.build()
            : io.cruddur.examples.LocalCloud.prepare(stack, b, !noSeedImages, line -> { });
      }
      InMemoryCloud.Builder b = InMemoryCloud.builder().region(stack.region()).stateFile(state);
      return deploys() ? io.cruddur.examples.LocalCloud.prepare(stack, b, !noSeedImages, err()::println) : b.build();
    }

    /**
     * Whether the command plans the whole stack, and so calls nearly every AWS service: its SDK clients are built in
     * the background while it takes the lease ({@link AwsCloud#prepareClients()}).
     */
    boolean plansTheStack() {
      return false;
    }

    /** The AWS cloud built by {@link #aws}, closed when the command ends. */
    private AwsCloud awsCloud;

    private Cloud aws(Stack stack, CallCounter counter) {
      AwsCloud.Builder b = AwsCloud.builder().region(region != null ? region : stack.region())
          .addInterceptor(counter);
      if (profile != null) {
        b.profile(profile);
      }
      if (endpoint != null) {
        b.endpoint(endpoint);
      }
      awsCloud = b.build();
      if (plansTheStack()) {
        awsCloud.prepareClients();
      }
      return main().awsDecorator.apply(awsCloud);
    }

    int applyConfirmed(Cruddur cruddur, Plan plan, boolean yes, boolean json, ProgressOptions progress) {
      java.util.Optional<String> conflict = progress.conflictWithJson(json);
      if (conflict.isPresent()) {
        err().println(conflict.get());
        return 2;
      }
      PrintWriter text = progress.textOut(out(), err());
      if (json) {
        out().println(plan.toJson());
      } else {
        text.print(plan.toText());
      }
      text.flush();
      if (!plan.problems().isEmpty()) {
        err().println("the plan has problems; nothing was changed");
        return REFUSED;
      }
      if (plan.work().isEmpty()) {
        progress.nothingToDo(spec.name(), plan, out(), cruddur.cloud().clock());
        err().println("nothing to do");
        return 0;
      }
      if (!yes && !confirm(text)) {
        err().println("not applied (pass --yes to apply without asking)");
        return NOT_CONFIRMED;
      }
      Outcome outcome = progress.run(spec.name(), cruddur, plan, out(), err());
      if (json) {
        out().println(outcome.toJson());
        out().flush();
      }
      if (!outcome.succeeded()) {
        return FAILED;
      }
      long writes = plan.steps().stream().filter(s -> s.action().writes()).count();
      err().println("done: " + writes + " change(s) in " + seconds(outcome.elapsed()) + " (cloud clock)");
      return 0;
    }

    boolean confirm(PrintWriter prompt) {
      if (System.console() == null) {
        return false;
      }
      prompt.print("Apply these changes? [y/N] ");
      prompt.flush();
      try {
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line != null && line.trim().equalsIgnoreCase("y");
      } catch (java.io.IOException e) {
        return false;
      }
    }
  }

  /** Durations as people write them: {@code 90s}, {@code 10m}, {@code 1h}, {@code 0}, or ISO-8601 ({@code PT10M}). */
  static final class Durations implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(java.util.Locale.ROOT);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h)?").matcher(v);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
          case "ms" -> Duration.ofMillis(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofSeconds(n);
        };
      }
      try {
        Duration d = Duration.parse(value.trim());
        if (!d.isNegative()) {
          return d;
        }
      } catch (java.time.format.DateTimeParseException e) {
        // reported below
      }
      throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: write e.g. 30s, 10m or 1h");
    }
  }

  static String seconds(Duration d) {
    return d.toSeconds() + "s";
  }

  @Command(name = "init", mixinStandardHelpOptions = true,
      description = "Write a starter stack file (a .jsh script with one routed service), or one imported from AWS CLI "
          + "JSON files (--from-aws-cli), to edit, then plan and apply.")
  static final class InitCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
        description = "The file to write (default: stack.jsh); its name without .jsh names the stack.")
    Path file;

    @Option(names = "--from-aws-cli", paramLabel = "DIR",
        description = "Import the register-task-definition and create-service input files (*.json) of DIR instead "
            + "of writing the starter: every supported field, each mapping noted in the file, each unsupported field "
            + "an error (docs/aws-cli-json.md).")
    Path fromAwsCli;

    @Option(names = "--domain", paramLabel = "DOMAIN",
        description = "With --from-aws-cli: route each service attached to a load balancer by host "
            + "<service>.DOMAIN over HTTPS (default: by path /<service>/*, plain HTTP).")
    String domain;

    @Option(names = "--region", paramLabel = "REGION",
        description = "With --from-aws-cli: the stack's region (default: the one the files name).")
    String region;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
      Path target = file != null ? file : Path.of("stack.jsh");
      String fileName = target.getFileName().toString();
      if (!fileName.endsWith(".jsh")) {
        spec.commandLine().getErr().println("init writes a .jsh stack file: name it NAME.jsh");
        return 2;
      }
      if (java.nio.file.Files.exists(target)) {
        spec.commandLine().getErr().println(target + " exists already; init never overwrites a file");
        return 2;
      }
      String stackName = fileName.substring(0, fileName.length() - 4).toLowerCase(java.util.Locale.ROOT)
          .replaceAll("[^a-z0-9-]", "-");
      if (!stackName.matches("[a-z][a-z0-9-]{0,31}")) {
        stackName = "app";
      }
      String starter;
      if (fromAwsCli != null) {
        try {
          io.cruddur.awscli.AwsCliImport.Imported imported = io.cruddur.awscli.AwsCliImport.fromDirectory(fromAwsCli,
              new io.cruddur.awscli.AwsCliImport.Options(file != null ? stackName : null, region, domain));
          java.util.List<String> header = new java.util.ArrayList<>(java.util.List.of(
              "Imported from the AWS CLI JSON files of " + fromAwsCli + " by ./cruddur init --from-aws-cli.",
              "What became something else on the way (each is the stack's own resource now):"));
          imported.notes().forEach(n -> header.add("  - " + n));
          header.add("Plan it with ./cruddur plan " + target + "; conventions: docs/stack-files.md.");
          starter = io.cruddur.awscli.StackWriter.write(imported.stack(), header);
          stackName = imported.stack().name();
        } catch (io.cruddur.awscli.AwsCliImportException e) {
          spec.commandLine().getErr().println(e.getMessage());
          return INVALID;
        }
      } else {
        try (var in = Main.class.getResourceAsStream("starter.jsh")) {
          starter = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("STACKFILE", target.toString())
              .replace("STACKNAME", stackName);
        }
      }
      if (target.toAbsolutePath().getParent() != null) {
        java.nio.file.Files.createDirectories(target.toAbsolutePath().getParent());
      }
      java.nio.file.Files.writeString(target, starter, java.nio.file.StandardOpenOption.CREATE_NEW);
      spec.commandLine().getOut().println("wrote " + target + " (stack " + stackName + "): edit it, then "
          + "./cruddur plan " + target);
      return 0;
    }
  }

  @Command(name = "plan", mixinStandardHelpOptions = true, description = "Show what apply would change.")
  static final class PlanCommand extends Common {
    @Override
    boolean plansTheStack() {
      return true;
    }

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    @Override
    int run(Cruddur cruddur, Stack stack) {
      Plan plan = cruddur.plan(stack);
      out().print(json ? plan.toJson() + "\n" : plan.toText());
      return plan.problems().isEmpty() ? 0 : REFUSED;
    }
  }

  @Command(name = "outputs", mixinStandardHelpOptions = true,
      description = "Print what the deployed stack offers: its URLs, the load balancer's DNS name, the hosted zone's "
          + "name servers (to set at the registrar), the repositories' URIs and every resource's ARN. Reads only.")
  static final class OutputsCommand extends Common {
    @Option(names = "--json", description = "Print them as JSON.")
    boolean json;

    @Override
    int run(Cruddur cruddur, Stack stack) {
      io.cruddur.StackOutputs outputs = cruddur.outputs(stack);
      out().print(json ? outputs.toJson() + "\n" : outputs.toText());
      return 0;
    }
  }

  @Command(name = "apply", mixinStandardHelpOptions = true, description = "Plan, then apply the plan.")
  static final class ApplyCommand extends Common {
    @Override
    boolean plansTheStack() {
      return true;
    }

    @Override
    boolean deploys() {
      return true;
    }

    @Override
    boolean changes() {
      return true;
    }

    @CommandLine.Mixin
    Confirm confirm;

    @CommandLine.Mixin
    ProgressOptions progress;

    @Override
    int run(Cruddur cruddur, Stack stack) {
      return applyConfirmed(cruddur, cruddur.plan(stack), confirm.yes, confirm.json, progress);
    }
  }

  /** Options of the commands that change things. */
  static final class Confirm {
    @Option(names = "--yes", description = "Go ahead without asking.")
    boolean yes;

    @Option(names = "--json", description = "Print the plan as JSON and, once applied, the outcome as a second "
        + "JSON document (failures with their error type and a failed deployment's stopped reason). Not with "
        + "--json-events.")
    boolean json;
  }

  @Command(name = "redeploy", mixinStandardHelpOptions = true,
      description = "Start a new deployment of a service with its current task definition (for an image tag that "
          + "moved) and wait until it is stable.")
  static final class RedeployCommand extends Common {
    @Override
    boolean deploys() {
      return true;
    }

    @Override
    boolean changes() {
      return true;
    }

    @Parameters(index = "1", paramLabel = "SERVICE", description = "The service to redeploy.")
    String service;

    @CommandLine.Mixin
    ProgressOptions progress;

    @Override
    int run(Cruddur cruddur, Stack stack) {
      if (stack.service(service).isEmpty()) {
        err().println("stack " + stack.name() + " has no service '" + service + "'");
        return UNKNOWN_STACK;
      }
      Outcome outcome = progress.run(spec.name(), cruddur, cruddur.planRedeploy(stack, service), out(), err());
      if (!outcome.succeeded()) {
        return FAILED;
      }
      err().println("redeployed " + service + " in " + seconds(outcome.elapsed()) + " (cloud clock)");
      return 0;
    }
  }

  @Command(name = "destroy", mixinStandardHelpOptions = true,
      description = "Delete everything the stack owns, and nothing else.")
  static final class DestroyCommand extends Common {
    @Override
    boolean plansTheStack() {
      return true;
    }

    @CommandLine.Mixin
    Confirm confirm;

    @CommandLine.Mixin
    ProgressOptions progress;

    @Override
    boolean changes() {
      return true;
    }

    @Override
    int run(Cruddur cruddur, Stack stack) {
      Plan plan = cruddur.planDestroy(stack);
      if (plan.count(Action.DELETE) == 0) {
        progress.textOut(out(), err()).print(plan.toText());
        err().println("the stack owns nothing here");
        return 0;
      }
      return applyConfirmed(cruddur, plan, confirm.yes, confirm.json, progress);
    }
  }

  /** A command that only groups others ({@code secrets}, {@code image}, {@code ecr}): alone, it prints its usage. */
  abstract static class CommandGroup implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().usage(spec.commandLine().getOut());
      return 0;
    }
  }

  @Command(name = "secrets", mixinStandardHelpOptions = true, description = "Secret values into SSM Parameter Store.",
      subcommands = SecretsPushCommand.class)
  static final class SecretsCommand extends CommandGroup {}

  @Command(name = "push", mixinStandardHelpOptions = true,
      description = "Write each variable of an env file that the stack declares as a secret to the stack's SSM "
          + "SecureString for it: created, updated (the value differs) or unchanged; no value is ever printed.")
  static final class SecretsPushCommand extends Common {
    @Option(names = "--env-file", required = true, paramLabel = "FILE",
        description = "The variables, as NAME=value lines (.env syntax).")
    Path envFile;

    @Option(names = "--kms-key-id", paramLabel = "KEY",
        description = "The KMS key (id, ARN or alias) to encrypt with (default: the account's alias/aws/ssm).")
    String kmsKeyId;

    @Override
    boolean changes() {
      return true;
    }

    @Override
    int run(Cruddur cruddur, Stack stack) {
      io.cruddur.secrets.EnvFile env;
      try {
        env = io.cruddur.secrets.EnvFile.read(envFile);
      } catch (io.cruddur.base.CruddurException e) {
        err().println(e.getMessage());
        return 2;
      }
      io.cruddur.secrets.SecretsPush.Report report = io.cruddur.secrets.SecretsPush.push(cruddur.cloud(), stack,
          env, io.cruddur.secrets.SecretsPush.Options.defaults().withKmsKeyId(kmsKeyId));
      out().print(report.toText());
      return 0;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write the stack's services as AWS CLI input files: <service>-task-definition.json (aws ecs "
          + "register-task-definition --cli-input-json) and <service>-service.json (aws ecs create-service "
          + "--cli-input-json), with the target's ARNs, subnets and groups.")
  static final class ExportCommand extends Common {
    @Option(names = "--aws-cli", required = true, paramLabel = "DIR", description = "The folder to write them to.")
    Path dir;

    @Override
    int run(Cruddur cruddur, Stack stack) {
      Plan plan = cruddur.plan(stack);
      java.util.Map<String, String> files = io.cruddur.awscli.AwsCliExport.export(plan);
      try {
        java.nio.file.Files.createDirectories(dir);
        for (var e : files.entrySet()) {
          java.nio.file.Files.writeString(dir.resolve(e.getKey()), e.getValue());
          out().println("wrote " + dir.resolve(e.getKey()));
        }
      } catch (java.io.IOException e) {
        err().println("cannot write to " + dir + ": " + e.getMessage());
        return FAILED;
      }
      if (files.values().stream().anyMatch(t -> t.contains(io.cruddur.awscli.AwsCliExport.UNKNOWN))) {
        err().println("some values are known only once the stack is applied, and are written as \""
            + io.cruddur.awscli.AwsCliExport.UNKNOWN + "\": apply first for files AWS accepts as they are");
      }
      return 0;
    }
  }

  /** Where the image and ECR commands reach AWS: the account's ECR, through the usual credential chain. */
  static final class AwsAccess {
    @Option(names = "--profile", paramLabel = "NAME", description = "The AWS profile to use.")
    String profile;

    @Option(names = "--region", paramLabel = "REGION", description = "The region of the ECR registry (default: the "
        + "profile's or AWS_REGION).")
    String region;

    @Option(names = "--endpoint", paramLabel = "URL",
        description = "Send the AWS calls (GetAuthorizationToken, DescribeRepositories) to this endpoint (an emulator "
            + "such as moto).")
    java.net.URI endpoint;

    @Option(names = "--registry", paramLabel = "HOST[:PORT]",
        description = "Push to this registry instead of the account's ECR host (an emulator's ECR has no registry: "
            + "a local one, for instance); ECR's credential is still sent if the registry asks for one.")
    String registry;

    AwsCloud cloud(Main main) {
      AwsCloud.Builder b = AwsCloud.builder();
      String r = region != null ? region : System.getenv().getOrDefault("AWS_REGION",
          System.getenv().getOrDefault("AWS_DEFAULT_REGION", null));
      if (r == null) {
        throw new CommandLine.ParameterException(new CommandLine(main), "give the ECR registry's region with "
            + "--region (or AWS_REGION)");
      }
      b.region(r);
      if (profile != null) {
        b.profile(profile);
      }
      if (endpoint != null) {
        b.endpoint(endpoint);
      }
      return b.build();
    }
  }

  @Command(name = "image", mixinStandardHelpOptions = true,
      description = "Put images into the account's ECR without a Docker daemon (Jib).",
      subcommands = {ImageMirrorCommand.class, ImagePushCommand.class})
  static final class ImageCommand extends CommandGroup {}

  /** The parts of image mirror and image push: the registry, its credential, the target repository. */
  abstract static class ImageTransfer implements Callable<Integer> {
    @CommandLine.ParentCommand
    ImageCommand parent;

    @CommandLine.Mixin
    AwsAccess aws;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "1", paramLabel = "REPO:TAG", description = "The ECR repository and tag to put it in.")
    String repoAndTag;

    abstract io.cruddur.images.Images.Pushed transfer(io.cruddur.images.Images images,
        io.cruddur.images.Images.Registry registry, String target);

    String target() {
      return repoAndTag;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      String repository = target().contains(":") ? target().substring(0, target().lastIndexOf(':')) : target();
      try (AwsCloud cloud = aws.cloud(parent.main)) {
        if (cloud.ecr().findRepository(repository).isEmpty()) {
          err.println("ECR repository " + repository + " does not exist in " + cloud.accountId() + "/"
              + cloud.region() + ": apply the stack that declares it first");
          return UNKNOWN_STACK;
        }
        io.cruddur.port.EcrPort.Authorization auth = cloud.ecr().authorization();
        String host = aws.registry != null ? aws.registry : java.net.URI.create(auth.endpoint()).getAuthority();
        io.cruddur.images.Images.Pushed pushed = transfer(io.cruddur.images.Images.withDefaultCaches(),
            new io.cruddur.images.Images.Registry(host, auth.username(), auth.password()), target());
        out.println(pushed.image() + "@" + pushed.digest());
        err.println("image id " + pushed.imageId());
        return 0;
      } catch (io.cruddur.base.CruddurException e) {
        err.println(e.getMessage());
        return FAILED;
      }
    }
  }

  @Command(name = "mirror", mixinStandardHelpOptions = true,
      description = "Copy an image from any registry into an ECR repository of the account: the bootcamp's \"pull "
          + "python:3.10-slim-buster and push it to our ECR\" in one command. Prints IMAGE@DIGEST.")
  static final class ImageMirrorCommand extends ImageTransfer {
    @Parameters(index = "0", paramLabel = "SOURCE", description = "The image to copy, e.g. python:3.10-slim-buster.")
    String source;

    @Override
    io.cruddur.images.Images.Pushed transfer(io.cruddur.images.Images images,
        io.cruddur.images.Images.Registry registry, String target) {
      return images.mirror(source, registry, target);
    }
  }

  @Command(name = "push", mixinStandardHelpOptions = true,
      description = "Push an image saved with docker save (a tarball) to an ECR repository of the account. Prints "
          + "IMAGE@DIGEST.")
  static final class ImagePushCommand extends ImageTransfer {
    @Parameters(index = "0", paramLabel = "TARBALL", description = "The file docker save wrote.")
    Path tarball;

    @Override
    io.cruddur.images.Images.Pushed transfer(io.cruddur.images.Images images,
        io.cruddur.images.Images.Registry registry, String target) {
      return images.push(tarball, registry, target);
    }
  }

  @Command(name = "ecr", mixinStandardHelpOptions = true, description = "The account's ECR registry.",
      subcommands = EcrLoginCommand.class)
  static final class EcrCommand extends CommandGroup {}

  @Command(name = "login", mixinStandardHelpOptions = true,
      description = "Print the registry's password on standard output, for docker login --password-stdin; the "
          + "command to pipe it to is printed on standard error.")
  static final class EcrLoginCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    EcrCommand parent;

    @CommandLine.Mixin
    AwsAccess aws;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      try (AwsCloud cloud = aws.cloud(parent.main)) {
        io.cruddur.port.EcrPort.Authorization auth = cloud.ecr().authorization();
        String host = java.net.URI.create(auth.endpoint()).getAuthority();
        spec.commandLine().getOut().println(auth.password());
        spec.commandLine().getErr().println("valid until " + auth.expiresAt() + "; use it as: ./cruddur ecr login"
            + (aws.region != null ? " --region " + aws.region : "") + " | docker login --username "
            + auth.username() + " --password-stdin " + host);
        return 0;
      } catch (io.cruddur.base.CruddurException e) {
        spec.commandLine().getErr().println(e.getMessage());
        return FAILED;
      }
    }
  }
}
