package fr.socle.onceonly.spi;

import fr.socle.core.InvalidInputException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * {@link RateLimitStore} in this JVM's memory, on a monotonic nanosecond clock. One lock guards
 * every key: a reservation touches two or three keys at once, and the critical section is a few map
 * look-ups, far shorter than any lock-striping bookkeeping.
 */
final class InMemoryRateLimitStore implements RateLimitStore {
  private final LongSupplier nanoClock;
  private final Map<String, Long> nextSlot = new HashMap<>();

  /**
   * Creates an empty store.
   *
   * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime} outside tests)
   */
  InMemoryRateLimitStore(LongSupplier nanoClock) {
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  @Override
  public Optional<Duration> reserve(List<Pace> paces, Duration maxWait) {
    Objects.requireNonNull(paces, "paces");
    Objects.requireNonNull(maxWait, "maxWait");
    if (paces.isEmpty()) {
      throw new InvalidInputException("paces must not be empty");
    }
    long maxWaitNanos = saturatedNanos(maxWait);
    synchronized (nextSlot) {
      long now = nanoClock.getAsLong();
      long slot = now;
      for (Pace pace : paces) {
        Long next = nextSlot.get(pace.key());
        if (next != null && next - slot > 0) {
          slot = next;
        }
      }
      long wait = slot - now;
      if (wait > maxWaitNanos) {
        return Optional.empty();
      }
      for (Pace pace : paces) {
        nextSlot.put(pace.key(), slot + saturatedNanos(pace.interval()));
      }
      evictIfLarge(now);
      return Optional.of(Duration.ofNanos(wait));
    }
  }

  @Override
  public void holdOff(String key, Duration delay) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(delay, "delay");
    synchronized (nextSlot) {
      long until = nanoClock.getAsLong() + saturatedNanos(delay);
      nextSlot.merge(key, until, (a, b) -> b - a > 0 ? b : a);
    }
  }

  /** Forgets keys whose slot is in the past: FranceConnect tokens are one per user and session. */
  private void evictIfLarge(long now) {
    if (nextSlot.size() > 10_000) {
      nextSlot.values().removeIf(next -> next - now <= 0);
    }
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }

  @Override
  public String toString() {
    return "InMemoryRateLimitStore";
  }
}
