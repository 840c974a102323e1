package fr.socle.storage.spi;

import fr.socle.core.SocleClientException;

/** The store itself refuses to delete or replace an object under retention or legal hold. */
public class ObjectLockedException extends SocleClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which key; safe to log
   */
  public ObjectLockedException(String message) {
    super(message);
  }
}
