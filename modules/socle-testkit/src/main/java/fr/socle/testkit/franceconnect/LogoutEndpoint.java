package fr.socle.testkit.franceconnect;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /session/end}: RP-initiated logout, with FranceConnect's checks and error codes. */
final class LogoutEndpoint implements Endpoint {
  private final Registration reg;
  private final SimulatorState state;
  private final Exchanges out;

  LogoutEndpoint(Registration reg, SimulatorState state, Exchanges out) {
    this.reg = reg;
    this.state = state;
    this.out = out;
  }

  @Override
  public void handle(HttpExchange ex, String method) throws IOException {
    Map<String, String> p;
    try {
      p = Forms.parse(ex.getRequestURI().getRawQuery());
    } catch (Forms.DuplicateParameterException e) {
      out.errorPage(ex, 400, "Y000400", e.getMessage());
      return;
    }
    String hint = p.get("id_token_hint");
    if (hint == null || hint.isBlank()) {
      out.errorPage(ex, 400, "Y000400", "Le paramètre id_token_hint est obligatoire.");
      return;
    }
    SimulatorState.Hint issued = state.issuedIdTokens.get(hint);
    if (issued == null) {
      out.errorPage(
          ex, 400, "Y0429C91", "id_token_hint n'a pas été émis pour ce fournisseur de service.");
      return;
    }
    String postLogout = p.get("post_logout_redirect_uri");
    String rpState = p.get("state");
    boolean noState = rpState == null || rpState.isBlank();
    if (reg.strictLogout() && (postLogout == null || noState)) {
      // The partner documentation makes both mandatory and the qualification checks them; the
      // server does not (strict mode only).
      out.errorPage(
          ex,
          400,
          "Y000400",
          "Les paramètres state et post_logout_redirect_uri sont obligatoires.");
      return;
    }
    if (postLogout != null && !reg.postLogoutRedirectUris().contains(postLogout)) {
      out.errorPage(
          ex,
          400,
          "Y030111",
          "post_logout_redirect_uri n'est pas déclarée pour ce fournisseur de service.");
      return;
    }
    state.endSession(issued.sid());
    if (postLogout == null) {
      // Without a post-logout URI the provider ends on its own "logged out" page.
      Exchanges.send(ex, 200, "text/html; charset=utf-8", Html.loggedOut());
      return;
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (state.misbehaviours.contains(Misbehaviour.LOGOUT_OTHER_STATE)) {
      params.put("state", state.randomToken(32));
    } else if (!noState && !state.misbehaviours.contains(Misbehaviour.LOGOUT_WITHOUT_STATE)) {
      params.put("state", rpState);
    }
    Exchanges.redirect(ex, params.isEmpty() ? postLogout : Forms.appendQuery(postLogout, params));
  }
}
