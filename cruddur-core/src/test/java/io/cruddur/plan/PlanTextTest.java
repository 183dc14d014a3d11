package io.cruddur.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.Cruddur;
import io.cruddur.Golden;
import io.cruddur.TestStacks;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.spec.Secret;
import io.cruddur.spec.Service;
import io.cruddur.spec.Stack;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text of plans as a person reads it; the golden files hold whole plans. */
class PlanTextTest {
  /** The shop whose api reads one more secret: its execution role may read one more parameter. */
  private static Stack shopWithAnotherSecret() {
    Stack shop = TestStacks.shop();
    Service api = Service.builder().from(shop.service("api").orElseThrow())
        .secret("API_KEY", Secret.ssm("/shop/api/API_KEY")).build();
    return shop.toBuilder().services(List.of(api, shop.service("web").orElseThrow())).build();
  }

  @Test
  void anUpdatedPolicyIsALineDiffAndANewSecretIsOneLineOfTheTaskDefinition() {
    InMemoryCloud cloud = TestStacks.cloud();
    Cruddur cruddur = Cruddur.with(cloud);
    assertThat(cruddur.apply(TestStacks.shop()).succeeded()).isTrue();
    cloud.putParameter("/shop/api/API_KEY", "SecureString");
    Plan plan = cruddur.plan(shopWithAnotherSecret());
    assertThat(plan.problems()).isEmpty();
    String text = plan.toText();
    Golden.assertMatches("shop-new-secret.txt", text);
    assertThat(text).contains("""
        ~ iam.role-policy shop-execution-role/cruddur-execution
              document:
                  {
        """).contains("""
                        "Resource": [
                +         "arn:aws:ssm:us-east-1:000000000000:parameter/shop/api/API_KEY",
                          "arn:aws:ssm:us-east-1:000000000000:parameter/shop/api/DB_URL"
                        ],
        """).contains("\n      containers[api].secrets.API_KEY: null -> "
            + "\"arn:aws:ssm:us-east-1:000000000000:parameter/shop/api/API_KEY\"\n");
  }

  @Test
  void theTaskDefinitionOfACreateIsABlockWithOneAttributePerLine() {
    String text = Cruddur.with(TestStacks.cloud()).plan(TestStacks.shop()).toText();
    assertThat(text).contains("""
              containers: [
                {
                  cpu: 0
        """).contains("""
                  secrets: {
                    DB_URL: "arn:aws:ssm:us-east-1:000000000000:parameter/shop/api/DB_URL"
                  }
                },
        """);
    assertThat(text.lines()).as("no line runs off a screen but a warning or a long value")
        .allMatch(l -> l.length() <= Render.WIDTH || l.startsWith("! ") || !l.contains(", "));
  }
}
