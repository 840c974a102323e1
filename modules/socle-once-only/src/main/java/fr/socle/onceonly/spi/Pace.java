package fr.socle.onceonly.spi;

import fr.socle.core.SocleClientException;
import java.time.Duration;
import java.util.Objects;

/**
 * One limit to respect: calls on {@code key} must be at least {@code interval} apart.
 *
 * <p>A limit of {@code n} calls per period becomes a pace of {@code period / n}: calls spaced that
 * far apart never put more than {@code n} calls in <em>any</em> window of that period, whatever its
 * alignment. This matters because API Particulier and API Entreprise count in fixed windows aligned
 * on their own clock (once-only fact sheet §1.5), which a client cannot observe.
 *
 * @param key the bucket, for example {@code particulier:token:3f2a...:json} or {@code
 *     particulier:ip:default}; at most 200 characters, no personal data
 * @param interval the least time between two calls, positive
 */
public record Pace(String key, Duration interval) {

  /**
   * Validates the pace.
   *
   * @param key the bucket, for example {@code particulier:token:3f2a...:json} or {@code
   *     particulier:ip:default}; at most 200 characters, no personal data
   * @param interval the least time between two calls, positive
   */
  public Pace {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(interval, "interval");
    if (key.isBlank() || key.length() > 200) {
      throw new SocleClientException("rate-limit key must have 1 to 200 characters");
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new SocleClientException("rate-limit interval must be positive");
    }
  }
}
