package fr.socle.testkit.onceonly;

import com.sun.net.httpserver.HttpExchange;
import fr.socle.core.json.Json;
import fr.socle.testkit.franceconnect.TokenIntrospection;
import fr.socle.testkit.onceonly.OnceOnlySimulator.Limit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;

/**
 * The HTTP side of the once-only simulator, in the order the real gateway applies it: the token
 * (or, for {@code /france_connect} routes, the FranceConnect token check), the per-token and per-IP
 * rate limits, the refusal of an identical call in flight, the misbehaviour asked for, then the API
 * Particulier or API Entreprise route. Logs every request it served.
 *
 * <p>Thread-safe: one instance serves every request thread of the simulator.
 */
final class OnceOnlyGateway {
  private static final Limit IP_LIMIT = new Limit(1000, Duration.ofMinutes(1));

  private final Clock clock;
  private final Set<String> particulierTokens;
  private final Set<String> entrepriseTokens;
  private final List<SimulatedHousehold> households;
  private final Map<String, Limit> limits;
  private final FranceConnectTokenResolver franceConnect;
  private final ServerLimits counters = new ServerLimits();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final List<ServedRequest> served = new CopyOnWriteArrayList<>();
  private final Json json = Json.create();
  private volatile Misbehaviour misbehaviour;
  private volatile ParticulierRoutes particulier;
  private volatile EntrepriseRoutes entreprise;

  OnceOnlyGateway(
      Clock clock,
      Set<String> particulierTokens,
      Set<String> entrepriseTokens,
      List<SimulatedHousehold> households,
      Map<String, Limit> limits,
      FranceConnectTokenResolver franceConnect) {
    this.clock = clock;
    this.particulierTokens = particulierTokens;
    this.entrepriseTokens = entrepriseTokens;
    this.households = households;
    this.limits = limits;
    this.franceConnect = franceConnect;
  }

  /** Sets the routes once the server is bound (API Entreprise links its files to the base URL). */
  void serve(ParticulierRoutes particulier, EntrepriseRoutes entreprise) {
    this.particulier = particulier;
    this.entreprise = entreprise;
  }

  void misbehave(Misbehaviour misbehaviour) {
    this.misbehaviour = misbehaviour;
  }

  /** Forgets misbehaviour, rate-limit counters and the request log. */
  void reset() {
    misbehaviour = null;
    counters.clear();
    served.clear();
  }

  List<ServedRequest> requests() {
    return List.copyOf(served);
  }

  void handle(HttpExchange ex) throws IOException {
    try (ex) {
      long arrived = clock.millis();
      String path = ex.getRequestURI().getRawPath();
      String rawQuery = ex.getRequestURI().getRawQuery();
      Query q = new Query(rawQuery);
      String token = bearer(ex).orElse("");
      String fp = token.isEmpty() ? "" : OnceOnlySimulator.fingerprint(token);
      Optional<Matcher> ent = EntrepriseRoutes.route(path);
      boolean part = ParticulierRoutes.handles(path);
      if (!"GET".equals(ex.getRequestMethod()) || (!part && ent.isEmpty())) {
        send(ex, 404, "text/plain", "Not Found".getBytes(StandardCharsets.UTF_8), Map.of());
        return;
      }
      String api = part ? "particulier" : "entreprise";
      String route = part ? path : EntrepriseRoutes.template(ent.get());
      String group = part ? "json" : EntrepriseRoutes.group(ent.get());
      Misbehaviour mb = misbehaviour;
      if (mb != null && mb.kind() == Misbehaviour.Kind.SILENT) {
        log(arrived, api, route, fp, group, 0);
        pause(mb.delay());
        return;
      }
      Map<String, String> headers = new HashMap<>();
      FranceConnectCall fc =
          part && ParticulierRoutes.franceConnect(path) ? franceConnectCall(path, token) : null;
      Answer answer = fc != null ? fc.refusal() : authorize(api, path, token);
      if (answer == null) {
        answer = throttle(api, group, fp, ex, headers, arrived);
      }
      if (answer == null && mb != null && mb.kind() == Misbehaviour.Kind.RATE_LIMITED) {
        answer = Answer.tooManyRequests(Math.max(1, mb.delay().toSeconds()));
      }
      if (answer == null) {
        String key = fp + ' ' + path + '?' + rawQuery;
        if (!inFlight.add(key)) {
          answer = Answer.conflict();
        } else {
          try {
            if (mb != null && mb.kind() == Misbehaviour.Kind.SLOW) {
              pause(mb.delay());
            }
            answer = route(path, q, ent, fc == null ? Optional.empty() : fc.household(), mb);
          } finally {
            inFlight.remove(key);
          }
        }
      }
      if (answer.status() == 429) {
        headers.put("Retry-After", Long.toString(answer.retryAfterSeconds()));
      }
      log(arrived, api, route, fp, group, answer.status());
      if (answer.body() instanceof byte[] raw) {
        send(ex, answer.status(), "text/html", raw, headers);
      } else {
        send(ex, answer.status(), "application/json", json.write(answer.body()), headers);
      }
    }
  }

  private Answer authorize(String api, String path, String token) {
    if (api.equals("entreprise")) {
      return entrepriseTokens.contains(token) ? null : Answer.invalidToken();
    }
    return particulierTokens.contains(token) ? null : Answer.invalidToken();
  }

  private Answer throttle(
      String api, String group, String fp, HttpExchange ex, Map<String, String> headers, long now) {
    ServerLimits.Verdict ip =
        counters.count(
            api + ":ip:" + ex.getRemoteAddress().getAddress().getHostAddress(),
            IP_LIMIT.permits(),
            IP_LIMIT.period(),
            now);
    Limit limit = limits.get(api + ":" + group);
    ServerLimits.Verdict v =
        counters.count(api + ":" + fp + ":" + group, limit.permits(), limit.period(), now);
    headers.put("RateLimit-Limit", Integer.toString(v.limit()));
    headers.put("RateLimit-Remaining", Integer.toString(v.remaining()));
    headers.put("RateLimit-Reset", Long.toString(v.resetEpochSeconds()));
    if (!v.allowed()) {
      return Answer.tooManyRequests(Math.max(1, v.resetEpochSeconds() - now / 1000));
    }
    if (!ip.allowed()) {
      return Answer.tooManyRequests(Math.max(1, ip.resetEpochSeconds() - now / 1000));
    }
    return null;
  }

  /** A {@code /france_connect} call: refused (401, 403), or the household of the token's user. */
  private record FranceConnectCall(Answer refusal, Optional<SimulatedHousehold> household) {}

  /**
   * Checks a FranceConnect token as the real API does: the catalogue's fixed {@code FC_TOKEN_*}
   * tokens stand for their household with every scope; any other token is sent to the {@link
   * FranceConnectTokenResolver}, if one is set, and the household is found by the pivot identity
   * FranceConnect returns (mocks/README.md "Appels avec FranceConnect").
   */
  private FranceConnectCall franceConnectCall(String path, String token) {
    Optional<SimulatedHousehold> fixed = fcHousehold(token);
    if (fixed.isPresent() || token.equals(OnceOnlySimulator.FC_TOKEN_SANS_DOSSIER)) {
      return new FranceConnectCall(null, fixed);
    }
    if (franceConnect == null || token.isEmpty()) {
      return new FranceConnectCall(Answer.invalidToken(), Optional.empty());
    }
    Optional<TokenIntrospection> checked = franceConnect.resolve(token);
    if (checked.isEmpty()) {
      return new FranceConnectCall(Answer.invalidToken(), Optional.empty());
    }
    if (!checked.get().active()) {
      return new FranceConnectCall(Answer.expiredToken(), Optional.empty());
    }
    Optional<String> query = FranceConnectScopes.pivotQuery(checked.get().claims());
    if (!FranceConnectScopes.allows(path, checked.get().scopes()) || query.isEmpty()) {
      return new FranceConnectCall(Answer.insufficientPrivileges(), Optional.empty());
    }
    return new FranceConnectCall(null, particulier.match(new Query(query.get())));
  }

  private Answer route(
      String path,
      Query q,
      Optional<Matcher> ent,
      Optional<SimulatedHousehold> fcHousehold,
      Misbehaviour mb) {
    if (mb != null && mb.kind() == Misbehaviour.Kind.GARBAGE) {
      return new Answer(
          200,
          "<html><body>Service indisponible</body></html>".getBytes(StandardCharsets.UTF_8),
          0);
    }
    if (mb != null && mb.kind() == Misbehaviour.Kind.PROVIDER_DOWN) {
      return Answer.error(
          mb.status(),
          mb.status() == 504 ? "37002" : "37999",
          mb.status() == 504
              ? "Intermédiaire hors-délai"
              : "Erreur inconnue du fournisseur de données",
          "Le fournisseur de données n'a pas répondu correctement.",
          null,
          Map.of("provider", "CNAV", "retry_in", 10));
    }
    if (ent.isPresent()) {
      return entreprise.answer(ent.get(), q);
    }
    return particulier.answer(path, q, fcHousehold);
  }

  private Optional<SimulatedHousehold> fcHousehold(String token) {
    return households.stream()
        .filter(h -> h.franceConnectToken().map(token::equals).orElse(false))
        .findFirst();
  }

  private static Optional<String> bearer(HttpExchange ex) {
    String h = ex.getRequestHeaders().getFirst("Authorization");
    return h != null && h.startsWith("Bearer ")
        ? Optional.of(h.substring(7).trim())
        : Optional.empty();
  }

  private void log(long at, String api, String route, String fp, String group, int status) {
    served.add(
        new ServedRequest(java.time.Instant.ofEpochMilli(at), api, route, fp, group, status));
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(
      HttpExchange ex, int status, String type, byte[] body, Map<String, String> headers)
      throws IOException {
    headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    ex.getResponseHeaders().set("X-Response-Cached", "false");
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
