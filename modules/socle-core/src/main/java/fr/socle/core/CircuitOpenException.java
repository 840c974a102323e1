package fr.socle.core;

/**
 * Socle did not call the peer because its circuit breaker is open: the peer failed repeatedly and
 * is given time to recover (some public APIs ban clients that keep calling during an outage). Retry
 * after the breaker's open duration.
 */
public class CircuitOpenException extends SocleClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which peer is protected; safe to log
   */
  public CircuitOpenException(String message) {
    super(message);
  }
}
