package fr.socle.core;

import java.time.Duration;
import java.util.Optional;

/**
 * The peer refused the call because too many were made (HTTP 429, or 503 with {@code Retry-After})
 * and Socle's own retries, which honour {@code Retry-After}, did not get through. Callers branch on
 * it to slow down; {@link #retryAfter()} says for how long when the peer said so.
 */
public class RateLimitedException extends SocleServiceException {
  private static final long serialVersionUID = 1L;

  /** How long the peer asked to wait, or {@code null} if it did not say. */
  private final Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param message which peer refused; safe to log
   * @param statusCode the HTTP status (429 or 503)
   * @param retryAfter how long the peer asked to wait, or {@code null} if it did not say
   * @param correlationId the peer's correlation id, or {@code null}
   */
  public RateLimitedException(
      String message, int statusCode, Duration retryAfter, String correlationId) {
    super(message, statusCode, null, correlationId);
    this.retryAfter = retryAfter;
  }

  /**
   * Returns how long the peer asked to wait.
   *
   * @return the delay from the {@code Retry-After} header, if the peer sent one
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
