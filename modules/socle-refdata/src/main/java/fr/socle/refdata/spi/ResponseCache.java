package fr.socle.refdata.spi;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * An optional cache of successful GET responses of the reference API clients, keyed by request URL.
 * Off by default: the official API client guidelines of the State forbid hidden caching, so a cache
 * is something the application asks for, with a time to live.
 *
 * <p>Implement it over the application's shared cache (Redis, a database) when several nodes should
 * share answers and quotas (Sirene allows 30 calls a minute per key); {@link #inMemory} is a
 * bounded per-node cache. Implementations must be thread-safe. Values are raw response bodies; they
 * may hold personal data of sole traders (Sirene), so treat the store accordingly.
 */
public interface ResponseCache {

  /**
   * Returns a cached body.
   *
   * @param key the request URL
   * @return the body, if present and not expired
   */
  Optional<byte[]> get(String key);

  /**
   * Stores a body.
   *
   * @param key the request URL
   * @param body the response body
   * @param ttl how long it may be served
   */
  void put(String key, byte[] body, Duration ttl);

  /**
   * A bounded in-memory cache (least recently used entries evicted first).
   *
   * @param maxEntries the largest number of entries kept, at least 1
   * @return a new cache
   * @throws fr.socle.core.InvalidInputException if {@code maxEntries} is below 1
   */
  static ResponseCache inMemory(int maxEntries) {
    return new MemoryResponseCache(maxEntries, Clock.systemUTC());
  }

  /**
   * A bounded in-memory cache reading time from a clock (for tests).
   *
   * @param maxEntries the largest number of entries kept, at least 1
   * @param clock the clock deciding expiry
   * @return a new cache
   * @throws fr.socle.core.InvalidInputException if {@code maxEntries} is below 1
   */
  static ResponseCache inMemory(int maxEntries, Clock clock) {
    return new MemoryResponseCache(maxEntries, clock);
  }
}
