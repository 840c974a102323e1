package fr.socle.identity;

/**
 * The user did not complete the login ({@code error=access_denied}), for example by clicking "back
 * to the service" on FranceConnect. Not a failure of the application: offer to try again.
 */
public class LoginCancelledException extends AuthorizationErrorException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param errorDescription the provider's description, may be null
   */
  public LoginCancelledException(String errorDescription) {
    super("access_denied", errorDescription);
  }
}
