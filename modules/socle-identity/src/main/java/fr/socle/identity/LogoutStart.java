package fr.socle.identity;

import fr.socle.core.InvalidInputException;
import java.net.URI;
import java.util.Objects;

/**
 * The start of an RP-initiated logout: where to send the browser, and the state to compare with the
 * one the provider sends back to the post-logout redirect URI.
 *
 * @param logoutUri the provider's {@code end_session_endpoint} with {@code id_token_hint}, {@code
 *     state} and {@code post_logout_redirect_uri}
 * @param state the random state sent, to keep until the logout callback
 */
public record LogoutStart(URI logoutUri, String state) {
  /**
   * Checks that both values are present.
   *
   * @param logoutUri the provider's {@code end_session_endpoint} with {@code id_token_hint}, {@code
   *     state} and {@code post_logout_redirect_uri}
   * @param state the random state sent, to keep until the logout callback
   * @throws NullPointerException if one is null, naming it
   * @throws InvalidInputException if it is empty
   */
  public LogoutStart {
    Objects.requireNonNull(logoutUri, "logoutUri");
    Objects.requireNonNull(state, "state");
    if (state.isEmpty()) {
      throw new InvalidInputException("state must not be empty");
    }
  }

  /** Redacts the ID token hint and the state. */
  @Override
  public String toString() {
    return "LogoutStart[" + fr.socle.core.Redaction.url(logoutUri) + "]";
  }
}
