package io.cruddur.lease;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cruddur.base.CruddurException;
import io.cruddur.base.Tags;
import io.cruddur.port.CloudException;
import io.cruddur.port.SsmPort;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Leases kept in the cloud as SSM {@code String} parameters, so that runs on different machines exclude each other.
 *
 * <p>A stack's lease is a sequence of generations, {@code /cruddur/leases/<stack>/<generation>}, each holding its
 * holder as JSON: who, a token unique to the acquisition, since when and until when. The newest generation is the
 * lease. To take it, a run creates the next generation with a create-only write (PutParameter without Overwrite):
 * of two runs that try at once, exactly one succeeds, so no compare-and-set is needed. A run may create the next
 * generation only when there is none or the newest has expired. Then it deletes the older generations.
 *
 * <ul>
 * <li>The holder renews its generation every third of the ttl. A renewal that finds its generation gone, holding
 * another token, or followed by a newer one marks the lease lost.</li>
 * <li>Closing deletes the holder's generation. The next run starts again at generation 1; a stale holder still
 * tells by its token that the lease is not its own.</li>
 * <li>A lost response (the create took effect, its answer did not arrive) is recognised by reading the token back.
 * </li>
 * </ul>
 *
 * <p>Every parameter is tagged with {@code cruddur:stack}, like everything else the stack owns. Expiry is
 * wall-clock time: the machines' clocks should agree to well within the ttl (2 minutes by default).
 */
public final class ParameterLeases implements Leases {
  /** Where the leases of every stack are kept. */
  public static final String ROOT = "/cruddur/leases/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SsmPort ssm;

  public ParameterLeases(SsmPort ssm) {
    this.ssm = ssm;
  }

  static String prefix(String stack) {
    return ROOT + stack + "/";
  }

  static String key(String stack, long generation) {
    return prefix(stack) + String.format("%010d", generation);
  }

  /** The wait in nanoseconds, capped so that adding it to {@code System.nanoTime()} cannot overflow. */
  static long waitNanos(LeaseOptions options) {
    return options.waitFor().compareTo(Duration.ofDays(3650)) > 0 ? Duration.ofDays(3650).toNanos()
        : options.waitFor().toNanos();
  }

  @Override
  public Lease acquire(String stack, LeaseOptions options) {
    long start = System.nanoTime();
    long deadline = start + waitNanos(options);
    String token = LeaseHolder.newToken();
    LeaseHolder lastSeen = null;
    while (true) {
      Instant now = options.clock().instant();
      Optional<Generation> newest = newest(stack);
      if (newest.isPresent() && newest.get().holder().isPresent()
          && !newest.get().holder().get().expiredAt(now)) {
        LeaseHolder current = newest.get().holder().get();
        if (System.nanoTime() - deadline >= 0) {
          throw new LeaseBusyException("stack " + stack, current, Duration.ofNanos(System.nanoTime() - start));
        }
        if (lastSeen == null || !lastSeen.token().equals(current.token())) {
          options.log().accept("waiting for the lease of stack " + stack + ": held by " + current.describe()
              + " (expires at " + current.expiresAt() + " unless renewed)");
          lastSeen = current;
        }
        sleep(options.poll(), deadline);
        continue;
      }
      long next = newest.map(g -> g.number() + 1).orElse(1L);
      LeaseHolder me = new LeaseHolder(stack, options.holder(), token, now, now.plus(options.ttl()));
      String key = key(stack, next);
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put(Tags.OWNER, stack);
      boolean created;
      try {
        created = ssm.createString(key, encode(me), tags);
      } catch (CloudException.Unavailable | CloudException.Throttled e) {
        created = false; // it may have taken effect (a lost response): the token read back tells
      }
      created = created || read(key).filter(h -> h.token().equals(token)).isPresent();
      if (created) {
        try {
          // Numbers restart at 1 once a lease is released, so a run that saw an old expired generation may create
          // the next one after another run started again from 1: a live lower generation means someone else holds
          // the lease. Give ours back and wait.
          Instant after = options.clock().instant();
          List<Long> older = generations(stack).stream().filter(g -> g < next).toList();
          boolean otherLive = older.stream().map(g -> read(key(stack, g))).flatMap(Optional::stream)
              .anyMatch(h -> !h.token().equals(token) && !h.expiredAt(after));
          if (otherLive) {
            deleteQuietly(key);
          } else {
            older.forEach(g -> deleteQuietly(key(stack, g)));
            return new Held(me, next, options);
          }
        } catch (RuntimeException e) {
          deleteQuietlyIgnoringErrors(key); // never leave a lease nobody will release
          throw e;
        }
      }
      // Another run created that generation first, or holds a lower one: look again after a pause.
      if (System.nanoTime() - deadline >= 0) {
        throw new LeaseBusyException("stack " + stack, newest(stack).flatMap(Generation::holder).orElse(null),
            Duration.ofNanos(System.nanoTime() - start));
      }
      sleep(options.poll(), deadline + options.poll().toNanos());
    }
  }

  private void deleteQuietlyIgnoringErrors(String key) {
    try {
      deleteQuietly(key);
    } catch (RuntimeException ignored) {
      // it expires by itself
    }
  }

  private record Generation(long number, Optional<LeaseHolder> holder) {}

  private Optional<Generation> newest(String stack) {
    List<Long> gens = generations(stack);
    if (gens.isEmpty()) {
      return Optional.empty();
    }
    long n = gens.get(gens.size() - 1);
    return Optional.of(new Generation(n, read(key(stack, n))));
  }

  private List<Long> generations(String stack) {
    String prefix = prefix(stack);
    return ssm.namesUnder(prefix.substring(0, prefix.length() - 1)).stream()
        .filter(n -> n.startsWith(prefix) && n.substring(prefix.length()).matches("\\d{1,18}"))
        .map(n -> Long.parseLong(n.substring(prefix.length()))).sorted().toList();
  }

  private Optional<LeaseHolder> read(String key) {
    return ssm.getString(key).flatMap(ParameterLeases::decode);
  }

  private void deleteQuietly(String key) {
    try {
      ssm.deleteParameter(key);
    } catch (CloudException.NotFound e) {
      // gone already
    }
  }

  private static void sleep(Duration poll, long deadline) {
    long left = deadline - System.nanoTime();
    long nanos = Math.max(1, Math.min(poll.toNanos(), left));
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CruddurException("interrupted while waiting for a lease", e);
    }
  }

  static String encode(LeaseHolder h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stack", h.stack());
    m.put("holder", h.holder());
    m.put("token", h.token());
    m.put("since", h.since().toString());
    m.put("expiresAt", h.expiresAt().toString());
    try {
      return JSON.writeValueAsString(m);
    } catch (IOException e) {
      throw new CruddurException("cannot write a lease", e);
    }
  }

  /** The holder in a lease parameter; empty if the value is not one (written by someone else, or truncated). */
  static Optional<LeaseHolder> decode(String value) {
    try {
      JsonNode n = JSON.readTree(value);
      return Optional.of(new LeaseHolder(n.get("stack").asText(), n.get("holder").asText(), n.get("token").asText(),
          Instant.parse(n.get("since").asText()), Instant.parse(n.get("expiresAt").asText())));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** A lease this process holds, renewed on a daemon thread until closed. */
  private final class Held implements Lease {
    private final String key;
    private final long generation;
    private final LeaseOptions options;
    private final AtomicReference<LeaseHolder> holder;
    private final AtomicReference<String> lost = new AtomicReference<>();
    private final ScheduledExecutorService renewer;

    Held(LeaseHolder holder, long generation, LeaseOptions options) {
      this.key = key(holder.stack(), generation);
      this.generation = generation;
      this.options = options;
      this.holder = new AtomicReference<>(holder);
      this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cruddur-lease-" + holder.stack());
        t.setDaemon(true);
        return t;
      });
      long every = Math.max(1, options.ttl().toMillis() / 3);
      renewer.scheduleWithFixedDelay(this::renewQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public LeaseHolder holder() {
      return holder.get();
    }

    /**
     * Empty while held. A lease not renewed in time counts as lost a sixth of its ttl before it expires, even if no
     * renewal has said so yet (renewals that failed, or take long): another run may take it then.
     */
    @Override
    public Optional<String> lost() {
      if (lost.get() != null) {
        return Optional.of(lost.get());
      }
      Instant expires = holder.get().expiresAt();
      if (!options.clock().instant().isBefore(expires.minus(options.ttl().dividedBy(6)))) {
        return Optional.of("the lease of stack " + holder.get().stack() + " was not renewed in time (it expires at "
            + expires + ")");
      }
      return Optional.empty();
    }

    private void renewQuietly() {
      try {
        renew();
      } catch (RuntimeException e) {
        // A failed renewal is tried again at the next period; lost() tells once the lease runs out.
        options.log().accept("could not renew the lease of stack " + holder.get().stack() + ": " + e.getMessage());
      }
    }

    /** Extends the lease by a ttl from now, or marks it lost. */
    synchronized void renew() {
      if (lost.get() != null) {
        return;
      }
      LeaseHolder me = holder.get();
      Optional<LeaseHolder> stored = read(key);
      List<Long> gens = generations(me.stack());
      boolean newer = !gens.isEmpty() && gens.get(gens.size() - 1) > generation;
      if (stored.isEmpty() || !stored.get().token().equals(me.token()) || newer) {
        Optional<LeaseHolder> other = newest(me.stack()).flatMap(Generation::holder);
        lost.set("the lease of stack " + me.stack() + " was lost: it expired at " + me.expiresAt()
            + other.map(o -> " and " + o.describe() + " took it").orElse(" and is gone"));
        options.log().accept(lost.get());
        return;
      }
      LeaseHolder renewed = me.renewedUntil(options.clock().instant().plus(options.ttl()));
      ssm.overwriteString(key, encode(renewed));
      // An overwrite creates what is missing: if a newer holder deleted this generation in between, it is back,
      // beside the newer one. Lost, then; and take it away again.
      List<Long> after = generations(me.stack());
      if (!after.isEmpty() && after.get(after.size() - 1) > generation) {
        lost.set("the lease of stack " + me.stack() + " was lost: it expired at " + me.expiresAt()
            + " and another run took it");
        options.log().accept(lost.get());
        deleteQuietlyIgnoringErrors(key);
        return;
      }
      holder.set(renewed);
    }

    @Override
    public synchronized void close() {
      renewer.shutdownNow();
      if ("released".equals(lost.get())) {
        return;
      }
      lost.set("released");
      try {
        if (read(key).filter(h -> h.token().equals(holder.get().token())).isPresent()) {
          deleteQuietly(key);
        }
      } catch (CloudException e) {
        options.log().accept("could not release the lease of stack " + holder.get().stack() + " (it expires at "
            + holder.get().expiresAt() + "): " + e.getMessage());
      }
    }
  }

  /** Renews {@code lease} now (as its renewal thread does every third of the ttl). For tests and tools. */
  public static void renewNow(Lease lease) {
    if (lease instanceof Held h) {
      h.renew();
    } else {
      throw new IllegalArgumentException("not a lease of ParameterLeases");
    }
  }
}
