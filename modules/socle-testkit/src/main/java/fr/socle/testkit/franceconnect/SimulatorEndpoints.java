package fr.socle.testkit.franceconnect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import fr.socle.core.json.Json;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the simulator: routes each path under {@value #BASE} to its endpoint handler,
 * like the platform's routes, and turns a handler's failure into the platform's error pages. The
 * handlers share one {@link SimulatorState}.
 */
final class SimulatorEndpoints implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatorEndpoints.class);
  static final String BASE = "/api/v2";

  private final SimulatorState state = new SimulatorState();
  private final Json json = Json.create();
  private final Exchanges out = new Exchanges(json);
  private final Map<String, Endpoint> routes;
  private final InteractionEndpoint interaction;

  SimulatorEndpoints(
      Registration reg,
      String issuer,
      SigningKeys keys,
      TokenMinter minter,
      ClientAssertions assertions,
      Clock clock) {
    Callbacks callbacks = new Callbacks(issuer, state, clock);
    ClientAuthenticator clients = new ClientAuthenticator(reg, issuer, assertions);
    AuthorizeRules rules = new AuthorizeRules(reg, json);
    this.routes =
        Map.of(
            "/.well-known/openid-configuration",
            new DiscoveryEndpoint(reg, issuer, state, out).getOnly(),
            "/jwks",
            new JwksEndpoint(keys, state, out).getOnly(),
            "/authorize",
            new AuthorizeEndpoint(reg, issuer, state, out, callbacks, rules, clock),
            "/token",
            new TokenEndpoint(reg, state, out, clients, minter, clock),
            "/userinfo",
            new UserinfoEndpoint(reg, issuer, state, out, minter, clock),
            "/session/end",
            new LogoutEndpoint(reg, state, out).getOnly(),
            "/token/revocation",
            new RevocationEndpoint(state, out, clients));
    this.interaction = new InteractionEndpoint(reg, issuer, state, out, callbacks, clock);
  }

  /** The state the simulator's test controls act on. */
  SimulatorState state() {
    return state;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    // Not try-with-resources: the error pages below must be sent before the exchange is closed.
    try {
      route(ex);
    } catch (Forms.BodyTooLargeException e) {
      out.errorPage(ex, 413, "Y000400", "Requête trop volumineuse.");
    } catch (RuntimeException e) {
      LOG.warn("simulator failure on {}", ex.getRequestURI().getRawPath(), e);
      if (ex.getResponseCode() == -1) {
        out.technicalError(ex, 500);
      }
    } finally {
      ex.close();
    }
  }

  private void route(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
    if (!path.startsWith(BASE + "/")) {
      out.errorPage(ex, 404, "Y000404", "Page introuvable");
      return;
    }
    String route = path.substring(BASE.length());
    LOG.debug("{} {}", method, route);
    Endpoint endpoint = routes.get(route);
    if (endpoint != null) {
      endpoint.handle(ex, method);
    } else if (route.startsWith(InteractionEndpoint.PREFIX)) {
      interaction.handle(ex, method, route.substring(InteractionEndpoint.PREFIX.length()));
    } else {
      out.errorPage(ex, 404, "Y000404", "Page introuvable");
    }
  }
}
