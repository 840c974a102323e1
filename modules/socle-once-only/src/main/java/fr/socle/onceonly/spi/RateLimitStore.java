package fr.socle.onceonly.spi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the rate-limit state of a deployment lives: for each key, the earliest instant at which the
 * next call may be sent (the "theoretical arrival time" of the generic cell rate algorithm).
 *
 * <p>API Particulier and API Entreprise ban an IP for 12 hours when it ignores their 429 answers,
 * and a banned IP gets no answer at all, for every token behind it (once-only fact sheet §1.5). A
 * vendor serving many collectivités from one egress IP must therefore count across all tokens and
 * all nodes: one store shared by every node. Socle ships an in-memory store (one node, the default)
 * and {@code JdbcRateLimitStore} on PostgreSQL in {@code socle-once-only-jdbc}.
 *
 * <p>Contract (checked by {@code fr.socle.testkit.contract.RateLimitStoreContract},
 * socle-testkit-contracts):
 *
 * <ul>
 *   <li>{@link #reserve} is atomic across every caller of the store, on every node: two
 *       reservations on a key are granted slots at least the key's interval apart;
 *   <li>a reservation takes a slot on <em>all</em> its paces at the same instant, or on none;
 *   <li>a refused reservation (wait over {@code maxWait}) changes nothing;
 *   <li>{@link #holdOff} only ever pushes a key's next slot later, never earlier;
 *   <li>times come from one clock for the whole deployment (the database's, for a shared store), so
 *       that nodes with skewed clocks cannot squeeze two calls closer than the interval.
 * </ul>
 *
 * <p>Implementations are thread-safe. Socle never closes a store it is given.
 */
public interface RateLimitStore {

  /**
   * Returns a new store kept in this JVM's memory: right for one node, wrong as soon as two nodes
   * share an egress IP or a token.
   *
   * @return a new, empty store
   */
  static RateLimitStore inMemory() {
    return new InMemoryRateLimitStore(System::nanoTime);
  }

  /**
   * Returns a new in-memory store that reads time from the given monotonic clock instead of {@link
   * System#nanoTime()}: for tests and benchmarks that must not wait for real time to pass.
   *
   * @param nanoClock a monotonic clock in nanoseconds
   * @return a new, empty store
   */
  static RateLimitStore inMemory(java.util.function.LongSupplier nanoClock) {
    return new InMemoryRateLimitStore(java.util.Objects.requireNonNull(nanoClock, "nanoClock"));
  }

  /**
   * Reserves the next free slot common to all paces: the earliest instant not before now and not
   * before each key's next slot, then moves each key's next slot to that instant plus its interval.
   *
   * @param paces the limits this call must respect, not empty, distinct keys
   * @param maxWait the longest the caller accepts to wait for its slot
   * @return how long the caller must wait before sending (zero if it may send now), or empty if
   *     that would be longer than {@code maxWait}, in which case nothing was reserved
   */
  Optional<Duration> reserve(List<Pace> paces, Duration maxWait);

  /**
   * Stops every call on a key until {@code delay} from now: the peer said so with {@code
   * Retry-After} or {@code RateLimit-Remaining: 0}.
   *
   * @param key the bucket
   * @param delay how long to hold off, positive
   */
  void holdOff(String key, Duration delay);
}
