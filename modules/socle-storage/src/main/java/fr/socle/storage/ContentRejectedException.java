package fr.socle.storage;

import fr.socle.core.SocleClientException;

/**
 * A deposit was refused because of its content: it holds malware ({@link MalwareDetectedException})
 * or it is too large for the scanner to inspect ({@link ContentTooLargeToScanException}). Nothing
 * was stored; the refusal is journaled as {@link JournalOperation#CONTENT_REFUSED}. Tell the
 * depositor the file was refused; do not retry it.
 */
public class ContentRejectedException extends SocleClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message why the content was refused; safe to log
   */
  public ContentRejectedException(String message) {
    super(message);
  }
}
