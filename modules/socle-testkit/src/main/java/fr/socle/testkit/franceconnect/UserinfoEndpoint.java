package fr.socle.testkit.franceconnect;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/** {@code /userinfo}: the claims of a valid access token, signed (and encrypted on FC+). */
final class UserinfoEndpoint implements Endpoint {
  private final Registration reg;
  private final String issuer;
  private final SimulatorState state;
  private final Exchanges out;
  private final TokenMinter minter;
  private final Clock clock;

  UserinfoEndpoint(
      Registration reg,
      String issuer,
      SimulatorState state,
      Exchanges out,
      TokenMinter minter,
      Clock clock) {
    this.reg = reg;
    this.issuer = issuer;
    this.state = state;
    this.out = out;
    this.minter = minter;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange ex, String method) throws IOException {
    if (!"GET".equals(method) && !"POST".equals(method)) {
      out.oauthError(ex, 405, "invalid_request", "method not allowed");
      return;
    }
    Map<String, String> query;
    try {
      query = Forms.parse(ex.getRequestURI().getRawQuery());
    } catch (Forms.DuplicateParameterException e) {
      out.oauthError(ex, 400, "invalid_request", e.getMessage());
      return;
    }
    String queryToken = query.get("access_token");
    if (queryToken != null && reg.flavour() == Flavour.PROCONNECT) {
      out.oauthError(
          ex, 400, "invalid_request", "access tokens must not be provided via query parameter");
      return;
    }
    Set<Misbehaviour> m = state.active();
    if (m.contains(Misbehaviour.HTML_ERROR_PAGE)) {
      out.technicalError(ex, 500);
      return;
    }
    String authorization = ex.getRequestHeaders().getFirst("Authorization");
    boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    if (bearer && queryToken != null) {
      out.oauthError(
          ex, 400, "invalid_request", "access token must only be provided using one mechanism");
      return;
    }
    // FranceConnect and FranceConnect+ accept the token in the query too
    // (acceptQueryParamAccessTokens: true in france-connect sources:
    // back/instances/core-fcp-{low,high}/src/config/oidc-provider.ts); the simulator records it so
    // that a relying party's tests can check it sends the header (OpenID RP conformance).
    if (!bearer && queryToken == null) {
      ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"" + issuer + "\"");
      out.oauthError(ex, 401, "invalid_token", "no access token provided");
      return;
    }
    state.lastUserinfoTokenInQuery.set(!bearer);
    SimulatorState.Access access =
        state.accessTokens.get(bearer ? authorization.substring(7).trim() : queryToken);
    if (access == null || access.expiresAt().isBefore(clock.instant())) {
      ex.getResponseHeaders()
          .set("WWW-Authenticate", "Bearer realm=\"" + issuer + "\", error=\"invalid_token\"");
      out.oauthError(ex, 401, "invalid_token", "invalid token provided");
      return;
    }
    TokenMinter.Userinfo info = minter.userinfo(access.auth(), m);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    Exchanges.send(
        ex,
        200,
        info.jwt() ? "application/jwt; charset=utf-8" : "application/json; charset=utf-8",
        info.body());
  }
}
