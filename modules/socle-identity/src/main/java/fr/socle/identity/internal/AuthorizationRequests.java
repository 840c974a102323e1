package fr.socle.identity.internal;

import com.nimbusds.jose.util.Base64URL;
import fr.socle.core.json.Json;
import fr.socle.identity.Assurance;
import fr.socle.identity.AuthorizationErrorException;
import fr.socle.identity.InvalidCallbackException;
import fr.socle.identity.LoginCancelledException;
import fr.socle.identity.LoginOptions;
import fr.socle.identity.Scope;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The authorization request of a login and the checks of the callback that answers it. */
public final class AuthorizationRequests {
  private AuthorizationRequests() {}

  /**
   * What a login asks for.
   *
   * @param clientId the client id
   * @param redirectUri the registered redirect URI
   * @param scopes the scopes, {@code openid} first
   * @param state the state
   * @param nonce the nonce
   * @param codeVerifier the PKCE verifier, or null without PKCE
   * @param assurance the requirement, or null for none
   * @param options the login's options, already checked against the family
   */
  public record Request(
      String clientId,
      URI redirectUri,
      List<Scope> scopes,
      String state,
      String nonce,
      String codeVerifier,
      Assurance assurance,
      LoginOptions options) {
    @Override
    public String toString() {
      return "Request[clientId=" + clientId + "]";
    }
  }

  /**
   * Builds the query parameters of the authorization request, in a stable order.
   *
   * @param request what the login asks for
   * @param profile the family's rules (how an assurance is asked)
   * @param json the JSON writer
   * @return the parameters
   */
  public static Map<String, String> parameters(Request request, FamilyProfile profile, Json json) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("response_type", "code");
    params.put("client_id", request.clientId());
    params.put("redirect_uri", request.redirectUri().toString());
    params.put("scope", String.join(" ", request.scopes().stream().map(Scope::value).toList()));
    params.put("state", request.state());
    params.put("nonce", request.nonce());
    profile.addAssuranceParameters(request.assurance(), params, json);
    if (request.codeVerifier() != null) {
      params.put("code_challenge", s256(request.codeVerifier()));
      params.put("code_challenge_method", "S256");
    }
    LoginOptions options = request.options();
    if (!options.prompt().isEmpty()) {
      params.put(
          "prompt",
          String.join(" ", options.prompt().stream().map(LoginOptions.Prompt::value).toList()));
    }
    options.idpHint().ifPresent(v -> params.put("idp_hint", v));
    options.loginHint().ifPresent(v -> params.put("login_hint", v));
    options.siretHint().ifPresent(v -> params.put("siret_hint", v));
    if (!options.uiLocales().isEmpty()) {
      params.put(
          "ui_locales",
          String.join(" ", options.uiLocales().stream().map(Locale::toLanguageTag).toList()));
    }
    return params;
  }

  private static String s256(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64URL.encode(digest).toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /**
   * Checks a callback against the login transaction and returns its authorization code: RFC 9207
   * {@code iss} first (on success and error responses alike), then {@code state}, then an error
   * response, then the code.
   *
   * @param callbackParameters the decoded query parameters
   * @param meta the provider's metadata
   * @param tx the unsealed login transaction
   * @return the authorization code
   * @throws InvalidCallbackException if iss or state do not match, or neither code nor error came
   * @throws LoginCancelledException if the user cancelled ({@code access_denied})
   * @throws AuthorizationErrorException on another error callback
   */
  public static String authorizationCode(
      Map<String, String> callbackParameters, ProviderMetadata meta, LoginTransaction tx) {
    String iss = callbackParameters.get("iss");
    if (iss != null ? !iss.equals(meta.issuer()) : meta.issParameterSupported()) {
      throw new InvalidCallbackException(
          InvalidCallbackException.Reason.ISSUER_MISMATCH,
          iss == null
              ? "callback lacks the iss parameter the provider advertises"
              : "callback iss is not the provider's issuer (mix-up?)");
    }
    String state = callbackParameters.get("state");
    if (state == null
        || !MessageDigest.isEqual(
            state.getBytes(StandardCharsets.UTF_8), tx.state().getBytes(StandardCharsets.UTF_8))) {
      throw new InvalidCallbackException(
          InvalidCallbackException.Reason.STATE_MISMATCH,
          "callback state is missing or differs from the login transaction's");
    }
    String error = callbackParameters.get("error");
    if (error != null) {
      String description = callbackParameters.get("error_description");
      if ("access_denied".equals(error)) {
        throw new LoginCancelledException(description);
      }
      throw new AuthorizationErrorException(error, description);
    }
    String code = callbackParameters.get("code");
    if (code == null || code.isEmpty()) {
      throw new InvalidCallbackException(
          InvalidCallbackException.Reason.MALFORMED, "callback has neither code nor error");
    }
    return code;
  }
}
