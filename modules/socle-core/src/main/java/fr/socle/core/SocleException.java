package fr.socle.core;

/**
 * Root of every exception Socle throws. Unchecked: a caller catches it where it can do something
 * about it, typically at the edge of a request.
 *
 * <p>Two families split it, as in the AWS SDK:
 *
 * <ul>
 *   <li>{@link SocleClientException}: the problem is on our side of the wire (bad input, I/O error,
 *       timeout, integrity failure, a peer we refuse to call);
 *   <li>{@link SocleServiceException}: the peer answered, and its answer was an error.
 * </ul>
 *
 * <p>Messages never contain secrets, tokens or personal data: they are safe to log.
 */
public class SocleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message safe to log.
   *
   * @param message what went wrong and, where possible, what to fix
   */
  public SocleException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message safe to log and its cause.
   *
   * @param message what went wrong and, where possible, what to fix
   * @param cause the underlying error
   */
  public SocleException(String message, Throwable cause) {
    super(message, cause);
  }
}
