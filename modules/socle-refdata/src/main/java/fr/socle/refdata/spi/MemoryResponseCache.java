package fr.socle.refdata.spi;

import fr.socle.core.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * LRU in-memory {@link ResponseCache}; synchronized, entries are small JSON bodies. Lives next to
 * the SPI (package-private) rather than in {@code internal} because an SPI must not depend on
 * internal packages.
 */
final class MemoryResponseCache implements ResponseCache {
  private record Entry(byte[] body, Instant expires) {}

  private final Clock clock;
  private final Map<String, Entry> entries;

  /**
   * Creates the cache.
   *
   * @param maxEntries the bound
   * @param clock the clock
   */
  MemoryResponseCache(int maxEntries, Clock clock) {
    if (maxEntries < 1) {
      throw new InvalidInputException(
          "maxEntries must be at least 1: a cache holds one entry or more");
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          // MemoryResponseCache.Entry, qualified: inside a LinkedHashMap subclass, javac 25
          // resolves
          // the simple name Entry to the inherited LinkedHashMap.Entry and the override no longer
          // compiles.
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, MemoryResponseCache.Entry> eldest) {
            return size() > maxEntries;
          }
        };
  }

  @Override
  public synchronized Optional<byte[]> get(String key) {
    Entry e = entries.get(key);
    if (e == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(e.expires())) {
      entries.remove(key);
      return Optional.empty();
    }
    return Optional.of(e.body().clone());
  }

  @Override
  public synchronized void put(String key, byte[] body, Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      return;
    }
    entries.put(key, new Entry(body.clone(), clock.instant().plus(ttl)));
  }

  @Override
  public String toString() {
    return "MemoryResponseCache[" + entries.size() + " entries]";
  }
}
