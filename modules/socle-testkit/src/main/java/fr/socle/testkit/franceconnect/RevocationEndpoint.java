package fr.socle.testkit.franceconnect;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;

/** {@code /token/revocation}: RFC 7009 revocation of an access or refresh token. */
final class RevocationEndpoint implements Endpoint {
  private final SimulatorState state;
  private final Exchanges out;
  private final ClientAuthenticator clients;

  RevocationEndpoint(SimulatorState state, Exchanges out, ClientAuthenticator clients) {
    this.state = state;
    this.out = out;
    this.clients = clients;
  }

  @Override
  public void handle(HttpExchange ex, String method) throws IOException {
    if (!"POST".equals(method)) {
      out.oauthError(ex, 405, "invalid_request", "the revocation endpoint only accepts POST");
      return;
    }
    Map<String, String> p = out.formBody(ex);
    if (p == null) {
      return;
    }
    String authError = clients.error(p);
    if (authError != null) {
      out.oauthError(ex, 401, "invalid_client", authError);
      return;
    }
    String token = p.get("token");
    if (token == null) {
      out.oauthError(ex, 400, "invalid_request", "missing required parameter 'token'");
      return;
    }
    state.accessTokens.remove(token);
    state.refreshTokens.remove(token);
    Exchanges.send(ex, 200, "text/plain; charset=utf-8", "");
  }
}
