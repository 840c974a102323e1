package fr.socle.identity.internal;

import fr.socle.core.http.HttpResponse;
import fr.socle.core.json.Json;
import fr.socle.identity.IdentityProviderException;
import java.util.Map;

/**
 * A checked token endpoint response (RFC 6749 section 5.1).
 *
 * @param accessToken the access token, never empty
 * @param idToken the ID token, null when the grant returns none (refresh)
 * @param expiresInSeconds the access token's lifetime as the provider states it
 * @param refreshToken the refresh token, null if none was issued
 */
public record TokenResponse(
    String accessToken, String idToken, long expiresInSeconds, String refreshToken) {
  /**
   * Lifetime assumed when {@code expires_in} is absent: the shortest FranceConnect and ProConnect
   * use, so a token is never believed valid longer than it is.
   */
  public static final long DEFAULT_EXPIRES_IN_SECONDS = 60;

  /** Longer lifetimes are cut to this: no access token of these platforms lives a day. */
  static final long MAX_EXPIRES_IN_SECONDS = 24 * 3600;

  /** Never shows the tokens. */
  @Override
  public String toString() {
    return "TokenResponse[expiresIn=" + expiresInSeconds + "]";
  }

  /**
   * Parses and checks a response.
   *
   * @param response the HTTP response
   * @param json the JSON facade
   * @param idTokenRequired true for the authorization code grant
   * @return the response
   * @throws IdentityProviderException on an error, a missing token, a token type other than Bearer,
   *     or an {@code expires_in} that is not a positive number of seconds up to a day
   */
  public static TokenResponse parse(HttpResponse response, Json json, boolean idTokenRequired) {
    Map<String, Object> body = Responses.jsonObject(response, "token", json);
    Object accessToken = body.get("access_token");
    Object idToken = body.get("id_token");
    Object tokenType = body.get("token_type");
    if (!(accessToken instanceof String at) || at.isEmpty()) {
      throw fail("token response has no access_token", response);
    }
    if (idTokenRequired && !(idToken instanceof String)) {
      throw fail("token response has no id_token", response);
    }
    if (!(tokenType instanceof String tt) || !tt.equalsIgnoreCase("Bearer")) {
      throw fail("token response's token_type is not Bearer", response);
    }
    Object expiresIn = body.get("expires_in");
    long seconds = DEFAULT_EXPIRES_IN_SECONDS;
    if (expiresIn != null) {
      // Trust the provider's figure (ProConnect: up to an hour), but only in the safe direction: a
      // lifetime of zero or less means already expired, and more than a day is cut to a day.
      if (!(expiresIn instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
        throw fail("token response's expires_in is not a number of seconds", response);
      }
      seconds = Math.max(0, Math.min(n.longValue(), MAX_EXPIRES_IN_SECONDS));
    }
    Object refresh = body.get("refresh_token");
    if (refresh != null && !(refresh instanceof String r && !r.isEmpty())) {
      throw fail("token response's refresh_token is not a string", response);
    }
    return new TokenResponse(
        at, idToken instanceof String it ? it : null, seconds, (String) refresh);
  }

  private static IdentityProviderException fail(String message, HttpResponse response) {
    return new IdentityProviderException(message, response.status(), null, null);
  }
}
