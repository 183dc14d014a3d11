package io.cruddur.spec;

import java.util.List;
import java.util.function.Consumer;
import org.immutables.value.Value;

/**
 * A VPC security group with its ingress rules. Egress stays the AWS default (all out). The description is set when
 * the group is created; EC2 cannot change it later.
 */
@Value.Immutable
public interface SecurityGroup {
  String name();

  @Value.Default
  default String description() {
    return "Managed by Cruddur";
  }

  List<Ingress> ingress();

  static Builder builder() {
    return new Builder();
  }

  class Builder extends ImmutableSecurityGroup.Builder {
    public Builder ingress(Consumer<Ingress.Builder> rule) {
      Ingress.Builder b = Ingress.builder();
      rule.accept(b);
      return addIngress(b.build());
    }
  }
}
