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
 * <li>sslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06</li></ul>
 */
@Value.Immutable
public abstract class LoadBalancer {
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

  @Value.Default
  public String sslPolicy() {
    return "ELBSecurityPolicy-TLS13-1-2-2021-06";
  }

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutableLoadBalancer.Builder {}
}
