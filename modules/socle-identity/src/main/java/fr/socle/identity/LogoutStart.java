package fr.socle.identity;

import fr.socle.core.SocleClientException;
import java.net.URI;

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
   * @throws SocleClientException if one is missing
   */
  public LogoutStart {
    if (logoutUri == null || state == null || state.isEmpty()) {
      throw new SocleClientException("logout URI and state are required");
    }
  }

  /** Redacts the ID token hint and the state. */
  @Override
  public String toString() {
    return "LogoutStart[" + fr.socle.core.Redaction.url(logoutUri) + "]";
  }
}
