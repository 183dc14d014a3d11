package io.cruddur.spec;

import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * An IAM role assumed by a service principal. When a stack declares no execution or task role, Cruddur derives
 * both from the services with least privilege (see the planner).
 *
 * <ul><li>trustedService: ecs-tasks.amazonaws.com</li></ul>
 */
@Value.Immutable
public interface Role {
  String name();

  @Value.Default
  default String trustedService() {
    return "ecs-tasks.amazonaws.com";
  }

  /** Inline policies: policy name to JSON policy document. */
  Map<String, String> inlinePolicies();

  List<String> managedPolicyArns();

  static Builder builder() {
    return new Builder();
  }

  class Builder extends ImmutableRole.Builder {
    public Builder inlinePolicy(String name, String document) {
      return putInlinePolicy(name, document);
    }

    public Builder managedPolicy(String arn) {
      return addManagedPolicyArn(arn);
    }
  }
}
