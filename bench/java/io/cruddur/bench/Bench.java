package io.cruddur.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cruddur.memory.Latency;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Java side of bench/run: each subcommand measures one thing and prints it as one JSON object on stdout
 * (details for people go to stderr). Every endpoint must be on 127.0.0.1.
 *
 * <ul><li>{@code simulate STACKFILE REPEATS}: the in-memory cloud's realistic profile, a first deploy, an image
 * update and a destroy, each against the critical path of its plan under the same profile;</li>
 * <li>{@code scale STACKFILE STACK PROFILE REPEATS}: plan plus apply of one stack on a fresh in-memory cloud, time
 * and heap;</li>
 * <li>{@code floor STACKFILE WRITE_MS READ_MS CERT_DELAY_MS}: the longest chain of dependent calls of the stack's
 * first deploy, each call at the given latency, the certificate issued that long after its request;</li>
 * <li>{@code latency ENDPOINT CALLS}: the mean latency of SDK calls to an emulator;</li>
 * <li>{@code startup STACKFILE ENDPOINT}: where a cold JVM's time goes until its first AWS call;</li>
 * <li>{@code phases STACKFILE ENDPOINT}: where the time of an apply goes, done as the CLI's {@code apply} does it
 * (lease, plan, apply), in a fresh JVM against an emulator.</li></ul>
 */
public final class Bench {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** When {@link #main} started, in epoch milliseconds. */
  private static long mainAt;

  private Bench() {}

  public static void main(String[] args) throws Exception {
    mainAt = System.currentTimeMillis();
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: Bench simulate|scale|floor|latency|startup|phases ...");
    }
    Map<String, Object> out = switch (args[0]) {
      case "simulate" -> Simulation.run(Path.of(args[1]), Integer.parseInt(args[2]));
      case "scale" -> Scaling.run(Path.of(args[1]), args[2], profile(args[3]), Integer.parseInt(args[4]));
      case "floor" -> Floor.run(Path.of(args[1]), Long.parseLong(args[2]), Long.parseLong(args[3]),
          Long.parseLong(args[4]), Long.parseLong(args[5]));
      case "latency" -> Latencies.measure(URI.create(args[1]), Integer.parseInt(args[2]));
      case "startup" -> Startup.firstCall(Path.of(args[1]), URI.create(args[2]));
      case "phases" -> Startup.apply(Path.of(args[1]), URI.create(args[2]));
      default -> throw new IllegalArgumentException("unknown subcommand " + args[0]);
    };
    System.out.println(JSON.writeValueAsString(out));
    // The SDK's and the executor's pools must not keep the JVM alive.
    System.exit(0);
  }

  /** When {@link #main} started, in epoch milliseconds. */
  static long mainAt() {
    return mainAt;
  }

  static Latency profile(String name) {
    return switch (name) {
      case "instant" -> Latency.instant();
      case "compact" -> Latency.compact();
      case "realistic" -> Latency.realistic();
      default -> throw new IllegalArgumentException("unknown latency profile " + name);
    };
  }
}
