package fr.socle.core.http;

import fr.socle.core.SocleClientException;
import java.time.Duration;

/**
 * When to stop calling a failing peer. Over the last {@code windowSize} calls, if at least {@code
 * failureRatePercent} percent failed (I/O error, timeout, 5xx or 429), the breaker opens: calls
 * fail at once with {@link fr.socle.core.CircuitOpenException} for {@code openDuration}, then a few
 * trial calls decide whether to close it again.
 *
 * <p>Use it for peers that ban clients who keep calling during an outage (Recherche d'entreprises).
 *
 * @param windowSize how many recent calls are considered, at least 2
 * @param failureRatePercent the failure rate that opens the breaker, in (0, 100]
 * @param openDuration how long calls are refused before a trial, positive
 */
public record CircuitBreakerPolicy(
    int windowSize, float failureRatePercent, Duration openDuration) {

  /**
   * Validates the policy.
   *
   * @param windowSize how many recent calls are considered, at least 2
   * @param failureRatePercent the failure rate that opens the breaker, in (0, 100]
   * @param openDuration how long calls are refused before a trial, positive
   */
  public CircuitBreakerPolicy {
    if (windowSize < 2) {
      throw new SocleClientException("circuit breaker window must hold at least 2 calls");
    }
    if (!(failureRatePercent > 0 && failureRatePercent <= 100)) {
      throw new SocleClientException("circuit breaker failure rate must be in (0, 100]");
    }
    if (openDuration == null || openDuration.isNegative() || openDuration.isZero()) {
      throw new SocleClientException("circuit breaker open duration must be positive");
    }
  }

  /**
   * A sensible default: half of the last 10 calls failed opens the breaker for 30 seconds.
   *
   * @return the default policy
   */
  public static CircuitBreakerPolicy defaults() {
    return new CircuitBreakerPolicy(10, 50f, Duration.ofSeconds(30));
  }
}
