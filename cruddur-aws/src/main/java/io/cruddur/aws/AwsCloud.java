package io.cruddur.aws;

import io.cruddur.port.Cloud;
import io.cruddur.port.CloudException;
import io.cruddur.port.Clock;
import io.cruddur.port.Ports;
import io.cruddur.port.ServiceDiscoveryPort;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The ports on the AWS SDK for Java v2: one synchronous client per service, built on its first use (STS's at once,
 * for the first call), all sharing one HTTP client. Region and credentials come from the default chains unless set;
 * {@link Builder#endpoint(URI)} (or the {@code AWS_ENDPOINT_URL} environment variable) points every client at an
 * emulator.
 *
 * <ul><li>region: the default region chain ({@code AWS_REGION}, profile, ...)</li>
 * <li>credentials: the default chain, or the named profile</li><li>retries: {@link RetrySettings#defaults()};
 * the SDK's own retries are off so that there is one retry budget</li>
 * <li>logging: every call at DEBUG on {@code io.cruddur.aws.calls} (operation, HTTP status, duration, attempt,
 * the request with what may be secret hidden: see {@link CallLog}); never a response body</li>
 * <li>emulators: an endpoint override only changes where the calls go; no adapter behaves differently against an
 * emulator, and none writes anything only to serve one (what an emulator does not keep is the tests' concern)</li>
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} releases the HTTP client.
 */
public final class AwsCloud implements Cloud, AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AwsCloud.class);
  private final String accountId;
  private final String region;
  private final String partition;
  private final SdkHttpClient http;
  private final List<AutoCloseable> clients = new ArrayList<>();
  private final Ports ports;

  private AwsCloud(Builder b) {
    Region r = b.region != null ? Region.of(b.region) : DefaultAwsRegionProviderChain.builder().build().getRegion();
    this.region = r.id();
    this.partition = r.metadata() == null ? "aws" : r.metadata().partition().id();
    AwsCredentialsProvider credentials = b.credentials != null ? b.credentials
        : b.profile != null ? ProfileCredentialsProvider.create(b.profile) : DefaultCredentialsProvider.builder().build();
    URI endpoint = b.endpoint;
    if (endpoint == null && System.getenv("AWS_ENDPOINT_URL") != null && !System.getenv("AWS_ENDPOINT_URL").isBlank()) {
      endpoint = URI.create(System.getenv("AWS_ENDPOINT_URL"));
    }
    this.http = ApacheHttpClient.builder().maxConnections(32).build();
    Config c = new Config(r, credentials, endpoint, b.interceptors, b.retry);
    Calls calls = new Calls(b.retry);
    StsClient sts = c.configure(StsClient.builder(), false);
    clients.add(sts);
    try {
      this.accountId = b.accountId != null ? b.accountId : identify(calls, sts, endpoint, b.profile);
    } catch (RuntimeException e) {
      close(); // nobody else can: the constructor did not return
      throw e;
    }
    LOG.info("AWS account {} in {}{}", accountId, region, endpoint == null ? "" : ", every call to " + endpoint);
    // The other clients are built on first use: building one takes 0.1 to 0.3 s in a cold JVM (its service's model,
    // endpoint rules and interceptors), which delayed every command by 1 to 1.5 s for the eleven, and most commands
    // use few of them. The plan's reads start in parallel, so the clients it needs are built in parallel too.
    Lazy<ServiceDiscoveryClient> sd = lazy(() -> c.configure(ServiceDiscoveryClient.builder(), false));
    Lazy<EcrClient> ecr = lazy(() -> c.configure(EcrClient.builder(), false));
    Lazy<CloudWatchLogsClient> logs = lazy(() -> c.configure(CloudWatchLogsClient.builder(), false));
    Lazy<EcsClient> ecs = lazy(() -> c.configure(EcsClient.builder(), false));
    Lazy<IamClient> iam = lazy(() -> c.configure(IamClient.builder(), true));
    Lazy<Ec2Client> ec2 = lazy(() -> c.configure(Ec2Client.builder(), false));
    Lazy<ElasticLoadBalancingV2Client> elb = lazy(() -> c.configure(ElasticLoadBalancingV2Client.builder(), false));
    Lazy<Route53Client> r53 = lazy(() -> c.configure(Route53Client.builder(), true));
    Lazy<AcmClient> acm = lazy(() -> c.configure(AcmClient.builder(), false));
    Lazy<SsmClient> ssm = lazy(() -> c.configure(SsmClient.builder(), false));
    Lazy<ApplicationAutoScalingClient> scaling = lazy(() -> c.configure(ApplicationAutoScalingClient.builder(),
        false));
    // The order in which a command that plans the stack first calls them: the lease, the default VPC, the reads.
    this.prepareOrder = List.of(ssm, ec2, ecs, elb, iam, acm, r53, ecr, logs, sd, scaling);
    ServiceDiscoveryPort serviceDiscovery = new AwsServiceDiscovery(sd, calls);
    this.ports = new Ports(new AwsEcr(ecr, calls), new AwsLogs(logs, calls),
        new AwsEcs(ecs, calls, name -> serviceDiscovery.findNamespace(name).map(ServiceDiscoveryPort.Namespace::arn)),
        serviceDiscovery, new AwsIam(iam, calls), new AwsEc2(ec2, calls), new AwsElb(elb, calls),
        new AwsRoute53(r53, calls), new AwsAcm(acm, calls),
        new AwsSsm(ssm, calls, this.region, this.accountId, this.partition), new AwsAutoScaling(scaling, calls));
  }

  /** The clients built on first use, in the order {@link #prepareClients()} builds them. */
  private final List<Lazy<?>> prepareOrder;

  /**
   * Starts building, on a background thread, the SDK clients not built yet, in the order a plan first calls their
   * services, and returns at once. For a command about to plan the stack, which calls nearly every service: the
   * clients are then built while it takes the stack's lease, instead of one by one as its reads first need them
   * (0.05 to 0.3 s each in a cold JVM). A command that calls a few services leaves it out and builds only those.
   * A read that needs a client being built waits for it; a client that cannot be built is reported by the call
   * that needs it.
   */
  public void prepareClients() {
    Thread t = new Thread(() -> {
      for (Lazy<?> client : prepareOrder) {
        try {
          client.get();
        } catch (Throwable e) {
          // Closed meanwhile, or a client that cannot be built: the call that needs it builds it again and reports.
          LOG.debug("could not prepare an AWS SDK client: {}", e.toString());
          return;
        }
      }
    }, "cruddur-aws-clients");
    t.setDaemon(true);
    t.start();
  }

  /** Codes with which STS refuses credentials (signature, key, token, expiry). */
  private static final java.util.regex.Pattern REFUSED = java.util.regex.Pattern.compile(
      "InvalidClientTokenId|SignatureDoesNotMatch|ExpiredToken.*|UnrecognizedClient.*|AccessDenied.*"
          + "|InvalidAccessKeyId|IncompleteSignature|MissingAuthenticationToken|AuthFailure");

  /** Asks STS who the caller is: the first call, which tells an unreachable AWS or refused credentials apart. */
  private String identify(Calls calls, StsClient sts, URI endpoint, String profile) {
    String where = endpoint != null ? endpoint.toString() : "STS in " + region;
    String credentials = profile != null ? "profile " + profile : "the default credential chain (AWS_PROFILE, "
        + "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ~/.aws, SSO, instance role)";
    try {
      return calls.read("sts:GetCallerIdentity", () -> sts.getCallerIdentity().account());
    } catch (CloudException e) {
      Throwable cause = e.getCause();
      String code = cause instanceof software.amazon.awssdk.awscore.exception.AwsServiceException a
          && a.awsErrorDetails() != null ? String.valueOf(a.awsErrorDetails().errorCode()) : "";
      if (REFUSED.matcher(code).matches()) {
        throw new AwsAccessException(AwsAccessException.Reason.CREDENTIALS, "AWS refused the credentials from "
            + credentials + " (" + code + "): check the profile (--profile or AWS_PROFILE), run `aws sso login` "
            + "if it is an SSO profile, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", e);
      }
      String message = String.valueOf(e.getMessage());
      if (message.contains("Unable to load credentials") || message.contains("contained no credentials for profile")
          || message.contains("Profile file contained no") || message.contains("does not exist in the profile")) {
        throw new AwsAccessException(AwsAccessException.Reason.CREDENTIALS, "no AWS credentials were found in "
            + credentials + ": configure a profile (aws configure, or aws sso login) and pass --profile, or set "
            + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", e);
      }
      if (e instanceof CloudException.Unavailable) {
        throw new AwsAccessException(AwsAccessException.Reason.UNREACHABLE, "cannot reach AWS at " + where + " ("
            + rootMessage(e) + "): check the endpoint (--endpoint or AWS_ENDPOINT_URL), the region, the network "
            + "and any proxy (HTTPS_PROXY)", e);
      }
      throw e;
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    return r.getMessage();
  }

  private <C extends AutoCloseable> Lazy<C> lazy(Supplier<C> build) {
    Lazy<C> client = new Lazy<>(build);
    clients.add(client);
    return client;
  }

  /** A client built on its first use, once; closing it closes the client if it was built. Thread-safe. */
  private static final class Lazy<C extends AutoCloseable> implements Supplier<C>, AutoCloseable {
    private final Supplier<C> build;
    private volatile C client;
    private boolean closed; // guarded by this

    Lazy(Supplier<C> build) {
      this.build = build;
    }

    @Override
    public C get() {
      C c = client;
      if (c != null) {
        return c;
      }
      synchronized (this) {
        if (client == null) {
          if (closed) {
            throw new IllegalStateException("the AWS cloud is closed");
          }
          try {
            client = build.get();
          } catch (RuntimeException e) {
            // Not an SdkException, which Calls would take for a failed call and retry: the configuration is the
            // one the STS client was built with, so this is a bug rather than the cloud's answer.
            throw new IllegalStateException("cannot build an AWS SDK client: " + e, e);
          }
        }
        return client;
      }
    }

    @Override
    public synchronized void close() throws Exception {
      closed = true;
      if (client != null) {
        client.close();
      }
    }

    @Override
    public String toString() {
      C c = client;
      return c == null ? "a client never built" : c.toString();
    }
  }

  private final class Config {
    final Region region;
    final AwsCredentialsProvider credentials;
    final URI endpoint;
    final List<ExecutionInterceptor> interceptors;
    final RetrySettings retry;

    Config(Region region, AwsCredentialsProvider credentials, URI endpoint, List<ExecutionInterceptor> interceptors,
        RetrySettings retry) {
      this.region = region;
      this.credentials = credentials;
      this.endpoint = endpoint;
      this.interceptors = interceptors;
      this.retry = retry;
    }

    <B extends AwsClientBuilder<B, C> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C>
        C configure(B builder, boolean global) {
      builder.credentialsProvider(credentials).httpClient(http)
          .overrideConfiguration(o -> {
            o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallAttemptTimeout(retry.apiCallTimeout());
            // First, so that its duration covers the other interceptors' work (an injected latency) too.
            o.addExecutionInterceptor(CallLog.INSTANCE);
            interceptors.forEach(o::addExecutionInterceptor);
          });
      // IAM and Route 53 are global services: signed for the partition's global region.
      builder.region(global && endpoint == null ? globalRegion(region) : region);
      if (endpoint != null) {
        builder.endpointOverride(endpoint);
      }
      return builder.build();
    }
  }

  private static Region globalRegion(Region r) {
    String id = r.id();
    if (id.startsWith("cn-")) {
      return Region.AWS_CN_GLOBAL;
    }
    if (id.startsWith("us-gov-")) {
      return Region.AWS_US_GOV_GLOBAL;
    }
    return Region.AWS_GLOBAL;
  }

  /** Connects with the default region and credential chains. */
  public static AwsCloud create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link AwsCloud}. Not thread-safe. */
  public static final class Builder {
    private String region;
    private String profile;
    private AwsCredentialsProvider credentials;
    private URI endpoint;
    private String accountId;
    private RetrySettings retry = RetrySettings.defaults();
    private final List<ExecutionInterceptor> interceptors = new ArrayList<>();

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /** A named profile of the shared config and credentials files. */
    public Builder profile(String profile) {
      this.profile = profile;
      return this;
    }

    public Builder credentials(AwsCredentialsProvider credentials) {
      this.credentials = credentials;
      return this;
    }

    /** Sends every call to {@code endpoint} (an emulator such as moto or LocalStack). */
    public Builder endpoint(URI endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /** Skips the STS look-up of the account id. */
    public Builder accountId(String accountId) {
      this.accountId = accountId;
      return this;
    }

    public Builder retry(RetrySettings retry) {
      this.retry = retry;
      return this;
    }

    /** Adds an SDK interceptor to every client (metrics, call counting, fault injection in tests). */
    public Builder addInterceptor(ExecutionInterceptor interceptor) {
      this.interceptors.add(interceptor);
      return this;
    }

    public AwsCloud build() {
      return new AwsCloud(this);
    }
  }

  @Override
  public String accountId() {
    return accountId;
  }

  @Override
  public String region() {
    return region;
  }

  @Override
  public String partition() {
    return partition;
  }

  @Override
  public Clock clock() {
    return Clock.SYSTEM;
  }

  @Override
  public Ports ports() {
    return ports;
  }











  @Override
  public void close() {
    for (AutoCloseable c : clients) {
      try {
        c.close();
      } catch (Exception e) {
        // closing is best effort
        LOG.debug("could not close {}: {}", c, e.toString());
      }
    }
    http.close();
  }
}
