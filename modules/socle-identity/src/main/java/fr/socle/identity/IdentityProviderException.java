package fr.socle.identity;

import fr.socle.core.SocleServiceException;

/**
 * The provider's token, userinfo, keys or discovery endpoint answered an error or something that is
 * not what the protocol defines (an HTML page instead of JSON, a JSON userinfo where a signed JWT
 * is required). {@link #statusCode()} is the HTTP status; {@link #errorCode()} the OAuth error when
 * the provider sent one (for example {@code invalid_grant}: the code expired or was used).
 */
public class IdentityProviderException extends SocleServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, without tokens or personal data
   * @param status the HTTP status, 0 if none
   * @param errorCode the OAuth error code, may be null
   * @param correlationId the provider's request id, may be null
   */
  public IdentityProviderException(
      String message, int status, String errorCode, String correlationId) {
    super(message, status, errorCode, correlationId);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what failed, without tokens or personal data
   * @param status the HTTP status, 0 if none
   * @param errorCode the OAuth error code, may be null
   * @param correlationId the provider's request id, may be null
   * @param cause the underlying error
   */
  public IdentityProviderException(
      String message, int status, String errorCode, String correlationId, Throwable cause) {
    super(message, status, errorCode, correlationId, cause);
  }
}
