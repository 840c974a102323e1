package fr.socle.refdata.internal;

import fr.socle.refdata.spi.ResponseCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** LRU in-memory {@link ResponseCache}; synchronized, entries are small JSON bodies. */
public final class MemoryResponseCache implements ResponseCache {
  private record Entry(byte[] body, Instant expires) {}

  private final Clock clock;
  private final Map<String, Entry> entries;

  /**
   * Creates the cache.
   *
   * @param maxEntries the bound
   * @param clock the clock
   */
  public MemoryResponseCache(int maxEntries, Clock clock) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("cache must hold at least one entry");
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
