package fr.socle.testkit.franceconnect;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /authorize}: checks the client, the redirect URI and the parameters as the platform does,
 * then shows the identity page (or logs the preselected user in at once).
 */
final class AuthorizeEndpoint implements Endpoint {
  private final Registration reg;
  private final String issuer;
  private final SimulatorState state;
  private final Exchanges out;
  private final Callbacks callbacks;
  private final AuthorizeRules rules;
  private final Clock clock;

  AuthorizeEndpoint(
      Registration reg,
      String issuer,
      SimulatorState state,
      Exchanges out,
      Callbacks callbacks,
      AuthorizeRules rules,
      Clock clock) {
    this.reg = reg;
    this.issuer = issuer;
    this.state = state;
    this.out = out;
    this.callbacks = callbacks;
    this.rules = rules;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange ex, String method) throws IOException {
    Map<String, String> p;
    try {
      p = out.requestParameters(ex, method);
    } catch (Forms.DuplicateParameterException e) {
      out.errorPage(ex, 400, reg.formatErrorCode(), e.getMessage());
      return;
    }
    if (p == null) {
      return;
    }
    state.lastAuthorize.set(Map.copyOf(p));
    state.purge(clock.instant());
    // Client and redirect_uri first: until both are known, nothing may be redirected (RFC 6749
    // §4.1.2.1).
    if (!reg.clientId().equals(p.get("client_id"))) {
      out.errorPage(ex, 400, "Y04EA6EF", "Le fournisseur de service est inconnu (client_id).");
      return;
    }
    String redirectUri = p.get("redirect_uri");
    if (redirectUri == null || !reg.redirectUris().contains(redirectUri)) {
      out.errorPage(
          ex,
          400,
          reg.redirectUriErrorCode(),
          "L'URL de retour (redirect_uri) n'est pas déclarée pour ce fournisseur de service.");
      return;
    }
    if (p.containsKey("idp_hint") && reg.flavour() != Flavour.PROCONNECT) {
      out.errorPage(
          ex, 400, "Y030032", "idp_hint n'est pas autorisé pour ce fournisseur de service.");
      return;
    }
    String invalid = rules.invalidParameter(p);
    if (invalid != null) {
      out.errorPage(ex, 400, reg.formatErrorCode(), invalid);
      return;
    }
    List<String> scopes = List.of(p.get("scope").trim().split("[ +]+"));
    for (String scope : scopes) {
      if (!reg.grantedScopes().contains(scope)) {
        out.errorPage(
            ex,
            400,
            "Y044D706",
            "Un scope demandé n'est pas autorisé pour ce fournisseur de service.");
        return;
      }
    }
    String rpState = p.get("state");
    Set<String> prompts = Set.of(p.getOrDefault("prompt", "").trim().split(" +"));
    if (reg.flavour() == Flavour.PROCONNECT && prompts.contains("none")) {
      // The simulator keeps no single sign-on session: a silent login can never succeed.
      Exchanges.redirect(
          ex,
          callbacks.error(
              redirectUri, "login_required", "End-User authentication is required", rpState));
      return;
    }
    String acr = rules.grantedAcr(p);
    if (acr == null) {
      Exchanges.redirect(
          ex,
          callbacks.error(
              redirectUri, "invalid_request", "Y100002 acr_values not supported", rpState));
      return;
    }
    Authentication auth =
        new Authentication(
            redirectUri,
            scopes,
            rpState,
            p.getOrDefault("nonce", ""),
            acr,
            rules.amrRequested(p, scopes),
            p.get("code_challenge"),
            null,
            null,
            null);
    TestUser preselected = state.selectedUser.get();
    if (preselected != null) {
      Exchanges.redirect(ex, callbacks.issueCode(auth, preselected));
      return;
    }
    String uid = state.randomToken(16);
    state.interactions.put(uid, new SimulatorState.Pending(auth, clock.instant()));
    Exchanges.redirect(ex, issuer + "/interaction/" + uid);
  }
}
