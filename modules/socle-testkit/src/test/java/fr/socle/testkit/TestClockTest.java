package fr.socle.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TestClockTest {

  @Test
  void advance_movesTimeForEveryViewOfTheClock() {
    TestClock clock = TestClock.at(Instant.parse("2026-01-15T10:00:00Z"));
    Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

    clock.advance(Duration.ofMinutes(16));

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-15T10:16:00Z"));
    assertThat(paris.instant()).isEqualTo(clock.instant());
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(clock.getZone()).isEqualTo(ZoneId.of("Z"));
  }

  @Test
  void set_putsTheClockAtAnInstant_andItNeverMovesByItself() throws Exception {
    TestClock clock = TestClock.atSystemTime();
    clock.set(Instant.EPOCH);
    Thread.sleep(5);

    assertThat(clock.millis()).isZero();
  }

  @Test
  void nulls_areRefusedNamingTheParameter() {
    TestClock clock = TestClock.at(Instant.EPOCH);

    assertThatThrownBy(() -> TestClock.at(null)).hasMessage("instant");
    assertThatThrownBy(() -> clock.set(null)).hasMessage("instant");
    assertThatThrownBy(() -> clock.advance(null)).hasMessage("duration");
    assertThatThrownBy(() -> clock.withZone(null)).hasMessage("zone");
  }
}
