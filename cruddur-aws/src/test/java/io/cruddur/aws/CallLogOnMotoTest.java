package io.cruddur.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cruddur.memory.Faults;
import io.cruddur.port.CloudException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** The AWS call log, against moto: one DEBUG line per attempt, with what may be secret hidden. */
@ExtendWith(Moto.class)
class CallLogOnMotoTest {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger calls = (Logger) LoggerFactory.getLogger(CallLog.LOGGER);
  private final Logger retries = (Logger) LoggerFactory.getLogger(Calls.class);

  @BeforeEach
  void capture() {
    appender.start();
    for (Logger l : List.of(calls, retries)) {
      l.setLevel(Level.DEBUG);
      l.setAdditive(false);
      l.addAppender(appender);
    }
  }

  @AfterEach
  void release() {
    for (Logger l : List.of(calls, retries)) {
      l.detachAppender(appender);
      l.setAdditive(true);
      l.setLevel(null);
    }
  }

  private List<String> lines() {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void eachCallIsLoggedWithItsStatusDurationAndAttemptAndNoSecretValue() {
    String secret = "s3cret-" + UUID.randomUUID();
    String token;
    try (AwsCloud cloud = Moto.cloud().build()) {
      cloud.ssm().createSecureString("/logging/DB_PASSWORD", secret, null, Map.of("cruddur:stack", "logging"));
      assertThat(cloud.ssm().secureStringHolds("/logging/DB_PASSWORD", secret)).contains(true);
      token = cloud.ecr().authorization().password();
    }
    List<String> lines = lines();
    assertThat(lines).anySatisfy(l -> assertThat(l)
        .matches("sts:GetCallerIdentity 200 in \\d+ ms, attempt 1 of 8: \\{}"));
    assertThat(lines).anySatisfy(l -> assertThat(l)
        .matches("ssm:PutParameter 200 in \\d+ ms, attempt 1 of 8: \\{\"Name\":\"/logging/DB_PASSWORD\","
            + "\"Value\":\"\\*\\*\\*\",\"Type\":\"SecureString\",.*"));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ssm:GetParameter 200 in ")
        .contains("\"WithDecryption\":true"));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ecr:GetAuthorizationToken 200 in "));
    assertThat(token).isNotBlank();
    assertThat(String.join("\n", lines)).doesNotContain(secret).doesNotContain(token);
    assertThat(appender.list).allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.DEBUG));
  }

  @Test
  void aRetriedCallLogsEveryAttemptWithItsErrorAndTheRetries() {
    FaultInjector throttle = new FaultInjector(Faults.atRate(1, 7).only(Faults.Fault.THROTTLING)
        .operations("ssm:PutParameter"));
    try (AwsCloud cloud = Moto.cloud().addInterceptor(throttle).retry(new RetrySettings(Duration.ofMillis(1),
        Duration.ofMillis(5), 3, Duration.ofSeconds(30), Duration.ofSeconds(30))).build()) {
      assertThatThrownBy(() -> cloud.ssm().overwriteString("/logging/flag", "on"))
          .isInstanceOf(CloudException.Throttled.class);
    }
    List<String> puts = lines().stream().filter(l -> l.startsWith("ssm:PutParameter")).toList();
    assertThat(puts).hasSize(5);
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThat(puts.get(2 * (attempt - 1))).matches("ssm:PutParameter 400 ThrottlingException in \\d+ ms, attempt "
          + attempt + " of 3: \\{\"Name\":\"/logging/flag\",\"Value\":\"\\*\\*\\*\".*");
    }
    assertThat(puts.get(1)).startsWith("ssm:PutParameter: retrying, attempt 2 of 3, after ssm:PutParameter: "
        + "ThrottlingException");
    assertThat(puts.get(3)).startsWith("ssm:PutParameter: retrying, attempt 3 of 3, after ");
  }
}
