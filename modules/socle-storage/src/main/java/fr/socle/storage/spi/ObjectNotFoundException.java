package fr.socle.storage.spi;

import fr.socle.core.SocleClientException;

/** No object exists under this key. */
public class ObjectNotFoundException extends SocleClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which key; safe to log
   */
  public ObjectNotFoundException(String message) {
    super(message);
  }
}
