package fr.socle.onceonly.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryRateLimitStoreTest {
  final AtomicLong now = new AtomicLong(1_000_000_000L);
  final InMemoryRateLimitStore store = new InMemoryRateLimitStore(now::get);
  final Pace token = new Pace("t", Duration.ofMillis(50));
  final Pace ip = new Pace("ip", Duration.ofMillis(60));

  @Test
  void reservations_areSpacedByTheLargestInterval() {
    assertThat(store.reserve(List.of(token, ip), Duration.ofSeconds(1))).contains(Duration.ZERO);
    assertThat(store.reserve(List.of(token, ip), Duration.ofSeconds(1)))
        .contains(Duration.ofMillis(60));
    assertThat(store.reserve(List.of(token), Duration.ofSeconds(1)))
        .contains(Duration.ofMillis(110));
  }

  @Test
  void refusedReservation_changesNothing() {
    store.reserve(List.of(token), Duration.ZERO);
    assertThat(store.reserve(List.of(token), Duration.ofMillis(10))).isEmpty();
    assertThat(store.reserve(List.of(token), Duration.ofSeconds(1)))
        .contains(Duration.ofMillis(50));
  }

  @Test
  void holdOff_onlyPushesLater() {
    store.holdOff("t", Duration.ofSeconds(5));
    store.holdOff("t", Duration.ofSeconds(1));
    assertThat(store.reserve(List.of(token), Duration.ofSeconds(10)))
        .contains(Duration.ofSeconds(5));
  }

  @Test
  void noWindowOfThePeriod_everHoldsMoreThanTheLimit_whateverItsAlignment() {
    // 20 per second → pace of 50 ms; greedy callers reserve 200 slots.
    List<Long> sends = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Optional<Duration> wait = store.reserve(List.of(token), Duration.ofMinutes(1));
      sends.add(now.get() + wait.orElseThrow().toNanos());
      now.addAndGet(3_000_000); // callers come back every 3 ms
    }
    long period = Duration.ofSeconds(1).toNanos();
    for (long start = sends.get(0) - period;
        start < sends.get(sends.size() - 1);
        start += 7_000_000) {
      long s = start;
      long inWindow = sends.stream().filter(t -> t >= s && t < s + period).count();
      assertThat(inWindow).isLessThanOrEqualTo(20);
    }
  }
}
