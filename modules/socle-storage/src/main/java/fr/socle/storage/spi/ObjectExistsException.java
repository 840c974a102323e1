package fr.socle.storage.spi;

import fr.socle.core.SocleClientException;

/** A write-once object already exists under this key. */
public class ObjectExistsException extends SocleClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which key; safe to log
   */
  public ObjectExistsException(String message) {
    super(message);
  }
}
