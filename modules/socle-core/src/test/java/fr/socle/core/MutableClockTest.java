package fr.socle.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MutableClockTest {

  @Test
  void advance_movesTimeForEveryViewOfTheClock() {
    MutableClock clock = MutableClock.at(Instant.parse("2026-01-15T10:00:00Z"));
    Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));
    clock.advance(Duration.ofMinutes(16));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-15T10:16:00Z"));
    assertThat(paris.instant()).isEqualTo(clock.instant());
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
  }

  @Test
  void set_putsTheClockAtAnInstant() {
    MutableClock clock = MutableClock.atSystemTime();
    clock.set(Instant.EPOCH);
    assertThat(clock.millis()).isZero();
  }
}
