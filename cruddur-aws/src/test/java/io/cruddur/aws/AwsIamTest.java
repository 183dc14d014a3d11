package io.cruddur.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.port.IamPort;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.iam.model.IamException;

/** How the IAM adapter lists roles with their policies: in one call, or role by role where that call is denied. */
@ExtendWith(Moto.class)
class AwsIamTest {
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
      + "{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
      + "\"logs:PutLogEvents\",\"Resource\":\"*\"}]}";
  private static final String ATTACHED = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

  /** Counts IAM operations; denies GetAccountAuthorizationDetails as AWS does without iam: permission for it. */
  static final class Iam implements ExecutionInterceptor {
    final boolean deny;
    final Map<String, Integer> sent = new TreeMap<>();

    Iam(boolean deny) {
      this.deny = deny;
    }

    @Override
    public synchronized void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes a) {
      String operation = a.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      if (!"Iam".equals(a.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
        return;
      }
      sent.merge(operation, 1, Integer::sum);
      if (deny && operation.equals("GetAccountAuthorizationDetails")) {
        throw IamException.builder().statusCode(403).message("not authorized to perform: "
            + "iam:GetAccountAuthorizationDetails").awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied")
            .errorMessage("not authorized").serviceName("IAM").build()).build();
      }
    }
  }

  private static List<IamPort.RoleDetail> details(Iam iam) {
    try (AwsCloud cloud = Moto.cloud().addInterceptor(iam).build()) {
      return cloud.iam().listRoleDetails().stream().filter(d -> d.role().name().startsWith("details-")).toList();
    }
  }

  @Test
  void rolesAreListedWithTheirTagsAndPoliciesInOneCallOrRoleByRoleWhereItIsDenied() {
    try (AwsCloud cloud = Moto.cloud().build()) {
      cloud.iam().createRole("details-task", TRUST, Map.of("cruddur:stack", "shop"));
      cloud.iam().putRolePolicy("details-task", "inline", POLICY);
      cloud.iam().attachRolePolicy("details-task", ATTACHED);
    }
    Iam allowed = new Iam(false);
    List<IamPort.RoleDetail> once = details(allowed);
    assertThat(allowed.sent).containsOnlyKeys("GetAccountAuthorizationDetails");
    assertThat(once).singleElement().satisfies(d -> {
      assertThat(d.role().tags()).containsEntry("cruddur:stack", "shop");
      assertThat(d.inlinePolicies()).containsOnlyKeys("inline");
      assertThat(d.attachedPolicies()).containsExactly(ATTACHED);
    });
    Iam denied = new Iam(true);
    List<IamPort.RoleDetail> byRole = details(denied);
    assertThat(denied.sent).containsKeys("GetAccountAuthorizationDetails", "ListRoles", "GetRole",
        "ListRolePolicies", "GetRolePolicy", "ListAttachedRolePolicies");
    assertThat(byRole).singleElement().satisfies(d -> {
      assertThat(d.role()).isEqualTo(once.get(0).role());
      assertThat(d.inlinePolicies()).containsOnlyKeys("inline");
      assertThat(d.attachedPolicies()).isEqualTo(once.get(0).attachedPolicies());
    });
  }
}
