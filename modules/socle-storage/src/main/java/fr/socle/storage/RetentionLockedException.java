package fr.socle.storage;

import fr.socle.core.SocleClientException;

/**
 * A document cannot be destroyed (or its retention shortened) because its retention date has not
 * passed or because it is under legal hold. The refusal is itself recorded in the journal.
 */
public class RetentionLockedException extends SocleClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which document and why; safe to log
   */
  public RetentionLockedException(String message) {
    super(message);
  }
}
