package fr.socle.core;

/**
 * The problem is on the caller's side of the wire: invalid input, an I/O failure, a timeout, a
 * response too large to accept, data whose integrity cannot be proven, or a peer Socle refuses to
 * call (open circuit breaker).
 *
 * <p>Blocks define leaf types where callers branch (for example a timeout, whose outcome on the
 * peer is unknown).
 */
public class SocleClientException extends SocleException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and, where possible, what to fix; safe to log
   */
  public SocleClientException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong and, where possible, what to fix; safe to log
   * @param cause the underlying error
   */
  public SocleClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
