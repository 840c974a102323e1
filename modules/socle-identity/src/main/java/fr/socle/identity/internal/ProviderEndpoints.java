package fr.socle.identity.internal;

import fr.socle.core.Secret;
import fr.socle.core.http.HttpRequest;
import fr.socle.core.http.HttpResponse;
import fr.socle.core.http.HttpTransport;
import fr.socle.core.json.Json;
import fr.socle.identity.IdentityProviderException;
import fr.socle.identity.InvalidTokenException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The calls to the provider's token endpoint (code redemption, refresh) and userinfo endpoint, each
 * authenticated, capped in size and checked against the family's rules.
 *
 * <p>Thread-safe.
 */
public final class ProviderEndpoints {
  /** Token and userinfo responses are a few KiB; anything larger is refused. */
  private static final long MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;

  private final HttpTransport http;
  private final Json json;
  private final ClientAuthentication clientAuthentication;
  private final FamilyProfile profile;

  /**
   * Creates the endpoints.
   *
   * @param http the transport
   * @param json the JSON reader
   * @param clientAuthentication how the client authenticates at the token endpoint
   * @param profile the family's rules
   */
  public ProviderEndpoints(
      HttpTransport http,
      Json json,
      ClientAuthentication clientAuthentication,
      FamilyProfile profile) {
    this.http = Objects.requireNonNull(http, "http");
    this.json = Objects.requireNonNull(json, "json");
    this.clientAuthentication =
        Objects.requireNonNull(clientAuthentication, "clientAuthentication");
    this.profile = Objects.requireNonNull(profile, "profile");
  }

  /**
   * Redeems an authorization code.
   *
   * @param meta the provider's metadata
   * @param code the code of the callback
   * @param redirectUri the registered redirect URI
   * @param codeVerifier the PKCE verifier, or null
   * @return the tokens, with an ID token
   * @throws IdentityProviderException if the endpoint answers an error or something else than a
   *     token response
   */
  public TokenResponse redeem(
      ProviderMetadata meta, String code, URI redirectUri, String codeVerifier) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", redirectUri.toString());
    if (codeVerifier != null) {
      form.put("code_verifier", codeVerifier);
    }
    return TokenResponse.parse(tokenRequest(meta, form), json, true);
  }

  /**
   * Gets a new access token with a refresh token.
   *
   * @param meta the provider's metadata
   * @param refreshToken the refresh token
   * @return the tokens; an ID token, if any, is not required
   * @throws IdentityProviderException if the provider refuses or answers something else than a
   *     token response
   */
  public TokenResponse refresh(ProviderMetadata meta, Secret refreshToken) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken.reveal());
    return TokenResponse.parse(tokenRequest(meta, form), json, false);
  }

  private HttpResponse tokenRequest(ProviderMetadata meta, Map<String, String> form) {
    HttpRequest.Builder request =
        HttpRequest.post(meta.tokenEndpoint())
            .header("Accept", "application/json")
            .idempotent(false)
            .maxResponseBytes(MAX_TOKEN_RESPONSE_BYTES);
    clientAuthentication.apply(request, form, meta.tokenEndpoint());
    return http.execute(request.form(form).build());
  }

  /**
   * Fetches the userinfo claims of the user the access token was issued for.
   *
   * @param meta the provider's metadata (with a userinfo endpoint)
   * @param validator the validator of signed (and encrypted) responses
   * @param accessToken the access token
   * @param subject the ID token's subject, which the response must repeat
   * @return the claims
   * @throws IdentityProviderException if the endpoint answers an error or a format the family does
   *     not allow
   * @throws InvalidTokenException if the response fails a check
   */
  public Map<String, Object> userinfo(
      ProviderMetadata meta, TokenValidator validator, String accessToken, String subject) {
    HttpResponse response =
        http.execute(
            HttpRequest.get(meta.userinfoEndpoint())
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/jwt, application/json")
                .maxResponseBytes(MAX_TOKEN_RESPONSE_BYTES)
                .build());
    String type = response.mediaType().orElse("none");
    if (!response.isSuccessful()) {
      throw new IdentityProviderException(
          "userinfo endpoint answered an error",
          response.status(),
          null,
          response.correlationId().orElse(null));
    }
    if (type.equals("application/jwt")) {
      return validator.validateUserinfo(response.bodyAsString().trim(), subject).getClaims();
    }
    if (profile.acceptsJsonUserinfo()
        && (type.equals("application/json") || type.endsWith("+json"))) {
      Map<String, Object> claims = Responses.jsonObject(response, "userinfo", json);
      TokenValidator.requireSubject(claims.get("sub"), subject);
      return claims;
    }
    // FranceConnect v2 and ProConnect always sign userinfo: anything else is refused.
    throw new IdentityProviderException(
        "userinfo endpoint answered " + type + " instead of a signed JWT",
        response.status(),
        null,
        response.correlationId().orElse(null));
  }
}
