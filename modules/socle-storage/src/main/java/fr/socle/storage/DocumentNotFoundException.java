package fr.socle.storage;

import fr.socle.core.SocleClientException;

/**
 * No document with this tenant, container and identifier exists in the safe (or it was destroyed).
 */
public class DocumentNotFoundException extends SocleClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which document; safe to log
   */
  public DocumentNotFoundException(String message) {
    super(message);
  }
}
