package fr.socle.core;

/**
 * A remote call did not complete in time (connection or response timeout). The outcome on the peer
 * is unknown: a payment or a write may have happened. Callers that must know re-query the peer
 * rather than assume failure.
 */
public class SocleTimeoutException extends SocleClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which call timed out, without its query string; safe to log
   * @param cause the underlying I/O error
   */
  public SocleTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
