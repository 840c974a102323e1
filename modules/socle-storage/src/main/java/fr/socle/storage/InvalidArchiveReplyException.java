package fr.socle.storage;

import fr.socle.core.SocleClientException;

/**
 * An archiving service's reply was refused: it is not a well-formed SEDA {@code
 * ArchiveTransferReply} (a DTD, a missing or repeated element, an unknown namespace, too large), or
 * it does not answer the transfer it is presented with. Nothing was recorded or destroyed.
 */
public class InvalidArchiveReplyException extends SocleClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, without the reply's content; safe to log
   */
  public InvalidArchiveReplyException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what is wrong; safe to log
   * @param cause the parser's error
   */
  public InvalidArchiveReplyException(String message, Throwable cause) {
    super(message, cause);
  }
}
