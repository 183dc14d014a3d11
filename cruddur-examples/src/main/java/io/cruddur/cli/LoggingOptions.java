package io.cruddur.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The logging options of every command ({@code --quiet}, {@code --verbose}, {@code --debug}, {@code --log}), and
 * the logging they set up before the command runs. The library modules log through SLF4J; the CLI binds it to
 * Logback, configured here in code (no configuration file): log lines go to the command's standard error, never to
 * standard output, which carries {@code --json} documents.
 *
 * <ul><li>default: warnings and errors, as {@code LEVEL Logger: message}; before the options are read, and after
 * the command, too ({@link Defaults})</li>
 * <li>{@code --quiet}: errors only</li><li>{@code --verbose}: info (the account and endpoint, retried AWS
 * calls)</li>
 * <li>{@code --debug}: debug for {@code io.cruddur} (every AWS call with its status, duration, attempt and its
 * request with what may be secret hidden; every call to the local cloud with its duration on the cloud's clock;
 * the plan's steps and each step's start, end and retries), info for the rest: not the AWS SDK's own logs; lines
 * with time and thread</li>
 * <li>{@code --log LOGGER=LEVEL}: one logger's level on top of these, such as the SDK's
 * {@code software.amazon.awssdk.request}</li>
 * <li>never logged, whatever is asked: the loggers that write what signs or carries a request ({@link #NEVER_LOGGED}:
 * the SigV4 signer's canonical request, Apache's headers and wire bytes), since they hold credentials and request
 * bodies unredacted</li></ul>
 *
 * <p>Why Logback rather than slf4j-simple: its levels can be set again for every command run in one JVM (the tests
 * run the CLI in-process), its appender can write to the command's own standard-error writer, so that log lines keep
 * their order among the command's lines, and a configurator makes its defaults apply before any option is read.
 * The configuration is global (Logback's one context): one command at a time per JVM, as {@code main} runs them.
 */
public final class LoggingOptions {
  /** Loggers (and their children) whose lines are dropped: they would show credentials or unredacted bodies. */
  static final List<String> NEVER_LOGGED = List.of("org.apache.http.wire", "org.apache.http.headers",
      "software.amazon.awssdk.auth.signer", "software.amazon.awssdk.http.auth");

  private static final String PLAIN = "%level %logger{0}: %msg%n%ex{short}";
  private static final String DETAILED = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36}: %msg%n%ex";

  @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Log errors only.")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Log what happens (info): the AWS account and endpoint, AWS calls retried.")
  boolean verbose;

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "Log each AWS call (operation, HTTP status, duration, attempt, the request with secrets "
          + "hidden), each call to the local cloud (duration on its clock), the plan's steps and each step's start, "
          + "end and retries, on standard error. Not the AWS SDK's own logs (see --log).")
  boolean debug;

  @Option(names = "--log", scope = ScopeType.INHERIT, paramLabel = "LOGGER=LEVEL",
      description = "Set one logger's level (trace, debug, info, warn, error, off), on top of the above; "
          + "repeatable. E.g. --log software.amazon.awssdk.request=debug for the SDK's own request lines.")
  Map<String, String> levels;

  /** How much is logged: the root logger's level and io.cruddur's. */
  enum Verbosity {
    QUIET(Level.ERROR, Level.ERROR), DEFAULT(Level.WARN, Level.WARN), VERBOSE(Level.INFO, Level.INFO),
    DEBUG(Level.INFO, Level.DEBUG);

    final Level root;
    final Level cruddur;

    Verbosity(Level root, Level cruddur) {
      this.root = root;
      this.cruddur = cruddur;
    }
  }

  /** What the command line asked for: a verbosity and the levels of single loggers. */
  record Settings(Verbosity verbosity, Map<String, Level> levels) {
    /**
     * Reads the options wherever they stand ({@code cruddur --debug plan} or {@code cruddur plan --debug}).
     *
     * @throws CommandLine.ParameterException if two of --quiet, --verbose and --debug are given, or a level is not one
     */
    static Settings of(CommandLine.ParseResult parseResult) {
      boolean quiet = false;
      boolean verbose = false;
      boolean debug = false;
      Map<String, String> asked = new LinkedHashMap<>();
      for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
        quiet |= r.hasMatchedOption("--quiet");
        verbose |= r.hasMatchedOption("--verbose");
        debug |= r.hasMatchedOption("--debug");
        Map<String, String> levels = r.matchedOptionValue("--log", Map.of());
        asked.putAll(levels);
      }
      CommandLine cli = parseResult.commandSpec().commandLine();
      if ((quiet ? 1 : 0) + (verbose ? 1 : 0) + (debug ? 1 : 0) > 1) {
        throw new CommandLine.ParameterException(cli, "--quiet, --verbose and --debug exclude each other: give one");
      }
      Map<String, Level> levels = new LinkedHashMap<>();
      asked.forEach((logger, name) -> {
        Level level = Level.toLevel(name.trim().toUpperCase(Locale.ROOT), null);
        if (level == null || logger.isBlank()) {
          throw new CommandLine.ParameterException(cli, "--log " + logger + "=" + name + ": give LOGGER=LEVEL, the "
              + "level one of trace, debug, info, warn, error, off");
        }
        levels.put(logger.trim(), level);
      });
      Verbosity v = quiet ? Verbosity.QUIET : verbose ? Verbosity.VERBOSE : debug ? Verbosity.DEBUG
          : Verbosity.DEFAULT;
      return new Settings(v, Map.copyOf(levels));
    }
  }

  /**
   * An execution strategy that sets up logging from the options, onto the command's standard error, then runs
   * {@code next}, and puts the defaults back once it returns.
   */
  static CommandLine.IExecutionStrategy configuringFirst(CommandLine.IExecutionStrategy next) {
    return parseResult -> {
      Settings settings = Settings.of(parseResult);
      PrintWriter err = parseResult.commandSpec().commandLine().getErr();
      configure(settings, line -> {
        err.print(line);
        err.flush();
      });
      try {
        return next.execute(parseResult);
      } finally {
        configure(new Settings(Verbosity.DEFAULT, Map.of()), LoggingOptions::toStandardError);
      }
    };
  }

  private static void toStandardError(String line) {
    System.err.print(line);
    System.err.flush();
  }

  /** Logback's context, or null when SLF4J is bound to something else (then the CLI leaves logging alone). */
  private static LoggerContext context() {
    return LoggerFactory.getILoggerFactory() instanceof LoggerContext c ? c : null;
  }

  static void configure(Settings settings, Consumer<String> sink) {
    LoggerContext context = context();
    if (context != null) {
      configure(context, settings, sink);
    }
  }

  private static void configure(LoggerContext context, Settings settings, Consumer<String> sink) {
    context.reset();
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.setPattern(settings.verbosity() == Verbosity.DEBUG ? DETAILED : PLAIN);
    layout.start();
    LineAppender appender = new LineAppender(layout, sink);
    appender.setContext(context);
    appender.setName("cruddur");
    appender.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(settings.verbosity().root);
    root.addAppender(appender);
    context.getLogger("io.cruddur").setLevel(settings.verbosity().cruddur);
    settings.levels().forEach((name, level) -> context.getLogger(name).setLevel(level));
  }

  static boolean neverLogged(String loggerName) {
    return NEVER_LOGGED.stream().anyMatch(p -> loggerName.equals(p) || loggerName.startsWith(p + "."));
  }

  /** Writes each event as one formatted line to a sink, except those of {@link #NEVER_LOGGED} loggers. */
  private static final class LineAppender extends AppenderBase<ILoggingEvent> {
    private final PatternLayout layout;
    private final Consumer<String> sink;

    LineAppender(PatternLayout layout, Consumer<String> sink) {
      this.layout = layout;
      this.sink = sink;
    }

    @Override
    protected void append(ILoggingEvent event) {
      if (!neverLogged(event.getLoggerName())) {
        sink.accept(layout.doLayout(event));
      }
    }
  }

  /**
   * Logback's configuration before the command line is read, and for any other use of this module's classes (the
   * JShell startup file): warnings and errors on standard error. Found by Logback through
   * {@code META-INF/services}, ahead of any configuration file (a {@code logback-test.xml} of a test jar, say): no
   * file can bring back what {@link #NEVER_LOGGED} keeps out.
   */
  @ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
  public static final class Defaults extends ContextAwareBase
      implements ch.qos.logback.classic.spi.Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
      LoggingOptions.configure(context, new Settings(Verbosity.DEFAULT, Map.of()), LoggingOptions::toStandardError);
      return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
  }
}
