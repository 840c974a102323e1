package fr.socle.storage;

import fr.socle.core.SocleClientException;

/**
 * Stored data could not be proven authentic: a ciphertext, a wrapped data key, a metadata record or
 * a journal entry was altered, truncated, reordered, swapped with another document's, replaced by
 * an older version, or cannot be opened with the tenant's key-encryption key.
 *
 * <p>The message names the document or journal entry but never says which check failed in a way
 * that would help an attacker tune a forgery. Callers must treat the document as unusable: no
 * partial content obtained before this exception should be trusted as a whole document.
 */
public class IntegrityViolationException extends SocleClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what could not be authenticated; safe to log
   */
  public IntegrityViolationException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what could not be authenticated; safe to log
   * @param cause the underlying error
   */
  public IntegrityViolationException(String message, Throwable cause) {
    super(message, cause);
  }
}
