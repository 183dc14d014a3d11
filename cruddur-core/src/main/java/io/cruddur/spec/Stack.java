package io.cruddur.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.immutables.value.Value;

/**
 * A whole application: the unit Cruddur plans, applies and destroys. Every resource it creates is tagged
 * {@code cruddur:stack=<name>}; resources without that tag are never changed or deleted.
 *
 * <ul><li>region: us-east-1</li><li>cluster: one named after the stack</li><li>logGroup: {@code /ecs/<name>},
 * 7 days</li><li>executionRole, taskRole: derived from the services with least privilege</li></ul>
 *
 * <p>Immutable and thread-safe. {@link Builder#build()} validates the whole tree and throws one
 * {@link InvalidSpecException} listing every problem.
 */
@Value.Immutable
public abstract class Stack {
  /** The tag key that marks ownership. */
  public static final String OWNER_TAG = io.cruddur.base.Tags.OWNER;

  public abstract String name();

  @Value.Default
  public String region() {
    return "us-east-1";
  }

  public abstract Map<String, String> tags();

  @Value.Default
  public Cluster cluster() {
    return Cluster.builder().name(name()).build();
  }

  public abstract List<Repository> repositories();

  @Value.Default
  public LogGroup logGroup() {
    return LogGroup.builder().name("/ecs/" + name()).build();
  }

  public abstract List<SecurityGroup> securityGroups();

  public abstract Optional<LoadBalancer> loadBalancer();

  public abstract Optional<Domain> domain();

  public abstract List<Service> services();

  /**
   * The ARN of the customer managed KMS key that encrypts the secrets' SecureStrings, if not the account's
   * {@code alias/aws/ssm}: the derived execution role may then decrypt with it (and only it), and
   * {@code secrets push} encrypts with it unless told otherwise.
   */
  public abstract Optional<String> secretsKmsKey();

  /** Overrides the derived execution role. */
  public abstract Optional<Role> executionRole();

  /** Overrides the derived task role. */
  public abstract Optional<Role> taskRole();

  /** Name of the derived security group of the services: {@code <stack>-srv-sg}. */
  public String serviceSecurityGroupName() {
    return name() + "-srv-sg";
  }

  public String executionRoleName() {
    return executionRole().map(Role::name).orElse(name() + "-execution-role");
  }

  public String taskRoleName() {
    return taskRole().map(Role::name).orElse(name() + "-task-role");
  }

  /** Tags put on every resource: the stack's own plus the ownership tag. */
  public Map<String, String> resourceTags() {
    var all = new java.util.TreeMap<>(tags());
    all.put(OWNER_TAG, name());
    return all;
  }

  public Optional<Service> service(String name) {
    return services().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  @Value.Check
  protected void check() {
    List<Problem> problems = Validator.validate(this);
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(problems);
    }
  }

  public Builder toBuilder() {
    return builder().from(this);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Fluent builder; every nested value also takes a {@code Consumer} of its builder. */
  public static class Builder extends ImmutableStack.Builder {
    public Builder cluster(Consumer<Cluster.Builder> cluster) {
      Cluster.Builder b = Cluster.builder();
      cluster.accept(b);
      return cluster(b.build());
    }

    public Builder repository(String name) {
      return addRepository(Repository.named(name));
    }

    public Builder repository(Consumer<Repository.Builder> repository) {
      Repository.Builder b = Repository.builder();
      repository.accept(b);
      return addRepository(b.build());
    }

    public Builder logGroup(Consumer<LogGroup.Builder> logGroup) {
      LogGroup.Builder b = LogGroup.builder();
      logGroup.accept(b);
      return logGroup(b.build());
    }

    public Builder securityGroup(Consumer<SecurityGroup.Builder> group) {
      SecurityGroup.Builder b = SecurityGroup.builder();
      group.accept(b);
      return addSecurityGroup(b.build());
    }

    public Builder loadBalancer(Consumer<LoadBalancer.Builder> loadBalancer) {
      LoadBalancer.Builder b = LoadBalancer.builder();
      loadBalancer.accept(b);
      return loadBalancer(b.build());
    }

    public Builder domain(Consumer<Domain.Builder> domain) {
      Domain.Builder b = Domain.builder();
      domain.accept(b);
      return domain(b.build());
    }

    public Builder addService(Consumer<Service.Builder> service) {
      Service.Builder b = Service.builder();
      service.accept(b);
      return addService(b.build());
    }

    public Builder tag(String key, String value) {
      return putTag(key, value);
    }
  }
}
