package fr.socle.identity;

import fr.socle.core.SocleServiceException;
import java.util.Optional;

/**
 * The provider redirected back with an OAuth error ({@code error=...}) instead of a code, for
 * example {@code invalid_request} when a parameter was refused, or {@code login_required} after a
 * silent ProConnect login. The user cancelling is the subclass {@link LoginCancelledException}.
 */
public class AuthorizationErrorException extends SocleServiceException {
  private static final long serialVersionUID = 1L;

  /** The provider's description of the error, or {@code null} when it gave none. */
  private final String errorDescription;

  /**
   * Creates the exception.
   *
   * @param error the OAuth error code
   * @param errorDescription the provider's description, may be null
   */
  public AuthorizationErrorException(String error, String errorDescription) {
    super(
        "the provider returned error " + printable(error) + " to the callback",
        0,
        printable(error),
        null);
    this.errorDescription = errorDescription == null ? null : printable(errorDescription);
  }

  static String printable(String value) {
    if (value == null) {
      return "unknown";
    }
    String s = value.length() > 200 ? value.substring(0, 200) + "..." : value;
    return s.replaceAll("[^\\x20-\\x7E\\u00A0-\\u00FF]", "?");
  }

  /**
   * Returns the OAuth error code.
   *
   * @return for example {@code access_denied}
   */
  public String error() {
    return errorCode().orElse("unknown");
  }

  /**
   * Returns the provider's description of the error.
   *
   * @return the description (printable characters only), if sent
   */
  public Optional<String> errorDescription() {
    return Optional.ofNullable(errorDescription);
  }
}
