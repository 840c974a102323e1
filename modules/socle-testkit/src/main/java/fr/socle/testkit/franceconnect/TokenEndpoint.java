package fr.socle.testkit.franceconnect;

import com.sun.net.httpserver.HttpExchange;
import fr.socle.core.SocleException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code /token}: redeems a code once (a replay revokes what the first use obtained), checks PKCE
 * and the redirect URI, mints the ID token; on ProConnect, also the refresh grant.
 */
final class TokenEndpoint implements Endpoint {
  private final Registration reg;
  private final SimulatorState state;
  private final Exchanges out;
  private final ClientAuthenticator clients;
  private final TokenMinter minter;
  private final Clock clock;

  TokenEndpoint(
      Registration reg,
      SimulatorState state,
      Exchanges out,
      ClientAuthenticator clients,
      TokenMinter minter,
      Clock clock) {
    this.reg = reg;
    this.state = state;
    this.out = out;
    this.clients = clients;
    this.minter = minter;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange ex, String method) throws IOException {
    if (!"POST".equals(method)) {
      out.oauthError(ex, 405, "invalid_request", "the token endpoint only accepts POST");
      return;
    }
    if (ex.getRequestHeaders().getFirst("Authorization") != null) {
      // client_secret_basic is not the registered method (spec §1.4, Y044D82C).
      out.oauthError(
          ex,
          401,
          "invalid_client",
          "the provided authentication mechanism does not match the registered client"
              + " authentication method");
      return;
    }
    Map<String, String> p = out.formBody(ex);
    if (p == null) {
      return;
    }
    state.purge(clock.instant());
    Map<String, String> recorded = new LinkedHashMap<>(p);
    recorded.computeIfPresent("client_secret", (k, v) -> "<redacted>");
    state.lastToken.set(Map.copyOf(recorded));
    Set<Misbehaviour> m = state.active();
    if (m.contains(Misbehaviour.HTML_ERROR_PAGE)) {
      out.technicalError(ex, 500);
      return;
    }
    String authError = clients.error(p);
    if (authError != null) {
      out.oauthError(ex, 401, "invalid_client", authError);
      return;
    }
    if (reg.flavour() == Flavour.PROCONNECT && "refresh_token".equals(p.get("grant_type"))) {
      refresh(ex, p);
      return;
    }
    if (!"authorization_code".equals(p.get("grant_type"))) {
      out.oauthError(ex, 400, "unsupported_grant_type", "unsupported grant_type requested");
      return;
    }
    redeem(ex, p, m);
  }

  private void redeem(HttpExchange ex, Map<String, String> p, Set<Misbehaviour> m)
      throws IOException {
    String codeValue = p.get("code");
    if (codeValue == null) {
      out.oauthError(ex, 400, "invalid_request", "missing required parameter 'code'");
      return;
    }
    SimulatorState.Code code = state.codes.remove(codeValue);
    if (code == null) {
      if (state.usedCodes.containsKey(codeValue)) {
        // Replay: revoke what the first use obtained (RFC 6749 §4.1.2).
        state.revokeGrantsOf(codeValue);
      }
      out.oauthError(ex, 400, "invalid_grant", "grant request is invalid");
      return;
    }
    Instant now = clock.instant();
    state.usedCodes.put(codeValue, now);
    if (code.issuedAt().plus(SimulatorState.CODE_LIFETIME).isBefore(now)) {
      out.oauthError(
          ex, 400, "invalid_grant", "grant request is invalid (authorization code expired)");
      return;
    }
    Authentication auth = code.auth();
    if (!auth.redirectUri().equals(p.get("redirect_uri"))) {
      out.oauthError(ex, 400, "invalid_grant", "grant request is invalid (redirect_uri mismatch)");
      return;
    }
    if (auth.codeChallenge() != null
        && !pkceMatches(auth.codeChallenge(), p.get("code_verifier"))) {
      out.oauthError(ex, 400, "invalid_grant", "PKCE verification failed");
      return;
    }
    String accessToken = state.randomToken(32);
    long lifetime = accessTokenLifetimeSeconds();
    Authentication granted =
        m.contains(Misbehaviour.DATA_SCOPES_NOT_GRANTED)
            ? auth.withScopes(
                auth.scopes().stream()
                    .filter(s -> !ClaimCatalogue.DATA_PROVIDER_SCOPES.contains(s))
                    .toList())
            : auth;
    state.accessTokens.put(
        accessToken, new SimulatorState.Access(granted, now.plusSeconds(lifetime), codeValue));
    TokenMinter.IdToken idToken = minter.idToken(auth, accessToken, m);
    state.issuedIdTokens.put(idToken.compact(), new SimulatorState.Hint(auth.sid(), now));
    state.issuedIdTokens.put(idToken.innerJws(), new SimulatorState.Hint(auth.sid(), now));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", accessToken);
    body.put("expires_in", lifetime);
    body.put("id_token", idToken.compact());
    if (reg.flavour() == Flavour.PROCONNECT) {
      String refreshToken = state.randomToken(32);
      state.refreshTokens.put(
          refreshToken,
          new SimulatorState.Access(auth, now.plus(SimulatorState.REFRESH_LIFETIME), codeValue));
      body.put("refresh_token", refreshToken);
    }
    body.put("scope", String.join(" ", auth.scopes()));
    body.put("token_type", "Bearer");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    out.sendJson(ex, 200, body);
  }

  /**
   * ProConnect's access tokens live an hour (implementation_technique.md, 2026), FranceConnect's 60
   * seconds (ttl.AccessToken in core-fcp-{low,high} oidc-provider.ts).
   */
  private long accessTokenLifetimeSeconds() {
    return reg.flavour() == Flavour.PROCONNECT
        ? SimulatorState.PROCONNECT_ACCESS_TOKEN_LIFETIME.toSeconds()
        : TokenMinter.TOKEN_LIFETIME_SECONDS;
  }

  /** ProConnect's refresh grant (refresh-token.md, 2025): a new access token, same session. */
  private void refresh(HttpExchange ex, Map<String, String> p) throws IOException {
    String value = p.get("refresh_token");
    SimulatorState.Access granted = value == null ? null : state.refreshTokens.get(value);
    Instant now = clock.instant();
    if (granted == null || granted.expiresAt().isBefore(now)) {
      out.oauthError(ex, 400, "invalid_grant", "grant request is invalid");
      return;
    }
    String accessToken = state.randomToken(32);
    long lifetime = accessTokenLifetimeSeconds();
    state.accessTokens.put(
        accessToken,
        new SimulatorState.Access(granted.auth(), now.plusSeconds(lifetime), granted.code()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", accessToken);
    body.put("expires_in", lifetime);
    body.put("scope", String.join(" ", granted.auth().scopes()));
    body.put("token_type", "Bearer");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    out.sendJson(ex, 200, body);
  }

  private static boolean pkceMatches(String challenge, String verifier) {
    if (verifier == null || !verifier.matches("[A-Za-z0-9._~-]{43,128}")) {
      return false;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      String computed = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
      return MessageDigest.isEqual(
          computed.getBytes(StandardCharsets.US_ASCII),
          challenge.getBytes(StandardCharsets.US_ASCII));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new SocleException("SHA-256 is missing from the JDK", e);
    }
  }
}
