package fr.socle.testkit.franceconnect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import fr.socle.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP side of the simulator: one handler dispatching on the path, like the real routes. */
final class SimulatorEndpoints implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatorEndpoints.class);
  static final String BASE = "/api/v2";
  static final Duration CODE_LIFETIME = Duration.ofSeconds(30);
  static final Duration INTERACTION_LIFETIME = Duration.ofMinutes(30);

  private final Registration reg;
  private final String issuer;
  private final SigningKeys keys;
  private final TokenMinter minter;
  private final Clock clock;
  private final Json json = Json.create();
  private final SecureRandom random = new SecureRandom();
  private final AuthorizeRules rules;

  final Set<Misbehaviour> misbehaviours = new CopyOnWriteArraySet<>();
  final AtomicReference<TestUser> selectedUser = new AtomicReference<>();
  final AtomicReference<String> authenticationLevel = new AtomicReference<>();
  final AtomicReference<Map<String, String>> lastAuthorize = new AtomicReference<>(Map.of());
  final AtomicReference<Map<String, String>> lastToken = new AtomicReference<>(Map.of());
  final java.util.concurrent.atomic.AtomicBoolean lastUserinfoTokenInQuery =
      new java.util.concurrent.atomic.AtomicBoolean();

  private record Pending(Authentication auth, Instant createdAt) {}

  private record Code(Authentication auth, Instant issuedAt) {}

  private record Access(Authentication auth, Instant expiresAt, String code) {}

  private final Map<String, Pending> interactions = new ConcurrentHashMap<>();
  private final Map<String, Code> codes = new ConcurrentHashMap<>();
  private final Map<String, Instant> usedCodes = new ConcurrentHashMap<>();
  private final Map<String, Access> accessTokens = new ConcurrentHashMap<>();
  private final Map<String, Access> refreshTokens = new ConcurrentHashMap<>();
  private final ClientAssertions assertions;

  static final Duration PROCONNECT_ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);
  static final Duration REFRESH_LIFETIME = Duration.ofHours(2);

  private record Hint(String sid, Instant issuedAt) {}

  /** ID tokens issued, accepted as logout hints (JWE and inner JWS on FranceConnect+). */
  private final Map<String, Hint> issuedIdTokens = new ConcurrentHashMap<>();

  /** How long a spent code is remembered (to revoke on replay) and an ID token accepted as hint. */
  static final Duration USED_CODE_MEMORY = Duration.ofMinutes(10);

  static final Duration HINT_MEMORY = Duration.ofHours(12);

  SimulatorEndpoints(
      Registration reg,
      String issuer,
      SigningKeys keys,
      TokenMinter minter,
      ClientAssertions assertions,
      Clock clock) {
    this.reg = reg;
    this.assertions = assertions;
    this.issuer = issuer;
    this.keys = keys;
    this.minter = minter;
    this.clock = clock;
    this.rules = new AuthorizeRules(reg, json);
  }

  Set<Misbehaviour> active() {
    return misbehaviours.isEmpty()
        ? EnumSet.noneOf(Misbehaviour.class)
        : EnumSet.copyOf(misbehaviours);
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    // Not try-with-resources: the error pages below must be sent before the exchange is closed.
    try {
      route(ex);
    } catch (Forms.BodyTooLargeException e) {
      errorPage(ex, 413, "Y000400", "Requête trop volumineuse.");
    } catch (RuntimeException e) {
      LOG.warn("simulator failure on {}", ex.getRequestURI().getRawPath(), e);
      if (ex.getResponseCode() == -1) {
        send(ex, 500, "text/html; charset=utf-8", Html.technicalError());
      }
    } finally {
      ex.close();
    }
  }

  private void route(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
    if (!path.startsWith(BASE + "/")) {
      errorPage(ex, 404, "Y000404", "Page introuvable");
      return;
    }
    String route = path.substring(BASE.length());
    LOG.debug("{} {}", method, route);
    switch (route) {
      case "/.well-known/openid-configuration" ->
          onlyGet(
              ex,
              method,
              e ->
                  sendJson(
                      e,
                      200,
                      DiscoveryDocument.of(
                          reg,
                          issuer,
                          misbehaviours.contains(Misbehaviour.DISCOVERY_ISSUER_MISMATCH))));
      case "/jwks" -> onlyGet(ex, method, this::jwks);
      case "/authorize" -> authorize(ex, method);
      case "/token" -> token(ex, method);
      case "/userinfo" -> userinfo(ex, method);
      case "/session/end" -> onlyGet(ex, method, this::logout);
      case "/token/revocation" -> revocation(ex, method);
      default -> {
        if (route.startsWith("/interaction/")) {
          interaction(ex, method, route.substring("/interaction/".length()));
        } else {
          errorPage(ex, 404, "Y000404", "Page introuvable");
        }
      }
    }
  }

  private interface Handler {
    void handle(HttpExchange ex) throws IOException;
  }

  private void onlyGet(HttpExchange ex, String method, Handler handler) throws IOException {
    if (!"GET".equals(method)) {
      ex.getResponseHeaders().set("Allow", "GET");
      send(ex, 405, "text/plain; charset=utf-8", "method not allowed");
      return;
    }
    handler.handle(ex);
  }

  // ---------------------------------------------------------------- discovery and keys

  private void jwks(HttpExchange ex) throws IOException {
    if (misbehaviours.contains(Misbehaviour.JWKS_DOWN)) {
      send(ex, 503, "text/html; charset=utf-8", Html.technicalError());
      return;
    }
    ex.getResponseHeaders().set("Cache-Control", "public, max-age=60");
    send(
        ex,
        200,
        "application/json; charset=utf-8",
        keys.publicJwks(
            misbehaviours.contains(Misbehaviour.KID_ABSENT_SINGLE_KEY)
                || misbehaviours.contains(Misbehaviour.KID_ABSENT_MULTIPLE_KEYS),
            misbehaviours.contains(Misbehaviour.KID_ABSENT_MULTIPLE_KEYS)));
  }

  // ---------------------------------------------------------------- authorize

  private void authorize(HttpExchange ex, String method) throws IOException {
    Map<String, String> p;
    try {
      p = requestParameters(ex, method);
    } catch (Forms.DuplicateParameterException e) {
      errorPage(ex, 400, reg.formatErrorCode(), e.getMessage());
      return;
    }
    if (p == null) {
      return;
    }
    lastAuthorize.set(Map.copyOf(p));
    purge(clock.instant());
    // Client and redirect_uri first: until both are known, nothing may be redirected (RFC 6749
    // §4.1.2.1).
    if (!reg.clientId().equals(p.get("client_id"))) {
      errorPage(ex, 400, "Y04EA6EF", "Le fournisseur de service est inconnu (client_id).");
      return;
    }
    String redirectUri = p.get("redirect_uri");
    if (redirectUri == null || !reg.redirectUris().contains(redirectUri)) {
      errorPage(
          ex,
          400,
          reg.redirectUriErrorCode(),
          "L'URL de retour (redirect_uri) n'est pas déclarée pour ce fournisseur de service.");
      return;
    }
    if (p.containsKey("idp_hint") && reg.flavour() != Flavour.PROCONNECT) {
      errorPage(ex, 400, "Y030032", "idp_hint n'est pas autorisé pour ce fournisseur de service.");
      return;
    }
    String invalid = rules.invalidParameter(p);
    if (invalid != null) {
      errorPage(ex, 400, reg.formatErrorCode(), invalid);
      return;
    }
    List<String> scopes = List.of(p.get("scope").trim().split("[ +]+"));
    for (String scope : scopes) {
      if (!reg.grantedScopes().contains(scope)) {
        errorPage(
            ex,
            400,
            "Y044D706",
            "Un scope demandé n'est pas autorisé pour ce fournisseur de service.");
        return;
      }
    }
    String state = p.get("state");
    Set<String> prompts = Set.of(p.getOrDefault("prompt", "").trim().split(" +"));
    if (reg.flavour() == Flavour.PROCONNECT && prompts.contains("none")) {
      // The simulator keeps no single sign-on session: a silent login can never succeed.
      redirect(
          ex,
          callback(
              redirectUri,
              errorParameters("login_required", "End-User authentication is required", state)));
      return;
    }
    String acr = rules.grantedAcr(p);
    if (acr == null) {
      redirect(
          ex,
          callback(
              redirectUri,
              errorParameters("invalid_request", "Y100002 acr_values not supported", state)));
      return;
    }
    Authentication auth =
        new Authentication(
            redirectUri,
            scopes,
            state,
            p.getOrDefault("nonce", ""),
            acr,
            rules.amrRequested(p, scopes),
            p.get("code_challenge"),
            null,
            null,
            null);
    TestUser preselected = selectedUser.get();
    if (preselected != null) {
      redirect(ex, issueCode(auth, preselected));
      return;
    }
    String uid = randomToken(16);
    interactions.put(uid, new Pending(auth, clock.instant()));
    redirect(ex, issuer + "/interaction/" + uid);
  }

  private void interaction(HttpExchange ex, String method, String rest) throws IOException {
    String[] parts = rest.split("/", 2);
    Pending pending = interactions.get(parts[0]);
    if (pending == null
        || pending.createdAt().plus(INTERACTION_LIFETIME).isBefore(clock.instant())) {
      interactions.remove(parts[0]);
      errorPage(ex, 400, "Y190001", "Votre session a expiré, veuillez vous reconnecter.");
      return;
    }
    String action = parts.length > 1 ? parts[1] : "";
    if (action.isEmpty() && "GET".equals(method)) {
      send(
          ex,
          200,
          "text/html; charset=utf-8",
          Html.identityPage(
              reg.flavour(), issuer + "/interaction/" + parts[0], reg.clientId(), reg.users()));
      return;
    }
    if (!"POST".equals(method) || !(action.equals("login") || action.equals("abort"))) {
      errorPage(ex, 404, "Y000404", "Page introuvable");
      return;
    }
    Map<String, String> form;
    try {
      form = Forms.parse(Forms.readBody(ex.getRequestBody()));
    } catch (Forms.DuplicateParameterException e) {
      errorPage(ex, 400, "Y000400", e.getMessage());
      return;
    }
    Authentication auth = pending.auth();
    if (action.equals("abort")) {
      interactions.remove(parts[0]);
      redirect(
          ex,
          callback(
              auth.redirectUri(),
              errorParameters("access_denied", "User auth aborted", auth.state())));
      return;
    }
    TestUser user = reg.user(form.getOrDefault("login", ""));
    if (user == null) {
      errorPage(ex, 400, "Y000400", "Identité de test inconnue.");
      return;
    }
    interactions.remove(parts[0]);
    redirect(ex, issueCode(auth, user));
  }

  private String issueCode(Authentication request, TestUser user) {
    Instant now = clock.instant();
    Authentication auth = request.authenticatedAs(user, now, randomToken(16));
    String level = authenticationLevel.get();
    if (level != null) {
      // FranceConnect+ returns the identity provider's level unmodified: acr_values is a
      // preference, not a constraint.
      auth = auth.withAcr(level);
    }
    String code = randomToken(32);
    codes.put(code, new Code(auth, now));
    Map<String, String> params = new LinkedHashMap<>();
    params.put("code", code);
    params.put("state", auth.state());
    addIss(params);
    return Forms.appendQuery(auth.redirectUri(), params);
  }

  private Map<String, String> errorParameters(String error, String description, String state) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("error", error);
    params.put("error_description", description);
    if (state != null) {
      params.put("state", state);
    }
    addIss(params);
    return params;
  }

  private void addIss(Map<String, String> params) {
    if (misbehaviours.contains(Misbehaviour.CALLBACK_WRONG_ISS)) {
      params.put("iss", TokenMinter.impostorIssuer(issuer));
    } else if (!misbehaviours.contains(Misbehaviour.CALLBACK_WITHOUT_ISS)) {
      params.put("iss", issuer);
    }
  }

  private static String callback(String redirectUri, Map<String, String> params) {
    return Forms.appendQuery(redirectUri, params);
  }

  // ---------------------------------------------------------------- token

  private void token(HttpExchange ex, String method) throws IOException {
    if (!"POST".equals(method)) {
      oauthError(ex, 405, "invalid_request", "the token endpoint only accepts POST");
      return;
    }
    if (ex.getRequestHeaders().getFirst("Authorization") != null) {
      // client_secret_basic is not the registered method (spec §1.4, Y044D82C).
      oauthError(
          ex,
          401,
          "invalid_client",
          "the provided authentication mechanism does not match the registered client"
              + " authentication method");
      return;
    }
    Map<String, String> p = formBody(ex);
    if (p == null) {
      return;
    }
    purge(clock.instant());
    Map<String, String> recorded = new LinkedHashMap<>(p);
    recorded.computeIfPresent("client_secret", (k, v) -> "<redacted>");
    lastToken.set(Map.copyOf(recorded));
    Set<Misbehaviour> m = active();
    if (m.contains(Misbehaviour.HTML_ERROR_PAGE)) {
      send(ex, 500, "text/html; charset=utf-8", Html.technicalError());
      return;
    }
    String authError = clientAuthError(p);
    if (authError != null) {
      oauthError(ex, 401, "invalid_client", authError);
      return;
    }
    if (reg.flavour() == Flavour.PROCONNECT && "refresh_token".equals(p.get("grant_type"))) {
      refresh(ex, p);
      return;
    }
    if (!"authorization_code".equals(p.get("grant_type"))) {
      oauthError(ex, 400, "unsupported_grant_type", "unsupported grant_type requested");
      return;
    }
    String codeValue = p.get("code");
    if (codeValue == null) {
      oauthError(ex, 400, "invalid_request", "missing required parameter 'code'");
      return;
    }
    Code code = codes.remove(codeValue);
    if (code == null) {
      if (usedCodes.containsKey(codeValue)) {
        // Replay: revoke what the first use obtained (RFC 6749 §4.1.2).
        accessTokens.values().removeIf(a -> codeValue.equals(a.code()));
        refreshTokens.values().removeIf(a -> codeValue.equals(a.code()));
      }
      oauthError(ex, 400, "invalid_grant", "grant request is invalid");
      return;
    }
    Instant now = clock.instant();
    usedCodes.put(codeValue, now);
    if (code.issuedAt().plus(CODE_LIFETIME).isBefore(now)) {
      oauthError(ex, 400, "invalid_grant", "grant request is invalid (authorization code expired)");
      return;
    }
    Authentication auth = code.auth();
    if (!auth.redirectUri().equals(p.get("redirect_uri"))) {
      oauthError(ex, 400, "invalid_grant", "grant request is invalid (redirect_uri mismatch)");
      return;
    }
    if (auth.codeChallenge() != null
        && !pkceMatches(auth.codeChallenge(), p.get("code_verifier"))) {
      oauthError(ex, 400, "invalid_grant", "PKCE verification failed");
      return;
    }
    String accessToken = randomToken(32);
    long lifetime = accessTokenLifetimeSeconds();
    accessTokens.put(accessToken, new Access(auth, now.plusSeconds(lifetime), codeValue));
    TokenMinter.IdToken idToken = minter.idToken(auth, accessToken, m);
    issuedIdTokens.put(idToken.compact(), new Hint(auth.sid(), now));
    issuedIdTokens.put(idToken.innerJws(), new Hint(auth.sid(), now));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", accessToken);
    body.put("expires_in", lifetime);
    body.put("id_token", idToken.compact());
    if (reg.flavour() == Flavour.PROCONNECT) {
      String refreshToken = randomToken(32);
      refreshTokens.put(refreshToken, new Access(auth, now.plus(REFRESH_LIFETIME), codeValue));
      body.put("refresh_token", refreshToken);
    }
    body.put("scope", String.join(" ", auth.scopes()));
    body.put("token_type", "Bearer");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    sendJson(ex, 200, body);
  }

  /**
   * ProConnect's access tokens live an hour (implementation_technique.md, 2026), FranceConnect's 60
   * seconds (ttl.AccessToken in core-fcp-{low,high} oidc-provider.ts).
   */
  private long accessTokenLifetimeSeconds() {
    return reg.flavour() == Flavour.PROCONNECT
        ? PROCONNECT_ACCESS_TOKEN_LIFETIME.toSeconds()
        : TokenMinter.TOKEN_LIFETIME_SECONDS;
  }

  /** ProConnect's refresh grant (refresh-token.md, 2025): a new access token, same session. */
  private void refresh(HttpExchange ex, Map<String, String> p) throws IOException {
    String value = p.get("refresh_token");
    Access granted = value == null ? null : refreshTokens.get(value);
    Instant now = clock.instant();
    if (granted == null || granted.expiresAt().isBefore(now)) {
      oauthError(ex, 400, "invalid_grant", "grant request is invalid");
      return;
    }
    String accessToken = randomToken(32);
    long lifetime = accessTokenLifetimeSeconds();
    accessTokens.put(
        accessToken, new Access(granted.auth(), now.plusSeconds(lifetime), granted.code()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", accessToken);
    body.put("expires_in", lifetime);
    body.put("scope", String.join(" ", granted.auth().scopes()));
    body.put("token_type", "Bearer");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    sendJson(ex, 200, body);
  }

  /**
   * Null if the client authenticated with its registered method, else why not. Using another method
   * than the registered one fails as on FranceConnect ({@code Y044D82C}, "the provided
   * authentication mechanism does not match the registered client authentication method").
   */
  private String clientAuthError(Map<String, String> p) {
    boolean assertion = p.containsKey("client_assertion") || p.containsKey("client_assertion_type");
    boolean secret = p.containsKey("client_secret");
    if (assertion == secret || assertion != (assertions != null)) {
      return "the provided authentication mechanism does not match the registered client"
          + " authentication method";
    }
    String clientId = p.get("client_id");
    if (clientId != null && !reg.clientId().equals(clientId)) {
      return "client authentication failed";
    }
    if (assertions != null) {
      if (!ClientAssertions.TYPE.equals(p.get("client_assertion_type"))) {
        return "unsupported client_assertion_type";
      }
      String invalid =
          assertions.invalid(
              p.getOrDefault("client_assertion", ""), Set.of(issuer + "/token", issuer));
      return invalid;
    }
    return clientId != null && reg.clientSecret().matches(p.get("client_secret"))
        ? null
        : "client authentication failed";
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
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- userinfo

  private void userinfo(HttpExchange ex, String method) throws IOException {
    if (!"GET".equals(method) && !"POST".equals(method)) {
      oauthError(ex, 405, "invalid_request", "method not allowed");
      return;
    }
    Map<String, String> query;
    try {
      query = Forms.parse(ex.getRequestURI().getRawQuery());
    } catch (Forms.DuplicateParameterException e) {
      oauthError(ex, 400, "invalid_request", e.getMessage());
      return;
    }
    String queryToken = query.get("access_token");
    if (queryToken != null && reg.flavour() == Flavour.PROCONNECT) {
      oauthError(
          ex, 400, "invalid_request", "access tokens must not be provided via query parameter");
      return;
    }
    Set<Misbehaviour> m = active();
    if (m.contains(Misbehaviour.HTML_ERROR_PAGE)) {
      send(ex, 500, "text/html; charset=utf-8", Html.technicalError());
      return;
    }
    String authorization = ex.getRequestHeaders().getFirst("Authorization");
    boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    if (bearer && queryToken != null) {
      oauthError(
          ex, 400, "invalid_request", "access token must only be provided using one mechanism");
      return;
    }
    // FranceConnect and FranceConnect+ accept the token in the query too
    // (acceptQueryParamAccessTokens: true in france-connect sources:
    // back/instances/core-fcp-{low,high}/src/config/oidc-provider.ts); the simulator records it so
    // that a relying party's tests can check it sends the header (OpenID RP conformance).
    if (!bearer && queryToken == null) {
      ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"" + issuer + "\"");
      oauthError(ex, 401, "invalid_token", "no access token provided");
      return;
    }
    lastUserinfoTokenInQuery.set(!bearer);
    Access access = accessTokens.get(bearer ? authorization.substring(7).trim() : queryToken);
    if (access == null || access.expiresAt().isBefore(clock.instant())) {
      ex.getResponseHeaders()
          .set("WWW-Authenticate", "Bearer realm=\"" + issuer + "\", error=\"invalid_token\"");
      oauthError(ex, 401, "invalid_token", "invalid token provided");
      return;
    }
    TokenMinter.Userinfo info = minter.userinfo(access.auth(), m);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    send(
        ex,
        200,
        info.jwt() ? "application/jwt; charset=utf-8" : "application/json; charset=utf-8",
        info.body());
  }

  // ---------------------------------------------------------------- logout and revocation

  private void logout(HttpExchange ex) throws IOException {
    Map<String, String> p;
    try {
      p = Forms.parse(ex.getRequestURI().getRawQuery());
    } catch (Forms.DuplicateParameterException e) {
      errorPage(ex, 400, "Y000400", e.getMessage());
      return;
    }
    String hint = p.get("id_token_hint");
    if (hint == null || hint.isBlank()) {
      errorPage(ex, 400, "Y000400", "Le paramètre id_token_hint est obligatoire.");
      return;
    }
    Hint issued = issuedIdTokens.get(hint);
    if (issued == null) {
      errorPage(
          ex, 400, "Y0429C91", "id_token_hint n'a pas été émis pour ce fournisseur de service.");
      return;
    }
    String postLogout = p.get("post_logout_redirect_uri");
    String state = p.get("state");
    boolean noState = state == null || state.isBlank();
    if (reg.strictLogout() && (postLogout == null || noState)) {
      // The partner documentation makes both mandatory and the qualification checks them; the
      // server does not (strict mode only).
      errorPage(
          ex,
          400,
          "Y000400",
          "Les paramètres state et post_logout_redirect_uri sont obligatoires.");
      return;
    }
    if (postLogout != null && !reg.postLogoutRedirectUris().contains(postLogout)) {
      errorPage(
          ex,
          400,
          "Y030111",
          "post_logout_redirect_uri n'est pas déclarée pour ce fournisseur de service.");
      return;
    }
    String sid = issued.sid();
    issuedIdTokens.values().removeIf(h -> sid.equals(h.sid()));
    accessTokens.values().removeIf(a -> sid.equals(a.auth().sid()));
    refreshTokens.values().removeIf(a -> sid.equals(a.auth().sid()));
    if (postLogout == null) {
      // Without a post-logout URI the provider ends on its own "logged out" page.
      send(ex, 200, "text/html; charset=utf-8", Html.loggedOut());
      return;
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (misbehaviours.contains(Misbehaviour.LOGOUT_OTHER_STATE)) {
      params.put("state", randomToken(32));
    } else if (!noState && !misbehaviours.contains(Misbehaviour.LOGOUT_WITHOUT_STATE)) {
      params.put("state", state);
    }
    redirect(ex, params.isEmpty() ? postLogout : Forms.appendQuery(postLogout, params));
  }

  private void revocation(HttpExchange ex, String method) throws IOException {
    if (!"POST".equals(method)) {
      oauthError(ex, 405, "invalid_request", "the revocation endpoint only accepts POST");
      return;
    }
    Map<String, String> p = formBody(ex);
    if (p == null) {
      return;
    }
    String authError = clientAuthError(p);
    if (authError != null) {
      oauthError(ex, 401, "invalid_client", authError);
      return;
    }
    String token = p.get("token");
    if (token == null) {
      oauthError(ex, 400, "invalid_request", "missing required parameter 'token'");
      return;
    }
    accessTokens.remove(token);
    refreshTokens.remove(token);
    send(ex, 200, "text/plain; charset=utf-8", "");
  }

  /**
   * Forgets what has expired, so that a simulator left running (standalone, demo) does not grow
   * without bound.
   */
  private void purge(Instant now) {
    interactions.values().removeIf(p -> p.createdAt().plus(INTERACTION_LIFETIME).isBefore(now));
    codes.values().removeIf(c -> c.issuedAt().plus(CODE_LIFETIME).isBefore(now));
    accessTokens.values().removeIf(a -> a.expiresAt().isBefore(now));
    refreshTokens.values().removeIf(a -> a.expiresAt().isBefore(now));
    usedCodes.values().removeIf(t -> t.plus(USED_CODE_MEMORY).isBefore(now));
    issuedIdTokens.values().removeIf(h -> h.issuedAt().plus(HINT_MEMORY).isBefore(now));
  }

  /** Number of codes, tokens and pages held (for tests of the purge). */
  int heldState() {
    return interactions.size()
        + codes.size()
        + accessTokens.size()
        + refreshTokens.size()
        + usedCodes.size()
        + issuedIdTokens.size();
  }

  // ---------------------------------------------------------------- plumbing

  /** Query (GET) or form body (POST) parameters; null when an answer has already been sent. */
  private Map<String, String> requestParameters(HttpExchange ex, String method)
      throws IOException, Forms.DuplicateParameterException {
    if ("GET".equals(method)) {
      return Forms.parse(ex.getRequestURI().getRawQuery());
    }
    if ("POST".equals(method)) {
      return Forms.parse(Forms.readBody(ex.getRequestBody()));
    }
    errorPage(ex, 405, "Y000400", "Méthode non supportée");
    return null;
  }

  private Map<String, String> formBody(HttpExchange ex) throws IOException {
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (type == null
        || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      oauthError(ex, 400, "invalid_request", "only application/x-www-form-urlencoded is supported");
      return null;
    }
    try {
      return Forms.parse(Forms.readBody(ex.getRequestBody()));
    } catch (Forms.DuplicateParameterException e) {
      oauthError(ex, 400, "invalid_request", e.getMessage());
      return null;
    } catch (Forms.BodyTooLargeException e) {
      oauthError(ex, 400, "invalid_request", "request body too large");
      return null;
    }
  }

  private String randomToken(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private void oauthError(HttpExchange ex, int status, String error, String description)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("error_description", description);
    sendJson(ex, status, body);
  }

  private void errorPage(HttpExchange ex, int status, String code, String message)
      throws IOException {
    send(ex, status, "text/html; charset=utf-8", Html.errorPage(code, message));
  }

  private static void redirect(HttpExchange ex, String location) throws IOException {
    ex.getResponseHeaders().set("Location", URI.create(location).toASCIIString());
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(303, -1);
  }

  private void sendJson(HttpExchange ex, int status, Object body) throws IOException {
    send(ex, status, "application/json; charset=utf-8", json.writeString(body));
  }

  private static void send(HttpExchange ex, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      ex.getResponseBody().write(bytes);
    }
  }
}
