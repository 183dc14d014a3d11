package io.cruddur.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The schedule a wait polls on, and the bound on what it adds after the awaited state is reached. */
class BackoffTest {
  private static final Backoff CERTIFICATE = Backoff.fastStart(Duration.ofSeconds(5));

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  @Test
  void theSecondPollComesAfterFirstAndEachDelayGrowsByTheFactor() {
    assertThat(CERTIFICATE).isEqualTo(new Backoff(ms(250), 1.2, Duration.ofSeconds(5), 0.2));
    assertThat(CERTIFICATE.delay(1, 0)).isEqualTo(ms(250));
    assertThat(CERTIFICATE.delay(2, 0)).isEqualTo(ms(300));
    assertThat(CERTIFICATE.delay(3, 0)).isCloseTo(ms(360), Duration.ofNanos(1));
    assertThat(CERTIFICATE.delay(4, 0)).isCloseTo(ms(432), Duration.ofNanos(1));
  }

  @Test
  void theDefaultScheduleStartsAfterASecondAndGrowsByHalf() {
    Backoff service = Backoff.upTo(Duration.ofSeconds(5));
    assertThat(service).isEqualTo(new Backoff(Duration.ofSeconds(1), 1.5, Duration.ofSeconds(5), 0.2));
    assertThat(service.delay(1, 0)).isEqualTo(ms(1000));
    assertThat(service.delay(3, 0)).isEqualTo(ms(2250));
    assertThat(service.delay(5, 0)).as("1.5^4 s would be 5.06 s").isEqualTo(ms(5000));
    assertThat(service.overshoot(Duration.ofSeconds(2))).isEqualTo(ms(2250));
  }

  @Test
  void delaysStopGrowingAtTheCap() {
    assertThat(CERTIFICATE.delay(17, 0)).as("0.25 x 1.2^16 s is 4.62 s").isCloseTo(ms(4622), ms(1));
    assertThat(CERTIFICATE.delay(18, 0)).as("0.25 x 1.2^17 s would be 5.55 s").isEqualTo(ms(5000));
    assertThat(CERTIFICATE.delay(40, 0)).isEqualTo(ms(5000));
    assertThat(CERTIFICATE.delay(10_000, 0)).as("no overflow").isEqualTo(ms(5000));
    assertThat(new Backoff(ms(200), 1, ms(200), 0).delay(50, 0.9)).as("a fixed interval").isEqualTo(ms(200));
  }

  @Test
  void jitterOnlyShortensADelayByUpToItsShare() {
    SplittableRandom random = new SplittableRandom(7);
    for (int poll = 1; poll < 40; poll++) {
      Duration nominal = CERTIFICATE.delay(poll, 0);
      Duration shortest = Duration.ofNanos((long) (nominal.toNanos() * 0.8) - 1);
      for (int i = 0; i < 200; i++) {
        assertThat(CERTIFICATE.delay(poll, random.nextDouble())).isBetween(shortest, nominal);
      }
    }
    assertThat(CERTIFICATE.delay(20, 0.5)).isEqualTo(ms(4500));
    assertThat(CERTIFICATE.delay(20, Math.nextDown(1.0))).isCloseTo(ms(4000), Duration.ofNanos(1));
    assertThat(CERTIFICATE.delay(1, 0.5)).isCloseTo(ms(225), Duration.ofNanos(1));
  }

  @Test
  void theBoundIsFirstPlusAShareOfTheTimeToTheStateCappedByTheCap() {
    assertThat(CERTIFICATE.overshoot(Duration.ZERO)).isEqualTo(ms(250));
    assertThat(CERTIFICATE.overshoot(Duration.ofSeconds(2))).isEqualTo(ms(750));
    assertThat(CERTIFICATE.overshoot(Duration.ofSeconds(4))).isEqualTo(ms(1250));
    assertThat(CERTIFICATE.overshoot(Duration.ofMinutes(3))).isEqualTo(ms(5000));
  }

  /**
   * The stated bound, for states reached at any time from 0 to 30 min and any jitter: the first poll that starts at or
   * after the state is reached starts at most {@link Backoff#overshoot} after it, which in terms of the whole wait is
   * at most 0.25 s plus a fifth of it with the defaults; and never more than the cap.
   */
  @Test
  void noWaitEndsLaterAfterItsStateThanTheBound() {
    SplittableRandom random = new SplittableRandom(11);
    for (Backoff b : new Backoff[] {CERTIFICATE, Backoff.upTo(Duration.ofSeconds(10)),
        new Backoff(Duration.ofSeconds(1), 1.5, Duration.ofSeconds(5), 0.2),
        new Backoff(ms(500), 2, Duration.ofSeconds(30), 0.5), new Backoff(ms(1000), 1, ms(1000), 0)}) {
      double shareOfWait = (b.factor() - 1) / (b.factor() - b.jitter());
      long worst = 0;
      for (int i = 0; i < 5_000; i++) {
        long reached = i < 100 ? ms(i * 50L).toNanos() : random.nextLong(Duration.ofMinutes(30).toNanos());
        long poll = 0;
        for (int n = 1; poll < reached; n++) {
          poll += b.delay(n, random.nextDouble()).toNanos();
        }
        Duration over = Duration.ofNanos(poll - reached);
        worst = Math.max(worst, over.toNanos());
        assertThat(over).as("%s, reached after %d ns", b, reached)
            .isLessThanOrEqualTo(b.overshoot(Duration.ofNanos(reached)))
            .isLessThanOrEqualTo(Duration.ofNanos((long) Math.ceil(b.first().toNanos() + shareOfWait * poll)))
            .isLessThanOrEqualTo(b.cap());
      }
      assertThat(Duration.ofNanos(worst)).as("the bound is nearly reached")
          .isGreaterThan(b.cap().multipliedBy(9).dividedBy(10));
    }
  }

  @Test
  void aBackoffRefusesWhatCannotBeASchedule() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, 1.5, ms(1), 0)).hasMessage("first must be > 0");
    assertThatThrownBy(() -> new Backoff(ms(1), 0.9, ms(1), 0)).hasMessage("factor must be >= 1");
    assertThatThrownBy(() -> new Backoff(ms(1), Double.NaN, ms(1), 0)).hasMessage("factor must be >= 1");
    assertThatThrownBy(() -> new Backoff(ms(2), 1.5, ms(1), 0)).hasMessage("cap must be >= first");
    assertThatThrownBy(() -> new Backoff(ms(1), 1.5, ms(1), 1)).hasMessage("jitter must be >= 0 and < 1");
    assertThatThrownBy(() -> new Backoff(ms(1), 1.5, ms(1), -0.1)).hasMessage("jitter must be >= 0 and < 1");
    assertThatThrownBy(() -> CERTIFICATE.delay(0, 0)).hasMessage("poll must be >= 1");
    assertThatThrownBy(() -> CERTIFICATE.delay(1, 1)).hasMessage("random must be >= 0 and < 1");
  }
}
