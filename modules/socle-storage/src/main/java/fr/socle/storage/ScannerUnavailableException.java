package fr.socle.storage;

import fr.socle.core.SocleClientException;

/**
 * No verdict could be obtained from the content scanner: it is unreachable, it timed out, it reset
 * the connection, or it answered something that is not a verdict. The deposit was refused (fail
 * closed) and nothing was stored; the depositor may try again later. Operators should check the
 * scanner.
 *
 * <p>It is a client-side error in Socle's sense: the scan was abandoned on our side, without an
 * answer from the scanner that could be trusted.
 */
public class ScannerUnavailableException extends SocleClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, safe to log
   */
  public ScannerUnavailableException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what failed, safe to log
   * @param cause the underlying error
   */
  public ScannerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
