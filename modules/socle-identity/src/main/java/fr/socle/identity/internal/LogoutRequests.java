package fr.socle.identity.internal;

import fr.socle.identity.InvalidCallbackException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/** RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): the URL and the return check. */
public final class LogoutRequests {
  private LogoutRequests() {}

  /**
   * Builds the logout URL: the {@code end_session_endpoint} with {@code id_token_hint}, {@code
   * state} and {@code post_logout_redirect_uri} (FranceConnect requires all three).
   *
   * @param endSessionEndpoint the provider's endpoint
   * @param idTokenHint the ID token received at login
   * @param state a fresh state
   * @param postLogoutRedirectUri the registered post-logout URI
   * @return the URL
   */
  public static URI logoutUri(
      URI endSessionEndpoint, String idTokenHint, String state, URI postLogoutRedirectUri) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("id_token_hint", idTokenHint);
    params.put("state", state);
    params.put("post_logout_redirect_uri", postLogoutRedirectUri.toString());
    return QueryStrings.withQuery(endSessionEndpoint, params);
  }

  /**
   * Checks the redirect back to the post-logout URI. The provider should return the state sent, but
   * FranceConnect has omitted it before: a missing state is tolerated (the local session must have
   * been closed before redirecting anyway), a different one is not.
   *
   * @param callbackParameters the decoded query parameters of the post-logout redirect
   * @param expectedState the state sent, or null
   * @return true if the provider confirmed with the expected state, false if it sent no state
   * @throws InvalidCallbackException if the state differs
   */
  public static boolean verifyCallback(
      Map<String, String> callbackParameters, String expectedState) {
    String state = callbackParameters.get("state");
    if (state == null || state.isEmpty()) {
      return false;
    }
    if (expectedState == null
        || !MessageDigest.isEqual(
            state.getBytes(StandardCharsets.UTF_8),
            expectedState.getBytes(StandardCharsets.UTF_8))) {
      throw new InvalidCallbackException(
          InvalidCallbackException.Reason.STATE_MISMATCH, "logout callback state differs");
    }
    return true;
  }
}
