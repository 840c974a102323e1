package fr.socle.identity;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import fr.socle.core.InvalidInputException;
import fr.socle.core.Redaction;
import fr.socle.core.Secret;
import fr.socle.core.SocleClientException;
import fr.socle.core.http.HttpPreset;
import fr.socle.core.http.HttpTransport;
import fr.socle.core.json.Json;
import fr.socle.identity.internal.ClientAuthentication;
import fr.socle.identity.internal.FamilyProfile;
import fr.socle.identity.internal.LogoutRequests;
import fr.socle.identity.internal.ProviderEndpoints;
import fr.socle.identity.internal.ProviderMetadata;
import fr.socle.identity.internal.ProviderSession;
import fr.socle.identity.internal.QueryStrings;
import fr.socle.identity.internal.Randoms;
import fr.socle.identity.internal.SectorIdentifier;
import fr.socle.identity.internal.TransactionSealer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
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
 * client to release the HTTP transport it built (see {@link IdentityClientBuilder}); a shared
 * transport given to the builder stays open.
 */
public final class IdentityClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IdentityClient.class);

  /** Default lifetime of a login transaction. */
  public static final Duration DEFAULT_TRANSACTION_TTL = Duration.ofMinutes(10);

  /** Default clock skew on ID token times: the tokens live 60 seconds. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

  private final IdentityProvider provider;
  private final FamilyProfile profile;
  private final String clientId;
  private final URI redirectUri;
  private final URI postLogoutRedirectUri;
  private final List<Scope> scopes;
  private final Assurance assurance;
  private final JWK clientSigningKey;
  private final URI sectorIdentifierUri;
  private final JWKSet decryptionKeys;
  private final HttpTransport http;
  private final boolean ownsTransport;
  private final Json json;
  private final ProviderSession session;
  private final LoginFlow login;

  IdentityClient(IdentityClientBuilder b) {
    if (b.sharedTransport != null && b.transportCustomiser != null) {
      throw new InvalidInputException(
          "httpTransport is set twice: pass a shared transport or a customiser, not both");
    }
    this.provider = require(b.provider, "provider");
    this.profile = FamilyProfile.of(provider.family());
    this.clientId = require(b.clientId, "clientId");
    if (clientId.isBlank()) {
      throw new InvalidInputException("clientId must not be blank");
    }
    this.redirectUri =
        IdentityProvider.checkSecureUri(require(b.redirectUri, "redirectUri"), "redirectUri");
    this.postLogoutRedirectUri =
        b.postLogoutRedirectUri == null
            ? null
            : IdentityProvider.checkSecureUri(b.postLogoutRedirectUri, "postLogoutRedirectUri");
    LinkedHashSet<Scope> all = new LinkedHashSet<>();
    all.add(Scope.OPENID);
    all.addAll(b.scopes);
    this.scopes = List.copyOf(all);
    Clock clock = b.clock == null ? Clock.systemUTC() : b.clock;
    this.assurance = profile.defaultAssurance(b.assurance);
    profile.checkClientAuthentication(b.tokenEndpointAuth, b.clientSigningKey);
    ClientAuthentication clientAuthentication =
        ClientAuthentication.of(
            b.tokenEndpointAuth, clientId, b.clientSecret, b.clientSigningKey, clock);
    if (b.sectorIdentifierUri != null) {
      profile.checkSectorIdentifier();
    }
    this.sectorIdentifierUri =
        b.sectorIdentifierUri == null
            ? null
            : IdentityProvider.checkSecureUri(b.sectorIdentifierUri, "sectorIdentifierUri");
    profile.checkScopes(scopes);
    if (b.requestObjects) {
      profile.checkRequestObjects(b.clientSigningKey);
    }
    this.clientSigningKey = b.clientSigningKey;
    this.decryptionKeys = b.decryptionKeys.isEmpty() ? null : new JWKSet(b.decryptionKeys);
    profile.checkDecryptionKeys(decryptionKeys != null);
    TransactionSealer sealer =
        new TransactionSealer(
            require(b.transactionKey, "transactionKey"), clientId, b.transactionTtl, clock);
    this.ownsTransport = b.sharedTransport == null;
    this.http = ownsTransport ? ownTransport(b.transportCustomiser) : b.sharedTransport;
    this.json = Json.create();
    this.session =
        new ProviderSession(
            provider,
            profile,
            new ProviderSession.Settings(
                clientId, b.clientSecret, decryptionKeys, b.jwksCacheTtl, b.clockSkew, clock),
            http,
            json);
    this.login =
        new LoginFlow(
            new LoginFlow.Settings(
                provider,
                clientId,
                redirectUri,
                scopes,
                b.requestObjects ? b.clientSigningKey : null,
                b.keepProviderTokens,
                clock),
            profile,
            session,
            new ProviderEndpoints(http, json, clientAuthentication, profile),
            sealer,
            json);
  }

  // The "One SDK" transport pair (issue #15): a shared transport stays the caller's, a customised
  // one starts from the preset and is the client's. Both at once would leave one of them unused
  // without a word: refused.
  private static HttpTransport ownTransport(Consumer<HttpTransport.Builder> customiser) {
    HttpTransport.Builder preset = HttpTransport.builder().preset(HttpPreset.OPENID_PROVIDER);
    if (customiser != null) {
      customiser.accept(preset);
    }
    return preset.build();
  }

  private static <T> T require(T value, String name) {
    if (value == null) {
      throw new InvalidInputException(name + " is required: call " + name + "(...)");
    }
    return value;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static IdentityClientBuilder builder() {
    return new IdentityClientBuilder();
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
  public Optional<EidasLevel> eidasLevel() {
    return assurance == null ? Optional.empty() : assurance.minimumLevel();
  }

  /**
   * Returns the assurance requested and enforced when a login sets none.
   *
   * @return the requirement; empty when none is requested (ProConnect and generic providers by
   *     default)
   */
  public Optional<Assurance> assurance() {
    return Optional.ofNullable(assurance);
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
   * @throws InvalidInputException if an option is not defined by this provider family (see {@link
   *     LoginOptions})
   * @throws ProviderConfigurationException if the provider's discovery document cannot be trusted
   * @throws IdentityProviderException if the discovery document cannot be fetched
   */
  public LoginStart begin(LoginOptions options) {
    return login.begin(Objects.requireNonNull(options, "options"), assurance);
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
    return complete(QueryStrings.parse(callbackUri.getRawQuery()), sealedTransaction);
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
    return login.complete(
        Objects.requireNonNull(callbackParameters, "callbackParameters"), sealedTransaction);
  }

  /**
   * Gets a new access token with a refresh token (ProConnect issues them, valid two hours;
   * FranceConnect never does). An ID token in the response, if any, is ignored: the identity does
   * not change on a refresh.
   *
   * @param refreshToken the refresh token of {@link ProviderTokens#refreshToken()}
   * @return the new tokens; the refresh token is the new one if the provider rotated it, else the
   *     one given
   * @throws InvalidInputException on FranceConnect and FranceConnect+, which have no refresh token
   * @throws IdentityProviderException if the provider refuses (expired or revoked refresh token) or
   *     answers something else than a valid token response
   */
  public ProviderTokens refresh(Secret refreshToken) {
    return login.refresh(Objects.requireNonNull(refreshToken, "refreshToken"));
  }

  /**
   * Builds the RP-initiated logout URL for a user logged in with this client.
   *
   * @param identity the identity returned at login
   * @return the URL and the state to check on return
   * @throws InvalidInputException if no post-logout redirect URI is configured
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
   * @throws NullPointerException if {@code idTokenHint} is null
   * @throws InvalidInputException if {@code idTokenHint} is empty or no post-logout redirect URI is
   *     configured
   * @throws ProviderConfigurationException if the provider has no end_session_endpoint
   */
  public LogoutStart logoutUri(String idTokenHint) {
    Objects.requireNonNull(idTokenHint, "idTokenHint");
    if (idTokenHint.isEmpty()) {
      throw new InvalidInputException("idTokenHint is empty: pass the ID token of the login");
    }
    if (postLogoutRedirectUri == null) {
      throw new InvalidInputException(
          "postLogoutRedirectUri is not configured: call postLogoutRedirectUri(...) on the builder");
    }
    ProviderMetadata meta = session.resolve().metadata();
    if (meta.endSessionEndpoint() == null) {
      throw new ProviderConfigurationException("the provider has no end_session_endpoint");
    }
    String state = Randoms.alphanumeric64();
    return new LogoutStart(
        LogoutRequests.logoutUri(
            meta.endSessionEndpoint(), idTokenHint, state, postLogoutRedirectUri),
        state);
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
    boolean confirmed = LogoutRequests.verifyCallback(callbackParameters, expectedState);
    if (!confirmed) {
      log.debug("logout callback without state: tolerated");
    }
    return confirmed;
  }

  /**
   * Returns the public half of the client assertion key as a JWK set ({@code use=sig}), to register
   * with the provider for private_key_jwt.
   *
   * @return the JSON of the public JWK set; {@code {"keys":[]}} when no key is configured
   */
  public String publicSigningJwks() {
    return clientSigningKey == null
        ? "{\"keys\":[]}"
        : new JWKSet(clientSigningKey.toPublicJWK()).toString();
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
    session.resolve();
    verifySectorIdentifier();
  }

  /**
   * Checks the declared {@code sector_identifier_uri} document, when one is configured: it must be
   * a JSON array listing this client's redirect URI and not its post-logout URI. Run by {@link
   * #checkProvider()}; never during a login.
   *
   * @throws SocleClientException if the document does not list the redirect URI, or lists the
   *     post-logout URI
   * @throws IdentityProviderException if it cannot be fetched or is not an array of URIs
   */
  public void verifySectorIdentifier() {
    if (sectorIdentifierUri != null) {
      SectorIdentifier.verify(http, json, sectorIdentifierUri, redirectUri, postLogoutRedirectUri);
    }
  }

  /**
   * Returns the {@code sector_identifier_uri} declared for this client.
   *
   * @return the URI, if configured
   */
  public Optional<URI> sectorIdentifierUri() {
    return Optional.ofNullable(sectorIdentifierUri);
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
}
