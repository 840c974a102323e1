package fr.socle.testkit.franceconnect;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;

/**
 * {@code /interaction/{uid}[/login|/abort]}: the identity page of a pending login, where the test
 * (or a person, standalone) picks a test identity or cancels.
 */
final class InteractionEndpoint {
  static final String PREFIX = "/interaction/";

  private final Registration reg;
  private final String issuer;
  private final SimulatorState state;
  private final Exchanges out;
  private final Callbacks callbacks;
  private final Clock clock;

  InteractionEndpoint(
      Registration reg,
      String issuer,
      SimulatorState state,
      Exchanges out,
      Callbacks callbacks,
      Clock clock) {
    this.reg = reg;
    this.issuer = issuer;
    this.state = state;
    this.out = out;
    this.callbacks = callbacks;
    this.clock = clock;
  }

  /**
   * Answers one request.
   *
   * @param ex the exchange
   * @param method the upper-case HTTP method
   * @param rest the path after {@link #PREFIX}
   * @throws IOException if the answer cannot be written
   */
  void handle(HttpExchange ex, String method, String rest) throws IOException {
    String[] parts = rest.split("/", 2);
    SimulatorState.Pending pending = state.interactions.get(parts[0]);
    if (pending == null
        || pending
            .createdAt()
            .plus(SimulatorState.INTERACTION_LIFETIME)
            .isBefore(clock.instant())) {
      state.interactions.remove(parts[0]);
      out.errorPage(ex, 400, "Y190001", "Votre session a expiré, veuillez vous reconnecter.");
      return;
    }
    String action = parts.length > 1 ? parts[1] : "";
    if (action.isEmpty() && "GET".equals(method)) {
      Exchanges.send(
          ex,
          200,
          "text/html; charset=utf-8",
          Html.identityPage(
              reg.flavour(), issuer + PREFIX + parts[0], reg.clientId(), reg.users()));
      return;
    }
    if (!"POST".equals(method) || !(action.equals("login") || action.equals("abort"))) {
      out.errorPage(ex, 404, "Y000404", "Page introuvable");
      return;
    }
    Map<String, String> form;
    try {
      form = Forms.parse(Forms.readBody(ex.getRequestBody()));
    } catch (Forms.DuplicateParameterException e) {
      out.errorPage(ex, 400, "Y000400", e.getMessage());
      return;
    }
    Authentication auth = pending.auth();
    if (action.equals("abort")) {
      state.interactions.remove(parts[0]);
      Exchanges.redirect(
          ex,
          callbacks.error(auth.redirectUri(), "access_denied", "User auth aborted", auth.state()));
      return;
    }
    TestUser user = reg.user(form.getOrDefault("login", ""));
    if (user == null) {
      out.errorPage(ex, 400, "Y000400", "Identité de test inconnue.");
      return;
    }
    state.interactions.remove(parts[0]);
    Exchanges.redirect(ex, callbacks.issueCode(auth, user));
  }
}
