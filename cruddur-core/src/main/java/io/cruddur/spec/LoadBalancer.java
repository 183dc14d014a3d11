package io.cruddur.spec;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The application load balancer in front of the routed services. Listeners are derived: HTTP:80 (a 301 to
 * HTTPS when {@code redirectHttpToHttps}, else forwarding) and, when the stack has a domain, HTTPS:443 with its
 * certificate. Each service route becomes a rule on the serving listener.
 *
 * <ul><li>internetFacing: true</li><li>redirectHttpToHttps: true</li><li>subnets: the default VPC's default
 * subnets</li><li>securityGroup: {@code <name>-sg}, derived, open on 80 and 443 to the world</li>
 * <li>defaultService: none (unmatched requests get a 404)</li>
 * <li>sslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06</li><li>existing: false</li></ul>
 *
 * <p>{@link #existing(String) An existing load balancer} (one another stack, or no stack, created) is shared: the
 * stack adds its target groups and rules to it, and its certificate when it has a domain, but never changes or
 * deletes the load balancer, its security group or its listeners. The rules go on the HTTPS:443 listener when the
 * stack has a domain, else on HTTP:80; their priorities avoid every rule already on the listener, whoever owns it.
 * The services' security group admits the load balancer's first security group.
 */
@Value.Immutable
public abstract class LoadBalancer {
  /** The TLS policy of the HTTPS listener unless one is given. */
  public static final String DEFAULT_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

  public abstract String name();

  @Value.Default
  public boolean internetFacing() {
    return true;
  }

  @Value.Default
  public boolean redirectHttpToHttps() {
    return true;
  }

  public abstract List<String> subnets();

  /** Name of the load balancer's security group (created by the stack unless declared explicitly). */
  @Value.Default
  public String securityGroup() {
    return name() + "-sg";
  }

  /** Service that receives requests no rule matches. */
  public abstract Optional<String> defaultService();

  /** Whether the load balancer exists already and is only shared by this stack (see {@link #existing(String)}). */
  @Value.Default
  public boolean existing() {
    return false;
  }

  @Value.Default
  public String sslPolicy() {
    return DEFAULT_SSL_POLICY;
  }

  /**
   * A load balancer that exists already, made by another stack or by hand, that this stack shares: it only adds its
   * own target groups, listener rules and certificate to it. Settings that shape a load balancer (subnets, security
   * group, scheme, default service, TLS policy) are not allowed with it.
   */
  public static LoadBalancer existing(String name) {
    return builder().name(name).existing(true).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutableLoadBalancer.Builder {}
}
