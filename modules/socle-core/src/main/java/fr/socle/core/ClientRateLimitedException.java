package fr.socle.core;

import java.time.Duration;
import java.util.Optional;

/**
 * Socle did not call the peer because its own rate limit had no slot in time: the client-side limit
 * configured on the transport ({@link fr.socle.core.http.RateLimitPolicy}), the pacing of a State
 * API shared between nodes, or a pause the peer asked for earlier ({@code Retry-After}) that is not
 * over. Nothing was sent. Compare {@link RateLimitedException}: the peer itself answered 429.
 *
 * <p>Retry later: {@link #retryAfter()} says when a call can go out, if Socle knows.
 */
public class ClientRateLimitedException extends SocleClientException {
  private static final long serialVersionUID = 1L;

  /** How long until a call may go out, or {@code null} if unknown. */
  private final Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param message which limit refused, for which peer; safe to log
   * @param retryAfter how long until a call may go out, or {@code null} if unknown
   */
  public ClientRateLimitedException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  /**
   * Returns how long until a call may go out.
   *
   * @return the delay, if Socle knows it
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
