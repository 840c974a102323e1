package fr.socle.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import fr.socle.core.Redaction;
import fr.socle.core.Secret;
import fr.socle.core.SocleClientException;
import fr.socle.core.http.HttpPreset;
import fr.socle.core.http.HttpRequest;
import fr.socle.core.http.HttpResponse;
import fr.socle.core.http.HttpTransport;
import fr.socle.core.json.Json;
import fr.socle.identity.internal.Discovery;
import fr.socle.identity.internal.LoginTransaction;
import fr.socle.identity.internal.ProviderMetadata;
import fr.socle.identity.internal.Randoms;
import fr.socle.identity.internal.Responses;
import fr.socle.identity.internal.TokenValidator;
import fr.socle.identity.internal.TransactionSealer;
import fr.socle.identity.internal.TransportResourceRetriever;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenID Connect relying party for one application registered at one provider: FranceConnect v2,
 * FranceConnect+, ProConnect or any OpenID provider.
 *
 * <p>A login has two steps. {@link #begin()} returns the provider's authorization URL and a sealed
 * transaction (state, nonce, PKCE verifier, requested level, creation time, encrypted under a key
 * derived from the application secret) that the application keeps in a cookie; {@link
 * #complete(Map, String)} checks the callback against it, redeems the code, verifies the ID token
 * and the userinfo response and returns the {@link Identity}, or throws. Any node that shares the
 * transaction key can complete a login begun on another one.
 *
 * <pre>{@code
 * IdentityClient fc = IdentityClient.builder()
 *     .provider(IdentityProvider.franceConnectSandbox())
 *     .clientId(System.getenv("FC_CLIENT_ID"))
 *     .clientSecret(Secret.of(System.getenv("FC_CLIENT_SECRET")))
 *     .redirectUri(URI.create("https://mairie.example.fr/auth/callback"))
 *     .postLogoutRedirectUri(URI.create("https://mairie.example.fr/auth/logged-out"))
 *     .scopes(Scope.IDENTITE_PIVOT, Scope.EMAIL)
 *     .transactionKey(Secret.of(System.getenv("LOGIN_TRANSACTION_KEY")))
 *     .build();
 *
 * LoginStart start = fc.begin();            // redirect to start.authorizationUri(), keep the
 *                                           // sealed transaction in a cookie
 * Identity who = fc.complete(callbackParams, sealedFromCookie);
 * }</pre>
 *
 * <p>What {@link #complete} throws: {@link InvalidTransactionException} (missing, tampered or
 * expired transaction), {@link InvalidCallbackException} (state or RFC 9207 {@code iss} mismatch),
 * {@link LoginCancelledException} and {@link AuthorizationErrorException} (error callback), {@link
 * IdentityProviderException} (token or userinfo endpoint error, HTML instead of JSON), {@link
 * InvalidTokenException} (signature, issuer, audience, expiry, nonce, at_hash, userinfo
 * subject...), {@link EidasLevelTooLowException}, and the transport's timeouts.
 *
 * <p>Immutable and thread-safe: build one per provider and share it. The provider's discovery
 * document and keys are fetched on first use and cached; keys are refetched (rate-limited) when a
 * token names an unknown key, and the last good keys are kept through a provider outage. Close the
 * client to release the HTTP transport it created (a transport passed to the builder is left open).
 */
public final class IdentityClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IdentityClient.class);

  /** Default lifetime of a login transaction. */
  public static final Duration DEFAULT_TRANSACTION_TTL = Duration.ofMinutes(10);

  /** Default clock skew on ID token times: the tokens live 60 seconds. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

  /** Token and userinfo responses are a few KiB; anything larger is refused. */
  private static final long MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;

  private final IdentityProvider provider;
  private final String clientId;
  private final Secret clientSecret;
  private final URI redirectUri;
  private final URI postLogoutRedirectUri;
  private final List<Scope> scopes;
  private final EidasLevel eidasLevel;
  private final Clock clock;
  private final Duration clockSkew;
  private final Duration jwksCacheTtl;
  private final TokenEndpointAuth tokenEndpointAuth;
  private final JWK clientSigningKey;
  private final JWKSet decryptionKeys;
  private final HttpTransport http;
  private final boolean ownsTransport;
  private final Json json;
  private final TransactionSealer sealer;
  private final Object lock = new Object();
  private volatile Resolved resolved;

  private record Resolved(ProviderMetadata metadata, TokenValidator validator) {}

  private IdentityClient(Builder b) {
    this.provider = require(b.provider, "provider");
    this.clientId = require(b.clientId, "clientId");
    if (clientId.isBlank()) {
      throw new SocleClientException("clientId must not be blank");
    }
    this.clientSecret = b.clientSecret;
    this.redirectUri =
        IdentityProvider.checkSecureUri(require(b.redirectUri, "redirectUri"), "redirectUri");
    this.postLogoutRedirectUri =
        b.postLogoutRedirectUri == null
            ? null
            : IdentityProvider.checkSecureUri(b.postLogoutRedirectUri, "postLogoutRedirectUri");
    this.scopes = scopes(b.scopes);
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
    this.clockSkew = b.clockSkew;
    this.jwksCacheTtl = b.jwksCacheTtl;
    ProviderFamily family = provider.family();
    this.eidasLevel = eidasLevel(family, b.eidasLevel);
    this.tokenEndpointAuth = b.tokenEndpointAuth;
    if (family != ProviderFamily.GENERIC
        && tokenEndpointAuth != TokenEndpointAuth.CLIENT_SECRET_POST) {
      throw new SocleClientException(
          family + " accepts client_secret_post only at its token endpoint");
    }
    if (tokenEndpointAuth != TokenEndpointAuth.PRIVATE_KEY_JWT && clientSecret == null) {
      throw new SocleClientException("clientSecret is required for " + tokenEndpointAuth);
    }
    if (tokenEndpointAuth == TokenEndpointAuth.PRIVATE_KEY_JWT && b.clientSigningKey == null) {
      throw new SocleClientException("private_key_jwt needs clientSigningKey(...)");
    }
    this.clientSigningKey = b.clientSigningKey;
    this.decryptionKeys = b.decryptionKeys.isEmpty() ? null : new JWKSet(b.decryptionKeys);
    if (family == ProviderFamily.FRANCECONNECT_PLUS && decryptionKeys == null) {
      throw new SocleClientException(
          "FranceConnect+ encrypts tokens to the application: configure decryptionKey(...)");
    }
    this.sealer =
        new TransactionSealer(
            require(b.transactionKey, "transactionKey"), clientId, b.transactionTtl, clock);
    this.ownsTransport = b.http == null;
    // Discovery, JWKS, token and userinfo are small documents a login waits for: 10 s in all.
    this.http =
        b.http == null
            ? HttpTransport.builder().preset(HttpPreset.OPENID_PROVIDER).build()
            : b.http;
    this.json = Json.create();
  }

  private static <T> T require(T value, String name) {
    if (value == null) {
      throw new SocleClientException(name + " is required");
    }
    return value;
  }

  private static List<Scope> scopes(Set<Scope> requested) {
    LinkedHashSet<Scope> all = new LinkedHashSet<>();
    all.add(Scope.OPENID);
    all.addAll(requested);
    return List.copyOf(all);
  }

  private static EidasLevel eidasLevel(ProviderFamily family, EidasLevel requested) {
    switch (family) {
      case FRANCECONNECT:
        if (requested != null && requested != EidasLevel.EIDAS1) {
          throw new SocleClientException(
              "FranceConnect only grants eidas1; use FranceConnect+ for eidas2 or eidas3");
        }
        // acr_values is mandatory on FranceConnect v2.
        return EidasLevel.EIDAS1;
      case FRANCECONNECT_PLUS:
        if (requested == null) {
          return EidasLevel.EIDAS2;
        }
        if (requested.compareTo(EidasLevel.EIDAS2) < 0) {
          throw new SocleClientException("FranceConnect+ only grants eidas2 or eidas3");
        }
        return requested;
      default:
        return requested;
    }
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the provider.
   *
   * @return the provider
   */
  public IdentityProvider provider() {
    return provider;
  }

  /**
   * Returns the client id.
   *
   * @return the client id
   */
  public String clientId() {
    return clientId;
  }

  /**
   * Returns the scopes sent, {@code openid} first.
   *
   * @return the scopes
   */
  public List<Scope> scopes() {
    return scopes;
  }

  /**
   * Returns the eIDAS level requested and enforced.
   *
   * @return the level; empty when none is requested (ProConnect, generic providers by default)
   */
  public java.util.Optional<EidasLevel> eidasLevel() {
    return java.util.Optional.ofNullable(eidasLevel);
  }

  /**
   * Starts a login: builds the authorization URL and seals the transaction.
   *
   * <p>state and nonce are 64 characters from {@code [A-Za-z0-9]} drawn from {@link
   * java.security.SecureRandom}; PKCE S256 is used on ProConnect and on generic providers that
   * advertise it; {@code acr_values} is always sent to FranceConnect and FranceConnect+.
   *
   * @return where to redirect the browser and what to keep until the callback
   * @throws ProviderConfigurationException if the provider's discovery document cannot be trusted
   * @throws IdentityProviderException if the discovery document cannot be fetched
   */
  public LoginStart begin() {
    return begin(LoginOptions.defaults());
  }

  /**
   * Starts a login with optional parameters ({@code prompt}, {@code idp_hint}, {@code login_hint},
   * {@code siret_hint}); see {@link #begin()}.
   *
   * @param options the optional parameters of this login
   * @return where to redirect the browser and what to keep until the callback
   * @throws SocleClientException if an option is not defined by this provider family (see {@link
   *     LoginOptions})
   * @throws ProviderConfigurationException if the provider's discovery document cannot be trusted
   * @throws IdentityProviderException if the discovery document cannot be fetched
   */
  public LoginStart begin(LoginOptions options) {
    Objects.requireNonNull(options, "options");
    checkSupported(options);
    ProviderMetadata meta = resolve().metadata();
    String state = Randoms.alphanumeric64();
    String nonce = Randoms.alphanumeric64();
    String verifier = usePkce(meta) ? Randoms.alphanumeric64() : null;
    Map<String, String> params = new LinkedHashMap<>();
    params.put("response_type", "code");
    params.put("client_id", clientId);
    params.put("redirect_uri", redirectUri.toString());
    params.put("scope", String.join(" ", scopes.stream().map(Scope::value).toList()));
    params.put("state", state);
    params.put("nonce", nonce);
    if (eidasLevel != null) {
      params.put("acr_values", eidasLevel.acrValue());
    }
    if (verifier != null) {
      params.put("code_challenge", s256(verifier));
      params.put("code_challenge_method", "S256");
    }
    if (!options.prompt().isEmpty()) {
      params.put(
          "prompt",
          String.join(" ", options.prompt().stream().map(LoginOptions.Prompt::value).toList()));
    }
    options.idpHint().ifPresent(v -> params.put("idp_hint", v));
    options.loginHint().ifPresent(v -> params.put("login_hint", v));
    options.siretHint().ifPresent(v -> params.put("siret_hint", v));
    URI uri = withQuery(meta.authorizationEndpoint(), params);
    LoginTransaction tx =
        new LoginTransaction(
            meta.issuer(),
            clientId,
            state,
            nonce,
            verifier,
            eidasLevel == null ? null : eidasLevel.acrValue(),
            clock.instant());
    return new LoginStart(uri, sealer.seal(tx));
  }

  /** Refuses, before any redirect, a parameter the provider family does not define. */
  private void checkSupported(LoginOptions options) {
    ProviderFamily family = provider.family();
    boolean franceConnect =
        family == ProviderFamily.FRANCECONNECT || family == ProviderFamily.FRANCECONNECT_PLUS;
    if (franceConnect
        && (options.prompt().contains(LoginOptions.Prompt.NONE)
            || options.prompt().contains(LoginOptions.Prompt.SELECT_ACCOUNT))) {
      throw new SocleClientException(
          "FranceConnect accepts prompt login and consent only (no silent login, no account"
              + " choice)");
    }
    if (family == ProviderFamily.GENERIC && options.idpHint().isPresent()) {
      throw new SocleClientException(
          "idp_hint is a FranceConnect and ProConnect parameter; OpenID Connect does not define it");
    }
    if (franceConnect && options.loginHint().isPresent()) {
      throw new SocleClientException("FranceConnect does not accept login_hint");
    }
    if (family != ProviderFamily.PROCONNECT && options.siretHint().isPresent()) {
      throw new SocleClientException("siret_hint is a ProConnect parameter");
    }
  }

  private boolean usePkce(ProviderMetadata meta) {
    switch (provider.family()) {
      case PROCONNECT:
        return true;
      case GENERIC:
        return meta.codeChallengeMethods().contains("S256");
      default:
        // FranceConnect's authorize endpoint defines no PKCE parameter.
        return false;
    }
  }

  /**
   * Completes a login from the callback URL the provider redirected the browser to.
   *
   * @param callbackUri the full callback URL, with its query
   * @param sealedTransaction the value {@link #begin()} returned
   * @return the verified identity
   * @throws InvalidCallbackException if a parameter is repeated, or see {@link #complete(Map,
   *     String)}
   */
  public Identity complete(URI callbackUri, String sealedTransaction) {
    Objects.requireNonNull(callbackUri, "callbackUri");
    return complete(parseQuery(callbackUri.getRawQuery()), sealedTransaction);
  }

  /**
   * Completes a login from the callback's query parameters.
   *
   * @param callbackParameters the decoded query parameters ({@code code}, {@code state}, {@code
   *     iss}, or {@code error}...)
   * @param sealedTransaction the value {@link #begin()} returned
   * @return the verified identity
   * @throws InvalidTransactionException if the transaction is missing, tampered or expired
   * @throws InvalidCallbackException if state or iss do not match
   * @throws LoginCancelledException if the user cancelled ({@code access_denied})
   * @throws AuthorizationErrorException on another error callback
   * @throws IdentityProviderException if an endpoint answered an error or an unexpected format
   * @throws InvalidTokenException if the ID token or the userinfo response fails a check
   * @throws EidasLevelTooLowException if the level is below the requested one
   */
  public Identity complete(Map<String, String> callbackParameters, String sealedTransaction) {
    Objects.requireNonNull(callbackParameters, "callbackParameters");
    Resolved r = resolve();
    ProviderMetadata meta = r.metadata();
    LoginTransaction tx = sealer.unseal(sealedTransaction, meta.issuer(), clientId);

    // RFC 9207: checked first, on success and error responses alike.
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

    Tokens tokens = redeem(meta, code, tx);
    TokenValidator.VerifiedToken idToken =
        r.validator().validateIdToken(tokens.idToken(), tx.nonce(), tokens.accessToken());
    JWTClaimsSet idClaims = idToken.claims();
    if (tx.acr() != null) {
      EidasLevel requested = EidasLevel.fromAcr(tx.acr()).orElseThrow();
      Object acr = idClaims.getClaim("acr");
      String actual = acr instanceof String s ? s : null;
      if (EidasLevel.fromAcr(actual).map(l -> !l.satisfies(requested)).orElse(true)) {
        throw new EidasLevelTooLowException(requested, actual);
      }
    }
    String subject = idClaims.getSubject();
    Map<String, Object> userinfo =
        meta.userinfoEndpoint() == null
            ? idClaims.getClaims()
            : userinfo(meta, r.validator(), tokens.accessToken(), subject);
    log.debug("login completed at {}", meta.issuer());
    return IdentityMapper.map(
        provider.issuer(), idClaims.getClaims(), userinfo, subject, idToken.signedToken());
  }

  private record Tokens(String accessToken, String idToken) {}

  private Tokens redeem(ProviderMetadata meta, String code, LoginTransaction tx) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", redirectUri.toString());
    HttpRequest.Builder request =
        HttpRequest.post(meta.tokenEndpoint())
            .header("Accept", "application/json")
            .idempotent(false)
            .maxResponseBytes(MAX_TOKEN_RESPONSE_BYTES);
    switch (tokenEndpointAuth) {
      case CLIENT_SECRET_POST:
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret.reveal());
        break;
      case CLIENT_SECRET_BASIC:
        String user = URLEncoder.encode(clientId, StandardCharsets.UTF_8);
        String pass = URLEncoder.encode(clientSecret.reveal(), StandardCharsets.UTF_8);
        request.header(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8)));
        break;
      case PRIVATE_KEY_JWT:
        form.put("client_id", clientId);
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.put("client_assertion", clientAssertion(meta.tokenEndpoint()));
        break;
      default:
        throw new IllegalStateException();
    }
    if (tx.codeVerifier() != null) {
      form.put("code_verifier", tx.codeVerifier());
    }
    HttpResponse response = http.execute(request.form(form).build());
    Map<String, Object> body = Responses.jsonObject(response, "token", json);
    Object accessToken = body.get("access_token");
    Object idToken = body.get("id_token");
    Object tokenType = body.get("token_type");
    if (!(accessToken instanceof String at) || at.isEmpty()) {
      throw new IdentityProviderException(
          "token response has no access_token", response.status(), null, null);
    }
    if (!(idToken instanceof String it)) {
      throw new IdentityProviderException(
          "token response has no id_token", response.status(), null, null);
    }
    if (!(tokenType instanceof String tt) || !tt.equalsIgnoreCase("Bearer")) {
      throw new IdentityProviderException(
          "token response's token_type is not Bearer", response.status(), null, null);
    }
    return new Tokens(at, it);
  }

  private String clientAssertion(URI tokenEndpoint) {
    try {
      Date now = Date.from(clock.instant());
      JWTClaimsSet claims =
          new JWTClaimsSet.Builder()
              .issuer(clientId)
              .subject(clientId)
              .audience(tokenEndpoint.toString())
              .jwtID(UUID.randomUUID().toString())
              .issueTime(now)
              .expirationTime(Date.from(clock.instant().plusSeconds(60)))
              .build();
      SignedJWT jwt;
      if (clientSigningKey instanceof RSAKey rsa) {
        jwt =
            new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(rsa));
      } else {
        ECKey ec = (ECKey) clientSigningKey;
        jwt =
            new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(ec));
      }
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new SocleClientException("cannot sign the client assertion", e);
    }
  }

  private Map<String, Object> userinfo(
      ProviderMetadata meta, TokenValidator validator, String accessToken, String subject) {
    HttpResponse response =
        http.execute(
            HttpRequest.get(meta.userinfoEndpoint())
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/jwt, application/json")
                .maxResponseBytes(MAX_TOKEN_RESPONSE_BYTES)
                .build());
    String type = response.mediaType().orElse("none");
    if (!response.isSuccessful()) {
      throw new IdentityProviderException(
          "userinfo endpoint answered an error",
          response.status(),
          null,
          response.correlationId().orElse(null));
    }
    if (type.equals("application/jwt")) {
      return validator.validateUserinfo(response.bodyAsString().trim(), subject).getClaims();
    }
    if (provider.family() == ProviderFamily.GENERIC
        && (type.equals("application/json") || type.endsWith("+json"))) {
      Map<String, Object> claims = Responses.jsonObject(response, "userinfo", json);
      TokenValidator.requireSubject(claims.get("sub"), subject);
      return claims;
    }
    // FranceConnect v2 and ProConnect always sign userinfo: anything else is refused.
    throw new IdentityProviderException(
        "userinfo endpoint answered " + type + " instead of a signed JWT",
        response.status(),
        null,
        response.correlationId().orElse(null));
  }

  /**
   * Builds the RP-initiated logout URL for a user logged in with this client.
   *
   * @param identity the identity returned at login
   * @return the URL and the state to check on return
   * @throws SocleClientException if no post-logout redirect URI is configured
   * @throws ProviderConfigurationException if the provider has no end_session_endpoint
   */
  public LogoutStart logoutUri(Identity identity) {
    return logoutUri(Objects.requireNonNull(identity, "identity").idToken());
  }

  /**
   * Builds the RP-initiated logout URL: the provider's {@code end_session_endpoint} with {@code
   * id_token_hint}, a fresh {@code state} and the registered {@code post_logout_redirect_uri}
   * (FranceConnect requires all three).
   *
   * @param idTokenHint the ID token received at login ({@link Identity#idToken()})
   * @return the URL and the state to check on return
   * @throws SocleClientException if no post-logout redirect URI is configured
   * @throws ProviderConfigurationException if the provider has no end_session_endpoint
   */
  public LogoutStart logoutUri(String idTokenHint) {
    if (idTokenHint == null || idTokenHint.isEmpty()) {
      throw new SocleClientException("an ID token hint is required to log out");
    }
    if (postLogoutRedirectUri == null) {
      throw new SocleClientException("postLogoutRedirectUri is not configured");
    }
    ProviderMetadata meta = resolve().metadata();
    if (meta.endSessionEndpoint() == null) {
      throw new ProviderConfigurationException("the provider has no end_session_endpoint");
    }
    String state = Randoms.alphanumeric64();
    Map<String, String> params = new LinkedHashMap<>();
    params.put("id_token_hint", idTokenHint);
    params.put("state", state);
    params.put("post_logout_redirect_uri", postLogoutRedirectUri.toString());
    return new LogoutStart(withQuery(meta.endSessionEndpoint(), params), state);
  }

  /**
   * Checks the redirect back to the post-logout URI. The provider should return the state sent, but
   * FranceConnect has omitted it before: a missing state is tolerated (the local session must have
   * been closed before redirecting anyway), a different one is not.
   *
   * @param callbackParameters the decoded query parameters of the post-logout redirect
   * @param expectedState the state of the {@link LogoutStart}
   * @return true if the provider confirmed with the expected state, false if it sent no state
   * @throws InvalidCallbackException if the state differs
   */
  public boolean verifyLogoutCallback(
      Map<String, String> callbackParameters, String expectedState) {
    Objects.requireNonNull(callbackParameters, "callbackParameters");
    String state = callbackParameters.get("state");
    if (state == null || state.isEmpty()) {
      log.debug("logout callback without state: tolerated");
      return false;
    }
    if (expectedState == null
        || !MessageDigest.isEqual(
            state.getBytes(StandardCharsets.UTF_8),
            expectedState.getBytes(StandardCharsets.UTF_8))) {
      throw new InvalidCallbackException(
          InvalidCallbackException.Reason.STATE_MISMATCH, "logout callback state differs");
    }
    return true;
  }

  /**
   * Returns the public half of the decryption keys as a JWK set ({@code use=enc}), to publish at
   * the URL declared to FranceConnect+.
   *
   * @return the JSON of the public JWK set; {@code {"keys":[]}} when no key is configured
   */
  public String publicJwks() {
    return decryptionKeys == null ? "{\"keys\":[]}" : decryptionKeys.toPublicJWKSet().toString();
  }

  /**
   * Fetches and checks the provider's discovery document now, instead of at the first login, so
   * that a misconfiguration shows at start-up.
   *
   * @throws ProviderConfigurationException if the document's issuer or endpoints are wrong
   * @throws IdentityProviderException if it cannot be fetched
   */
  public void checkProvider() {
    resolve();
  }

  private Resolved resolve() {
    Resolved r = resolved;
    if (r != null) {
      return r;
    }
    synchronized (lock) {
      if (resolved == null) {
        String issuer = provider.issuer().toString();
        ProviderMetadata meta = Discovery.fetch(http, provider.discoveryUri(), issuer, json);
        resolved = new Resolved(meta, validator(meta));
        log.debug("provider {} discovered", issuer);
      }
      return resolved;
    }
  }

  private TokenValidator validator(ProviderMetadata meta) {
    JWKSource<SecurityContext> keys;
    try {
      // Nimbus: cache, refetch on an unknown kid at most twice per rate-limit window (no storm
      // when a forged token names random kids), keep the last good keys through an outage.
      long ttl = jwksCacheTtl.toMillis();
      long minInterval = Math.min(JWKSourceBuilder.DEFAULT_RATE_LIMIT_MIN_INTERVAL, ttl / 2);
      JWKSourceBuilder<SecurityContext> builder =
          JWKSourceBuilder.<SecurityContext>create(
                  meta.jwksUri().toURL(), new TransportResourceRetriever(http))
              .cache(ttl, Math.min(JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT, ttl))
              // refresh ahead of expiry (in the background of a request) when the TTL allows it
              .refreshAheadCache(
                  ttl
                      >= 2
                          * (JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME
                              + JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT))
              .outageTolerant(Duration.ofHours(12).toMillis())
              .retrying(false);
      keys =
          (minInterval > 0 ? builder.rateLimited(minInterval) : builder.rateLimited(false)).build();
    } catch (MalformedURLException e) {
      throw new ProviderConfigurationException("jwks_uri is not a URL");
    }
    Set<JWSAlgorithm> algs;
    byte[] hmac = null;
    switch (provider.family()) {
      case FRANCECONNECT:
        algs = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);
        break;
      case FRANCECONNECT_PLUS:
        algs = Set.of(JWSAlgorithm.ES256);
        break;
      case PROCONNECT:
        algs = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.HS256);
        hmac = clientSecret.revealBytes();
        break;
      default:
        algs = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.PS256);
    }
    boolean fcFamily =
        provider.family() == ProviderFamily.FRANCECONNECT
            || provider.family() == ProviderFamily.FRANCECONNECT_PLUS;
    return new TokenValidator(
        new TokenValidator.Policy(
            meta.issuer(),
            clientId,
            algs,
            provider.family() == ProviderFamily.FRANCECONNECT_PLUS,
            fcFamily,
            clockSkew),
        keys,
        hmac,
        decryptionKeys,
        clock);
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

  private static URI withQuery(URI endpoint, Map<String, String> params) {
    StringBuilder sb = new StringBuilder(endpoint.toString());
    sb.append(endpoint.getRawQuery() == null ? '?' : '&');
    boolean first = true;
    for (Map.Entry<String, String> p : params.entrySet()) {
      if (!first) {
        sb.append('&');
      }
      first = false;
      sb.append(encode(p.getKey())).append('=').append(encode(p.getValue()));
    }
    return URI.create(sb.toString());
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> out = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (out.put(name, value) != null) {
        throw new InvalidCallbackException(
            InvalidCallbackException.Reason.MALFORMED, "callback repeats parameter " + name);
      }
    }
    return out;
  }

  /** Closes the HTTP transport if the client created it. */
  @Override
  public void close() {
    if (ownsTransport) {
      http.close();
    }
    json.close();
  }

  @Override
  public String toString() {
    return "IdentityClient["
        + provider
        + ", clientId="
        + Redaction.token(clientId)
        + ", redirectUri="
        + redirectUri
        + "]";
  }

  /**
   * Configures an {@link IdentityClient}. Required: {@link #provider}, {@link #clientId}, {@link
   * #clientSecret} (except with private_key_jwt), {@link #redirectUri} and {@link #transactionKey}.
   * Not thread-safe.
   */
  public static final class Builder {
    private IdentityProvider provider;
    private String clientId;
    private Secret clientSecret;
    private URI redirectUri;
    private URI postLogoutRedirectUri;
    private final Set<Scope> scopes = new LinkedHashSet<>();
    private EidasLevel eidasLevel;
    private Clock clock;
    private Secret transactionKey;
    private Duration transactionTtl = DEFAULT_TRANSACTION_TTL;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private Duration jwksCacheTtl = Duration.ofMinutes(15);
    private HttpTransport http;
    private TokenEndpointAuth tokenEndpointAuth = TokenEndpointAuth.CLIENT_SECRET_POST;
    private JWK clientSigningKey;
    private final List<JWK> decryptionKeys = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the provider (a preset or a discovered provider).
     *
     * @param provider the provider
     * @return this builder
     */
    public Builder provider(IdentityProvider provider) {
      this.provider = provider;
      return this;
    }

    /**
     * Sets the client id the provider issued for this environment.
     *
     * @param clientId the client id
     * @return this builder
     */
    public Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    /**
     * Sets the client secret; on ProConnect it also keys HS256 tokens, when registered so.
     *
     * @param clientSecret the secret
     * @return this builder
     */
    public Builder clientSecret(Secret clientSecret) {
      this.clientSecret = clientSecret;
      return this;
    }

    /**
     * Sets the redirect URI, exactly as registered (trailing slash included).
     *
     * @param redirectUri the callback URL, https (http on loopback only)
     * @return this builder
     */
    public Builder redirectUri(URI redirectUri) {
      this.redirectUri = redirectUri;
      return this;
    }

    /**
     * Sets the registered post-logout redirect URI; required for {@link #logoutUri}.
     *
     * @param uri the URL, https (http on loopback only)
     * @return this builder
     */
    public Builder postLogoutRedirectUri(URI uri) {
      this.postLogoutRedirectUri = uri;
      return this;
    }

    /**
     * Adds scopes; {@code openid} is always sent.
     *
     * @param scopes the scopes
     * @return this builder
     */
    public Builder scopes(Scope... scopes) {
      this.scopes.addAll(List.of(scopes));
      return this;
    }

    /**
     * Adds scopes; {@code openid} is always sent.
     *
     * @param scopes the scopes
     * @return this builder
     */
    public Builder scopes(java.util.Collection<Scope> scopes) {
      this.scopes.addAll(scopes);
      return this;
    }

    /**
     * Sets the eIDAS level to request and enforce. Defaults: {@code eidas1} on FranceConnect (the
     * only one), {@code eidas2} on FranceConnect+, none elsewhere. The returned {@code acr} must be
     * at least this level.
     *
     * @param level the level
     * @return this builder
     */
    public Builder eidasLevel(EidasLevel level) {
      this.eidasLevel = level;
      return this;
    }

    /**
     * Sets the clock (tests, simulators).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets the application secret the login transactions are sealed with: at least 32 bytes, the
     * same on every node, different from the client secret.
     *
     * @param applicationSecret the secret
     * @return this builder
     */
    public Builder transactionKey(Secret applicationSecret) {
      this.transactionKey = applicationSecret;
      return this;
    }

    /**
     * Sets how long a login may take (default 10 minutes).
     *
     * @param ttl the lifetime of a sealed transaction, positive
     * @return this builder
     */
    public Builder transactionTtl(Duration ttl) {
      if (ttl == null || ttl.isNegative() || ttl.isZero()) {
        throw new SocleClientException("transaction TTL must be positive");
      }
      this.transactionTtl = ttl;
      return this;
    }

    /**
     * Sets the clock skew tolerated on {@code exp} and {@code iat} (default 30 s, at most 5 min).
     *
     * @param skew the tolerance
     * @return this builder
     */
    public Builder clockSkew(Duration skew) {
      if (skew == null || skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new SocleClientException("clock skew must be between 0 and 5 minutes");
      }
      this.clockSkew = skew;
      return this;
    }

    /**
     * Sets how long the provider's keys are cached before a refresh (default 15 minutes). Keys are
     * refetched earlier when a token names an unknown key, and kept up to 12 hours past this while
     * the provider's key endpoint is down.
     *
     * @param ttl the cache lifetime, positive
     * @return this builder
     */
    public Builder jwksCacheTtl(Duration ttl) {
      if (ttl == null || ttl.isNegative() || ttl.isZero()) {
        throw new SocleClientException("JWKS cache TTL must be positive");
      }
      this.jwksCacheTtl = ttl;
      return this;
    }

    /**
     * Sets the HTTP transport (proxy, trust store, timeouts). The client does not close it.
     * Default: a transport with the {@link HttpPreset#OPENID_PROVIDER} preset (10 s deadline per
     * call), closed with the client.
     *
     * @param http the transport
     * @return this builder
     */
    public Builder httpTransport(HttpTransport http) {
      this.http = http;
      return this;
    }

    /**
     * Sets the token endpoint authentication (default client_secret_post, the only one presets
     * accept).
     *
     * @param auth the method
     * @return this builder
     */
    public Builder tokenEndpointAuth(TokenEndpointAuth auth) {
      this.tokenEndpointAuth = Objects.requireNonNull(auth, "auth");
      return this;
    }

    /**
     * Sets the key that signs private_key_jwt client assertions (RS256 for RSA, ES256 for P-256).
     *
     * @param keyId the key id registered at the provider
     * @param keyPair an RSA or P-256 key pair
     * @return this builder
     */
    public Builder clientSigningKey(String keyId, KeyPair keyPair) {
      this.clientSigningKey = toJwk(keyId, keyPair, KeyUse.SIGNATURE);
      return this;
    }

    /**
     * Adds a key that decrypts tokens encrypted to the application (FranceConnect+: RSA for
     * RSA-OAEP / RSA-OAEP-256, P-256 for ECDH-ES). Publish the public half with {@link
     * #publicJwks()}; keep the old key during a rotation.
     *
     * @param keyId the key id
     * @param keyPair an RSA (2048 bits or more) or P-256 key pair
     * @return this builder
     */
    public Builder decryptionKey(String keyId, KeyPair keyPair) {
      this.decryptionKeys.add(toJwk(keyId, keyPair, KeyUse.ENCRYPTION));
      return this;
    }

    /**
     * Adds the decryption keys of a private JWK set (for example kept in a secret store).
     *
     * @param privateJwkSet the JSON of a JWK set with private keys
     * @return this builder
     * @throws SocleClientException if it is not a JWK set of private RSA or EC keys
     */
    public Builder decryptionKeys(Secret privateJwkSet) {
      try {
        for (JWK key : JWKSet.parse(privateJwkSet.reveal()).getKeys()) {
          if (!key.isPrivate() || !(key instanceof RSAKey || key instanceof ECKey)) {
            throw new SocleClientException("decryption keys must be private RSA or EC keys");
          }
          this.decryptionKeys.add(key);
        }
      } catch (ParseException e) {
        throw new SocleClientException("decryption keys are not a JWK set");
      }
      return this;
    }

    private static JWK toJwk(String keyId, KeyPair keyPair, KeyUse use) {
      Objects.requireNonNull(keyId, "keyId");
      Objects.requireNonNull(keyPair, "keyPair");
      if (keyPair.getPublic() instanceof RSAPublicKey pub
          && keyPair.getPrivate() instanceof RSAPrivateKey priv) {
        if (pub.getModulus().bitLength() < 2048) {
          throw new SocleClientException("RSA keys must have at least 2048 bits");
        }
        return new RSAKey.Builder(pub).privateKey(priv).keyID(keyId).keyUse(use).build();
      }
      if (keyPair.getPublic() instanceof ECPublicKey pub
          && keyPair.getPrivate() instanceof ECPrivateKey priv) {
        com.nimbusds.jose.jwk.Curve curve =
            com.nimbusds.jose.jwk.Curve.forECParameterSpec(pub.getParams());
        if (!com.nimbusds.jose.jwk.Curve.P_256.equals(curve)) {
          throw new SocleClientException("EC keys must be on P-256");
        }
        return new ECKey.Builder(curve, pub).privateKey(priv).keyID(keyId).keyUse(use).build();
      }
      throw new SocleClientException("keys must be RSA or P-256 key pairs");
    }

    /**
     * Builds the client. Nothing is fetched yet: the provider is discovered at first use (or with
     * {@link IdentityClient#checkProvider()}).
     *
     * @return the client
     * @throws SocleClientException if the configuration is incomplete or inconsistent
     */
    public IdentityClient build() {
      return new IdentityClient(this);
    }
  }
}
