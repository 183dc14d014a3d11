package io.cruddur.memory;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cruddur.base.Arn;
import io.cruddur.base.CruddurException;
import io.cruddur.port.Cloud;
import io.cruddur.port.CloudException;
import io.cruddur.port.Ec2Port;
import io.cruddur.port.EcrPort;
import io.cruddur.port.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A cloud that lives in memory (optionally persisted to a JSON file) and behaves like AWS for everything Cruddur
 * uses: ARN and id formats, duplicate-name conflicts, {@code PriorityInUse}, {@code ResourceInUse} on deleting a
 * target group that is still forwarded to, ACM certificates pending until their validation CNAME resolves in a
 * delegated hosted zone, load balancers provisioning before active, ECS tasks that start or fail for AWS's
 * reasons and deployments that complete or roll back, IAM propagation, network interfaces and certificates held
 * for a while after what used them is gone, and a log of every call ({@link #calls()}; each is also logged at DEBUG
 * on the logger {@code io.cruddur.memory.calls}, with its outcome and its duration on the virtual clock).
 *
 * <p>Time is virtual ({@link VirtualClock}): waits take no real time, and concurrent waits overlap. Ids are
 * deterministic, so the same calls give the same ids. Thread-safe: every call holds one lock.
 *
 * <ul><li>account: 000000000000, region: us-east-1</li><li>a default VPC with three default subnets</li>
 * <li>latency: {@link Latency#compact()}</li><li>no images in any repository, no delegated domain (see
 * {@link Builder#seedImages} and {@link Builder#delegate})</li></ul>
 */
public final class InMemoryCloud implements Cloud {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InMemoryCloud.class);
  private static final org.slf4j.Logger CALLS = org.slf4j.LoggerFactory.getLogger("io.cruddur.memory.calls");
  static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper()
      .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .enable(SerializationFeature.INDENT_OUTPUT);

  final Object lock = new Object();
  final MemoryState state;
  final VirtualClock clock;
  final Latency settings;
  private final Path file;
  private final List<Call> calls = new ArrayList<>();
  private final Faults faults = new Faults();
  private final Map<String, List<String>> seedImages;
  private final java.util.Set<String> seedDelegations;
  private long persistedAt;

  private final MemSsm ssm = new MemSsm(this);
  private final Ports ports = new Ports(new MemEcr(this), new MemLogs(this), new MemEcs(this),
      new MemServiceDiscovery(this), new MemIam(this), new MemEc2(this), new MemElb(this), new MemRoute53(this),
      new MemAcm(this), ssm, new MemAutoScaling(this));

  /** Whether the region stays as it is: it was given, loaded, or already followed. Guarded by lock. */
  private boolean regionFixed;
  /** Whether anything was ever written (the call log can be cleared; this cannot). Guarded by lock. */
  private boolean written;

  private InMemoryCloud(MemoryState state, Latency settings, Path file, Map<String, List<String>> seedImages,
      java.util.Set<String> seedDelegations) {
    this.seedImages = Map.copyOf(seedImages);
    this.seedDelegations = java.util.Set.copyOf(seedDelegations);
    this.state = state;
    this.settings = settings;
    this.file = file;
    this.clock = new VirtualClock(Instant.ofEpochMilli(state.clockMillis));
    // What was loaded is what the file holds: a read before the clock moves has nothing to write back (and must
    // not write back a snapshot over what another process wrote since).
    this.persistedAt = state.clockMillis;
  }

  /** A fresh cloud in memory only, with default account, region and settings. */
  public static InMemoryCloud create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link InMemoryCloud}. Not thread-safe. */
  public static final class Builder {
    private boolean defaultVpc = true;
    private boolean readOnly;
    private String accountId = "000000000000";
    private String region = "us-east-1";
    private boolean regionGiven;
    private Latency settings = Latency.compact();
    private Path file;
    private final Map<String, List<String>> seedImages = new java.util.TreeMap<>();
    private final java.util.Set<String> delegations = new java.util.TreeSet<>();

    /**
     * Pushes a generated image for each of {@code tags} into repository {@code repository} as soon as it is
     * created (by an apply, say): how a local run gets the images that, on AWS, a CI pipeline pushes. Off by
     * default: without it, a task whose image is missing fails to start, as on AWS.
     */
    public Builder seedImages(String repository, java.util.Collection<String> tags) {
      this.seedImages.merge(repository, List.copyOf(tags), (a, b) -> {
        List<String> all = new ArrayList<>(a);
        b.stream().filter(t -> !all.contains(t)).forEach(all::add);
        return List.copyOf(all);
      });
      return this;
    }

    /**
     * Points {@code domain}'s registrar at each hosted zone of that name as soon as it is created, as an operator
     * sets the name servers at the registrar: certificates validated in that zone can then be issued. Off by
     * default: a new zone is not delegated, and a certificate validated in it stays PENDING_VALIDATION, as on AWS.
     */
    public Builder delegate(String domain) {
      this.delegations.add(MemRoute53.fqdn(domain));
      return this;
    }

    public Builder accountId(String accountId) {
      if (!accountId.matches("\\d{12}")) {
        throw new IllegalArgumentException("accountId must be 12 digits");
      }
      this.accountId = accountId;
      return this;
    }

    /**
     * The cloud's region. Without one, the cloud is in us-east-1 until a stack for another region is planned
     * against it while nothing has been written to it: it then follows that stack's region (see
     * {@link InMemoryCloud#followRegion}).
     */
    public Builder region(String region) {
      this.region = region;
      this.regionGiven = true;
      return this;
    }

    /** The latency profile: {@link Latency#compact()} by default. */
    public Builder latency(Latency latency) {
      this.settings = latency;
      return this;
    }

    /** Roles become assumable by ECS only this long after they are created. */
    public Builder iamPropagationDelay(Duration delay) {
      this.settings = settings.withIamPropagation(delay);
      return this;
    }

    /**
     * Keeps the state in {@code file}: loaded if it exists, written atomically after every change. A loaded
     * state keeps its own account and region.
     */
    public Builder stateFile(Path file) {
      this.file = file;
      return this;
    }

    /**
     * The account has no default VPC in this region (it was deleted, as some organisations do): the planner then
     * refuses a stack, which needs one.
     */
    public Builder withoutDefaultVpc() {
      this.defaultVpc = false;
      return this;
    }

    /**
     * Starts from {@code file} if it exists, but never writes it: changes stay in memory (a plan's view, which may
     * be prepared like an apply without touching what another run may be writing).
     */
    public Builder stateFileReadOnly(Path file) {
      this.file = file;
      this.readOnly = true;
      return this;
    }

    public InMemoryCloud build() {
      MemoryState s = file != null && Files.exists(file) ? load(file) : fresh(accountId, region, defaultVpc);
      InMemoryCloud cloud = new InMemoryCloud(s, settings, readOnly ? null : file, seedImages, delegations);
      // A state file keeps the region it was made for.
      cloud.regionFixed = regionGiven || (file != null && Files.exists(file));
      if (file != null && !readOnly && !Files.exists(file)) {
        cloud.persist();
      }
      return cloud;
    }
  }

  private static MemoryState fresh(String accountId, String region, boolean defaultVpc) {
    MemoryState s = new MemoryState();
    s.accountId = accountId;
    s.region = region;
    s.clockMillis = EPOCH.toEpochMilli();
    if (!defaultVpc) {
      return s;
    }
    String vpc = "vpc-" + digest("default-vpc", 17);
    s.vpcs.put(vpc, new Ec2Port.Vpc(vpc, "172.31.0.0/16", true));
    String[] zones = {"a", "b", "c"};
    for (int i = 0; i < zones.length; i++) {
      String id = "subnet-" + digest("default-subnet-" + i, 17);
      s.subnets.put(id, new Ec2Port.Subnet(id, vpc, region + zones[i], "172.31." + (i * 16) + ".0/20", true));
    }
    return s;
  }

  private static MemoryState load(Path file) {
    try {
      // Fields this version does not know (a newer Cruddur wrote them, or an older one that had them) are skipped,
      // and are gone once the file is written again: say so.
      java.util.Set<String> unknown = new java.util.TreeSet<>();
      MemoryState state = JSON.readerFor(MemoryState.class).withHandler(
          new com.fasterxml.jackson.databind.deser.DeserializationProblemHandler() {
            @Override
            public boolean handleUnknownProperty(com.fasterxml.jackson.databind.DeserializationContext context,
                com.fasterxml.jackson.core.JsonParser parser,
                com.fasterxml.jackson.databind.JsonDeserializer<?> deserializer, Object bean, String property)
                throws IOException {
              Class<?> type = bean instanceof Class<?> c ? c : bean == null ? null : bean.getClass();
              unknown.add((type == null ? "" : type.getSimpleName() + ".") + property);
              parser.skipChildren();
              return true;
            }
          }).readValue(file.toFile());
      if (!unknown.isEmpty()) {
        LOG.warn("the state file {} has fields this version of Cruddur does not know, which it ignores and drops when "
            + "it next writes the file: {}", file, String.join(", ", unknown));
      }
      return state;
    } catch (IOException e) {
      throw new CruddurException("cannot read the in-memory cloud state " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the state file atomically and durably: a temp file, flushed to the disk, renamed over the old one, and
   * the directory flushed so that the rename survives a power cut too. A no-op without a file.
   */
  void persist() {
    if (file == null) {
      return;
    }
    state.clockMillis = clock.millis();
    persistedAt = state.clockMillis;
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      try (java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(tmp,
          java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(state));
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        out.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the in-memory cloud state " + file, e);
    }
  }

  /** Flushes a directory's entries (the rename); where a directory cannot be opened (Windows), the OS's word. */
  private static void syncDirectory(Path dir) {
    try (java.nio.channels.FileChannel d = java.nio.channels.FileChannel.open(dir,
        java.nio.file.StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Not supported on this platform: the rename is as durable as the file system makes it.
    }
  }

  @Override
  public String accountId() {
    return state.accountId;
  }

  /**
   * Moves a cloud whose region was never given ({@link #create()}, or a builder without {@code region}) to
   * {@code region}, as long as nothing has been written to it yet: its default subnets move to that region's
   * zones. {@link io.cruddur.Cruddur} calls it before it plans a stack, so that the embedded cloud follows the
   * stack's region. Returns whether the cloud is now in {@code region}.
   */
  @Override
  public boolean followRegion(String region) {
    synchronized (lock) {
      if (region.equals(state.region)) {
        return true;
      }
      if (regionFixed || written || !state.parameters.isEmpty()) {
        return false;
      }
      String from = state.region;
      state.region = region;
      state.subnets.replaceAll((id, sn) -> new Ec2Port.Subnet(sn.id(), sn.vpcId(),
          region + sn.availabilityZone().substring(from.length()), sn.cidr(), sn.defaultForAz()));
      regionFixed = true;
      return true;
    }
  }

  @Override
  public String region() {
    return state.region;
  }

  @Override
  public VirtualClock clock() {
    return clock;
  }

  @Override
  public Ports ports() {
    return ports;
  }











  public Faults faults() {
    return faults;
  }

  /** Every call made so far, oldest first. */
  public List<Call> calls() {
    synchronized (lock) {
      return List.copyOf(calls);
    }
  }

  /** The calls that changed something. */
  public List<Call> writes() {
    return calls().stream().filter(Call::write).toList();
  }

  public void clearCalls() {
    synchronized (lock) {
      calls.clear();
    }
  }

  /** Creates or overwrites an SSM parameter. Only its type and version are kept: the value is never stored. */
  public void putParameter(String name, String type) {
    ssm.put(name, type);
  }

  /**
   * Makes a managed policy exist, as an administrator creates one outside the stack: a customer managed policy
   * ({@code arn:aws:iam::<account>:policy/<name>}) or an AWS managed policy the cloud does not know. Roles can then
   * attach it, and its document's Allow statements decide what their tasks may do (for instance read a secret).
   * The AWS managed policies execution and task roles commonly attach are known already; attaching any policy
   * that is neither is NoSuchEntity, as on AWS.
   *
   * @param document an IAM policy document (JSON)
   * @throws CloudException.Invalid if the ARN is not a policy ARN or the document is not JSON
   */
  public void definePolicy(String arn, String document) {
    if (arn == null || !arn.matches("arn:aws[a-z-]*:iam::(aws|\\d{12}):policy/.+")) {
      throw new CloudException.Invalid("not a managed policy ARN: " + arn);
    }
    try {
      new com.fasterxml.jackson.databind.ObjectMapper().readTree(document);
    } catch (java.io.IOException | RuntimeException e) {
      throw new CloudException.Invalid("MalformedPolicyDocument: the document of " + arn + " is not JSON");
    }
    opv("iam", "CreatePolicy", arn, () -> state.definedPolicies.put(arn, document));
  }

  /**
   * Pushes a generated image to a repository under {@code tag}, as {@code docker push} would: tasks can then pull
   * it, and a non-empty repository refuses a plain delete.
   *
   * @throws CloudException.NotFound if the repository does not exist
   * @throws CloudException.Conflict if the repository's tags are immutable and the tag exists
   */
  public void pushImage(String repository, String tag) {
    ((MemEcr) ports.ecr()).push(repository, tag);
  }

  /**
   * Points {@code domain}'s registrar at its hosted zone, as an operator sets the zone's name servers at the
   * registrar: public DNS then resolves the domain from that zone, and ACM can validate certificates with records in
   * it.
   *
   * @throws CloudException.NotFound if there is no hosted zone of that name
   * @throws CloudException.Conflict if several zones have that name (which one the registrar should point at is
   *     ambiguous)
   */
  public void delegate(String domain) {
    String fqdn = MemRoute53.fqdn(domain);
    opv("route53", "ChangeRegistrarNameServers", fqdn, () -> {
      List<String> ids = state.zones.values().stream().filter(z -> z.zone().name().equals(fqdn))
          .map(z -> z.zone().id()).toList();
      if (ids.isEmpty()) {
        throw new CloudException.NotFound("no hosted zone " + fqdn + " to delegate to");
      }
      if (ids.size() > 1) {
        throw new CloudException.Conflict("several hosted zones are named " + fqdn + ": " + ids);
      }
      ((MemRoute53) ports.route53()).delegate(fqdn, ids.get(0));
    });
  }

  /** Whether a new zone named {@code fqdn} is delegated as soon as it is created ({@link Builder#delegate}). */
  boolean delegatedOnCreation(String fqdn) {
    return seedDelegations.contains(fqdn);
  }

  /** The tags pushed into {@code repository} as soon as it is created ({@link Builder#seedImages}). */
  List<String> seededTags(String repository) {
    return seedImages.getOrDefault(repository, List.of());
  }

  /**
   * Makes deployments of task definitions whose containers use an image containing {@code imageSubstring} fail
   * (tasks never become healthy): the circuit breaker then marks them FAILED and, with rollback, restores the
   * previous deployment.
   */
  public void failDeploymentsOfImage(String imageSubstring, String reason) {
    synchronized (lock) {
      state.failingImages.put(imageSubstring, reason);
      persist();
    }
  }

  /**
   * Makes containers whose image contains {@code imageSubstring} fail their container health check, as an app that
   * never answers it would: tasks of task definitions that declare a health check for such a container stop with
   * "Task failed container health checks", and the circuit breaker rolls the deployment back. A container without
   * a health check is not affected, as on AWS.
   */
  public void failContainerHealthChecks(String imageSubstring) {
    synchronized (lock) {
      state.failingContainerHealth.add(imageSubstring);
      persist();
    }
  }

  /**
   * Makes tasks whose essential container's image contains {@code imageSubstring} fail their target group's health
   * checks, as an app that answers its health-check path with an error would: tasks of services behind a load
   * balancer stop with "Task failed ELB health checks in (target-group ...)". Services without a load balancer are
   * not affected, as on AWS.
   */
  public void failTargetHealthChecks(String imageSubstring) {
    synchronized (lock) {
      state.failingTargetHealth.add(imageSubstring);
      persist();
    }
  }

  /** Runs a call: logs it, applies injected faults, and persists after a write. */
  <T> T op(String service, String operation, String target, boolean write, Supplier<T> body) {
    if (!CALLS.isDebugEnabled()) {
      return call(service, operation, target, write, body);
    }
    long start = clock.millis();
    String call = service + ":" + operation + (target == null || target.isEmpty() ? "" : " " + target);
    try {
      T result = call(service, operation, target, write, body);
      CALLS.debug("{} ok in {} ms (cloud clock)", call, clock.millis() - start);
      return result;
    } catch (RuntimeException e) {
      CALLS.debug("{} failed in {} ms (cloud clock): {}", call, clock.millis() - start, e.toString());
      throw e;
    }
  }

  private <T> T call(String service, String operation, String target, boolean write, Supplier<T> body) {
    clock.touch();
    String key = service + ":" + operation;
    Duration delay = faults.delayOf(key);
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CloudException("interrupted during an injected delay of " + key);
      }
    }
    // Seeded random faults, for the calls of clients only (not a call the cloud makes inside another). Their
    // latency is virtual: the clock advances, concurrent calls' latencies overlap, no real time is held.
    boolean outer = !Thread.holdsLock(lock);
    Faults.Decision random = outer ? faults.decide(key, target, write) : Faults.Decision.NONE;
    if (!random.latency().isZero()) {
      try {
        clock.sleep(random.latency());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CloudException("interrupted during an injected latency of " + key);
      }
    }
    synchronized (lock) {
      faults.dieIfCrashed(key);
      calls.add(new Call(service, operation, target, write));
      written |= write;
      CloudException before = faults.takeBefore(key);
      if (before != null) {
        throw before;
      }
      if (random.faulted() && !random.applied()) {
        throw random.error(key);
      }
      T result;
      try {
        result = body.get();
      } catch (CloudException e) {
        // The call failed, and its answer was lost as well: the caller sees the fault, not the error.
        if (random.faulted()) {
          CloudException lost = random.error(key);
          lost.addSuppressed(e);
          throw lost;
        }
        throw e;
      }
      // Reads move state along the clock too (a deployment completes): keep that once time has passed.
      if (write || clock.millis() != persistedAt) {
        persist();
      }
      if (write && outer) {
        faults.wrote(key);
      }
      CloudException after = faults.takeAfter(key);
      if (after != null) {
        throw after;
      }
      if (random.faulted()) {
        throw random.error(key);
      }
      return result;
    }
  }

  void opv(String service, String operation, String target, Runnable body) {
    op(service, operation, target, true, () -> {
      body.run();
      return null;
    });
  }

  long now() {
    return clock.millis();
  }

  String arn(String service, String resource) {
    return Arn.of(partition(), service, state.region, state.accountId, resource).toString();
  }

  /**
   * A deterministic id from the resource's natural key (its name, port, priority...) and how many times that key
   * was used: the same calls give the same ids whatever order parallel callers make them in.
   */
  String nextId(String kind, String key, int length) {
    long n = state.idCounters.merge(kind + "/" + key, 1L, Long::sum);
    return digest(kind + "#" + key + "#" + n, length);
  }

  static String digest(String seed, int length) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h).substring(0, length);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static <T> Optional<T> first(java.util.Collection<T> values, Predicate<T> p) {
    return values.stream().filter(p).findFirst();
  }

  static Map<String, String> copy(Map<String, String> tags) {
    return Map.copyOf(tags == null ? Map.of() : tags);
  }
}
