package fr.socle.core.http;

import fr.socle.core.SocleClientException;
import java.time.Duration;

/**
 * A client-side rate limit: at most {@code permits} calls per {@code period}. A call beyond the
 * limit waits for a permit up to {@code maxWait}, then fails with {@link
 * fr.socle.core.ClientRateLimitedException} (the limit is ours, the peer was not called).
 *
 * <p>Public APIs publish their limits (API Géo: 10 calls per second per IP) and answer 429, or ban,
 * when they are exceeded; limiting on the client side keeps an application under them.
 *
 * @param permits calls allowed per period, at least 1
 * @param period the refresh period, positive
 * @param maxWait how long a call may wait for a permit, zero or positive
 */
public record RateLimitPolicy(int permits, Duration period, Duration maxWait) {

  /**
   * Validates the policy.
   *
   * @param permits calls allowed per period, at least 1
   * @param period the refresh period, positive
   * @param maxWait how long a call may wait for a permit, zero or positive
   */
  public RateLimitPolicy {
    if (permits < 1) {
      throw new SocleClientException("rate limit must allow at least one call per period");
    }
    if (period == null || period.isNegative() || period.isZero()) {
      throw new SocleClientException("rate limit period must be positive");
    }
    if (maxWait == null || maxWait.isNegative()) {
      throw new SocleClientException("rate limit maximum wait must be zero or positive");
    }
  }

  /**
   * At most {@code permits} calls per second, waiting up to 5 seconds for a permit.
   *
   * @param permits calls per second
   * @return the policy
   */
  public static RateLimitPolicy perSecond(int permits) {
    return new RateLimitPolicy(permits, Duration.ofSeconds(1), Duration.ofSeconds(5));
  }
}
