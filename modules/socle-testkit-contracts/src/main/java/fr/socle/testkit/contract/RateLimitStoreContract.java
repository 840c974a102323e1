package fr.socle.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.socle.onceonly.spi.Pace;
import fr.socle.onceonly.spi.RateLimitStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link RateLimitStore} honours. Extend it in the implementation's tests and
 * return a store from {@link #store()}; each test uses fresh keys, so one store may serve every
 * test.
 *
 * <pre>{@code
 * class JdbcRateLimitStoreIT extends RateLimitStoreContract {
 *   protected RateLimitStore store() { return JdbcRateLimitStore.create(dataSource); }
 * }
 * }</pre>
 *
 * <p>The tests check the waits a store hands out with margins of seconds, so that a loaded machine
 * cannot fail them: a store must decide atomically, not quickly.
 */
public abstract class RateLimitStoreContract {

  /**
   * Returns the store under test.
   *
   * @return the store
   */
  protected abstract RateLimitStore store();

  /**
   * Returns a second view of the same store, as another node would see it (another instance on the
   * same database). Defaults to {@link #store()}.
   *
   * @return the store of "another node"
   */
  protected RateLimitStore otherNode() {
    return store();
  }

  private static String key(String name) {
    return "contract:" + name + ":" + UUID.randomUUID();
  }

  private static boolean atMost(Duration d, long millis) {
    return d.compareTo(Duration.ofMillis(millis)) <= 0;
  }

  private static boolean between(Duration d, long fromMillis, long toMillis) {
    return d.compareTo(Duration.ofMillis(fromMillis)) >= 0 && atMost(d, toMillis);
  }

  @Test
  void firstReservation_mayGoNow() {
    Optional<Duration> wait =
        store().reserve(List.of(new Pace(key("first"), Duration.ofSeconds(10))), Duration.ZERO);
    assertTrue(wait.isPresent(), "a first reservation is granted");
    assertTrue(atMost(wait.get(), 1000), "a first reservation goes now; waited " + wait.get());
  }

  @Test
  void secondReservation_waitsAboutTheInterval() {
    Pace pace = new Pace(key("second"), Duration.ofSeconds(20));
    store().reserve(List.of(pace), Duration.ZERO).orElseThrow();
    Duration wait = otherNode().reserve(List.of(pace), Duration.ofMinutes(1)).orElseThrow();
    assertTrue(between(wait, 10_000, 20_000), "waited " + wait);
  }

  @Test
  void reservationBeyondMaxWait_isRefused_andReservesNothing() {
    Pace pace = new Pace(key("refused"), Duration.ofSeconds(20));
    store().reserve(List.of(pace), Duration.ZERO).orElseThrow();
    assertFalse(store().reserve(List.of(pace), Duration.ofSeconds(1)).isPresent());
    assertFalse(store().reserve(List.of(pace), Duration.ofSeconds(1)).isPresent());
    Duration wait = store().reserve(List.of(pace), Duration.ofMinutes(1)).orElseThrow();
    assertTrue(atMost(wait, 20_000), "refusals must reserve nothing; waited " + wait);
  }

  @Test
  void reservationOnSeveralPaces_takesTheLatestSlot_onAllOfThem() {
    Pace slow = new Pace(key("slow"), Duration.ofSeconds(30));
    Pace fast = new Pace(key("fast"), Duration.ofMillis(100));
    store().reserve(List.of(slow), Duration.ZERO).orElseThrow();
    Duration wait = store().reserve(List.of(fast, slow), Duration.ofMinutes(1)).orElseThrow();
    assertTrue(between(wait, 15_000, 30_000), "waited " + wait);
    Duration next = store().reserve(List.of(fast), Duration.ofMinutes(1)).orElseThrow();
    assertTrue(next.compareTo(Duration.ofSeconds(15)) > 0, "fast moved with it; " + next);
  }

  @Test
  void refusedMultiPaceReservation_touchesNoPace() {
    Pace blocked = new Pace(key("blocked"), Duration.ofSeconds(10));
    Pace free = new Pace(key("free"), Duration.ofSeconds(10));
    store().reserve(List.of(blocked), Duration.ZERO).orElseThrow();
    assertFalse(store().reserve(List.of(free, blocked), Duration.ofMillis(100)).isPresent());
    assertTrue(store().reserve(List.of(free), Duration.ZERO).isPresent());
  }

  @Test
  void holdOff_delaysTheNextSlot_andNeverBringsItForward() {
    Pace pace = new Pace(key("hold"), Duration.ofMillis(100));
    store().holdOff(pace.key(), Duration.ofSeconds(30));
    store().holdOff(pace.key(), Duration.ofSeconds(1));
    Duration wait = otherNode().reserve(List.of(pace), Duration.ofMinutes(1)).orElseThrow();
    assertTrue(between(wait, 15_000, 30_000), "waited " + wait);
  }

  @Test
  void firstUseOfAKey_byManyCallersAtOnce_grantsThemAll() throws Exception {
    // Regression: callers that found no row yet, while another node was inserting it, were
    // refused as if their wait had been too long.
    List<Pace> paces =
        List.of(
            new Pace(key("new-a"), Duration.ofMillis(10)),
            new Pace(key("new-b"), Duration.ofMillis(10)));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    try {
      List<Future<Optional<Duration>>> all = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        RateLimitStore s = t % 2 == 0 ? store() : otherNode();
        all.add(
            pool.submit(
                () -> {
                  go.await();
                  return s.reserve(paces, Duration.ofMinutes(1));
                }));
      }
      go.countDown();
      for (Future<Optional<Duration>> f : all) {
        assertTrue(f.get().isPresent(), "a first use of a key must not be refused");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentReservations_fromTwoNodes_neverShareASlot() throws Exception {
    Pace pace = new Pace(key("concurrent"), Duration.ofMillis(20));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Long> slots = Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        RateLimitStore s = t % 2 == 0 ? store() : otherNode();
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 10; i++) {
                    long before = System.nanoTime();
                    Duration w = s.reserve(List.of(pace), Duration.ofMinutes(1)).orElseThrow();
                    slots.add(before + w.toNanos());
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    // 80 reservations 20 ms apart span at least 79 intervals: no slot was handed out twice.
    List<Long> sorted = new ArrayList<>(slots);
    Collections.sort(sorted);
    Duration span = Duration.ofNanos(sorted.get(sorted.size() - 1) - sorted.get(0));
    assertTrue(span.compareTo(Duration.ofMillis(79 * 20 - 200)) > 0, "80 slots span " + span);
  }
}
