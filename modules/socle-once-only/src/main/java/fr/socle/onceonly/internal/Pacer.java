package fr.socle.onceonly.internal;

import fr.socle.core.ClientRateLimitedException;
import fr.socle.core.SocleClientException;
import fr.socle.onceonly.spi.Pace;
import fr.socle.onceonly.spi.RateLimitStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Turns the published limits into {@link Pace}s, reserves a slot in the store and waits for it.
 * Thread-safe.
 */
public final class Pacer {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Pacer.class);
  private static final int MAX_LATE_RESERVATIONS = 3;

  private final RateLimitStore store;
  private final String egress;
  private final double headroom;
  private final Duration maxWait;

  /**
   * Creates a pacer.
   *
   * @param store where the slots are kept
   * @param egress the name of the egress IP the calls leave through
   * @param headroom the fraction of each limit left unused, 0 to 0.5
   * @param maxWait the longest a call waits for its slot
   */
  public Pacer(RateLimitStore store, String egress, double headroom, Duration maxWait) {
    this.store = Objects.requireNonNull(store, "store");
    this.egress = Objects.requireNonNull(egress, "egress");
    this.headroom = headroom;
    this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
  }

  /**
   * Returns the pace of a published limit, less the headroom.
   *
   * @param key the bucket
   * @param limit the published limit
   * @return the pace
   */
  public Pace pace(String key, Limit limit) {
    double perPeriod = limit.permits() * (1.0 - headroom);
    long nanos = (long) Math.ceil(limit.period().toNanos() / perPeriod);
    return new Pace(key, Duration.ofNanos(nanos));
  }

  /**
   * Returns the paces of one call: the token's group and the egress IP of that API.
   *
   * @param api {@code particulier} or {@code entreprise}
   * @param tokenFingerprint the token's fingerprint (never the token)
   * @param group the token's limit group
   * @return the paces, token first
   */
  public List<Pace> paces(String api, String tokenFingerprint, Limit group) {
    return List.of(
        pace(tokenKey(api, tokenFingerprint, group), group), pace(api + ":ip:" + egress, Limit.IP));
  }

  /**
   * Returns the bucket of a token's group.
   *
   * @param api the API
   * @param tokenFingerprint the token's fingerprint
   * @param group the group
   * @return the key
   */
  public static String tokenKey(String api, String tokenFingerprint, Limit group) {
    return api + ":token:" + tokenFingerprint + ":" + group.key();
  }

  /**
   * Reserves a slot and sleeps until it.
   *
   * @param paces the limits of the call
   * @param deadlineNanos the call's overall deadline ({@link System#nanoTime()} scale)
   * @param what the call, for the error message
   * @throws ClientRateLimitedException if the slot is further than the maximum wait or the deadline
   */
  public void acquire(List<Pace> paces, long deadlineNanos, String what) {
    // Sends within interval/5 of their slots keep every window of the period under the limit, even
    // for 5 calls a minute: with 5 % headroom, (period + interval/5) still holds at most n slots.
    // The longest interval of the call's limits is the one used: re-reserving takes a new slot on
    // every limit, and a fast limit's lateness must not cost a slow limit's slot (a DGFiP
    // attestation's slot is 12.6 s away).
    long tolerance = 0;
    for (Pace p : paces) {
      tolerance = Math.max(tolerance, p.interval().toNanos() / 5);
    }
    for (int attempt = 0; ; attempt++) {
      long remaining = deadlineNanos - System.nanoTime();
      Duration wait =
          remaining < maxWait.toNanos() ? Duration.ofNanos(Math.max(0, remaining)) : maxWait;
      Optional<Duration> slot = store.reserve(paces, wait);
      if (slot.isEmpty()) {
        throw new ClientRateLimitedException(
            "client-side rate limit: no slot for "
                + what
                + " within "
                + wait.toMillis()
                + " ms; the API was not called",
            null);
      }
      long slotAt = System.nanoTime() + slot.get().toNanos();
      sleepUntil(slotAt);
      long late = System.nanoTime() - slotAt;
      // A thread that wakes up long after its slot (a starved CPU, a GC pause) would send close to
      // the next slot's call and bunch calls into one of the API's windows: it takes a new slot
      // instead, a few times at most.
      if (late <= tolerance || attempt == MAX_LATE_RESERVATIONS) {
        return;
      }
      log.debug("{}: woke {} ms after its slot, taking another", what, late / 1_000_000);
    }
  }

  private static void sleepUntil(long nanoTime) {
    long nanos = nanoTime - System.nanoTime();
    if (nanos > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(nanos);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SocleClientException("interrupted while waiting for a rate-limit slot", e);
      }
    }
  }

  /**
   * Stops calls on a key for a while (the peer's {@code Retry-After} or {@code RateLimit-Reset}).
   *
   * @param key the bucket
   * @param delay how long
   */
  public void holdOff(String key, Duration delay) {
    if (!delay.isNegative() && !delay.isZero()) {
      store.holdOff(key, delay);
    }
  }

  /**
   * Returns the store.
   *
   * @return the store
   */
  public RateLimitStore store() {
    return store;
  }
}
