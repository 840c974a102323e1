package fr.socle.identity;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import fr.socle.core.InvalidInputException;
import fr.socle.core.Secret;
import fr.socle.core.http.HttpPreset;
import fr.socle.core.http.HttpTransport;
import fr.socle.identity.internal.ClientKeys;
import java.net.URI;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Configures an {@link IdentityClient}; obtained from {@link IdentityClient#builder()}. Not
 * thread-safe; {@link #build()} validates the whole configuration.
 *
 * <p>The HTTP transport, as in every Socle remote client: {@link #httpTransport(HttpTransport)}
 * shares a transport the application owns (the client never closes it), {@link
 * #httpTransport(Consumer)} adjusts a transport the client builds from {@link
 * HttpPreset#OPENID_PROVIDER}, owns and closes. Setting both is an {@link InvalidInputException} at
 * {@link #build()}; setting neither gives the preset unchanged.
 */
public final class IdentityClientBuilder {
  IdentityProvider provider;
  String clientId;
  Secret clientSecret;
  URI redirectUri;
  URI postLogoutRedirectUri;
  final Set<Scope> scopes = new LinkedHashSet<>();
  Assurance assurance;
  Clock clock;
  Secret transactionKey;
  Duration transactionTtl = IdentityClient.DEFAULT_TRANSACTION_TTL;
  Duration clockSkew = IdentityClient.DEFAULT_CLOCK_SKEW;
  Duration jwksCacheTtl = Duration.ofMinutes(15);
  HttpTransport sharedTransport;
  Consumer<HttpTransport.Builder> transportCustomiser;
  TokenEndpointAuth tokenEndpointAuth = TokenEndpointAuth.CLIENT_SECRET_POST;
  boolean keepProviderTokens;
  URI sectorIdentifierUri;
  boolean requestObjects;
  JWK clientSigningKey;
  final List<JWK> decryptionKeys = new ArrayList<>();

  IdentityClientBuilder() {}

  /**
   * Sets the provider (a preset or a discovered provider).
   *
   * @param provider the provider
   * @return this builder
   */
  public IdentityClientBuilder provider(IdentityProvider provider) {
    this.provider = provider;
    return this;
  }

  /**
   * Sets the client id the provider issued for this environment.
   *
   * @param clientId the client id
   * @return this builder
   */
  public IdentityClientBuilder clientId(String clientId) {
    this.clientId = clientId;
    return this;
  }

  /**
   * Sets the client secret; on ProConnect it also keys HS256 tokens, when registered so.
   *
   * @param clientSecret the secret
   * @return this builder
   */
  public IdentityClientBuilder clientSecret(Secret clientSecret) {
    this.clientSecret = clientSecret;
    return this;
  }

  /**
   * Sets the redirect URI, exactly as registered (trailing slash included).
   *
   * @param redirectUri the callback URL, https (http on loopback only)
   * @return this builder
   */
  public IdentityClientBuilder redirectUri(URI redirectUri) {
    this.redirectUri = redirectUri;
    return this;
  }

  /**
   * Sets the registered post-logout redirect URI; required for {@link IdentityClient#logoutUri}.
   *
   * @param uri the URL, https (http on loopback only)
   * @return this builder
   */
  public IdentityClientBuilder postLogoutRedirectUri(URI uri) {
    this.postLogoutRedirectUri = uri;
    return this;
  }

  /**
   * Adds scopes; {@code openid} is always sent.
   *
   * @param scopes the scopes
   * @return this builder
   */
  public IdentityClientBuilder scopes(Scope... scopes) {
    this.scopes.addAll(List.of(scopes));
    return this;
  }

  /**
   * Adds scopes; {@code openid} is always sent.
   *
   * @param scopes the scopes
   * @return this builder
   */
  public IdentityClientBuilder scopes(Collection<Scope> scopes) {
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
  public IdentityClientBuilder eidasLevel(EidasLevel level) {
    this.assurance = level == null ? null : Assurance.atLeast(level);
    return this;
  }

  /**
   * Sets the assurance to request and enforce on every login that does not set its own ({@link
   * LoginOptions.Builder#assurance}): an eIDAS level, or on ProConnect {@link
   * Assurance#multiFactor()} or {@link Assurance#certificationDirigeant()}. Replaces {@link
   * #eidasLevel}.
   *
   * @param assurance the requirement
   * @return this builder
   * @throws NullPointerException if {@code assurance} is null
   */
  public IdentityClientBuilder assurance(Assurance assurance) {
    this.assurance = Objects.requireNonNull(assurance, "assurance");
    return this;
  }

  /**
   * Sets the clock (tests, simulators).
   *
   * @param clock the clock
   * @return this builder
   */
  public IdentityClientBuilder clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /**
   * Sets the application secret the login transactions are sealed with: at least 32 bytes, the same
   * on every node, different from the client secret.
   *
   * @param applicationSecret the secret
   * @return this builder
   */
  public IdentityClientBuilder transactionKey(Secret applicationSecret) {
    this.transactionKey = applicationSecret;
    return this;
  }

  /**
   * Sets how long a login may take (default 10 minutes).
   *
   * @param ttl the lifetime of a sealed transaction, positive
   * @return this builder
   */
  public IdentityClientBuilder transactionTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new InvalidInputException("transactionTtl must be positive");
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
  public IdentityClientBuilder clockSkew(Duration skew) {
    Objects.requireNonNull(skew, "skew");
    if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new InvalidInputException("clockSkew must be between 0 and 5 minutes");
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
  public IdentityClientBuilder jwksCacheTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new InvalidInputException("jwksCacheTtl must be positive");
    }
    this.jwksCacheTtl = ttl;
    return this;
  }

  /**
   * Shares a transport the application owns (proxy, trust store, timeouts, connection pool): the
   * client never closes it, so one transport can serve several clients. Exclusive with {@link
   * #httpTransport(Consumer)}.
   *
   * @param http the transport
   * @return this builder
   * @throws NullPointerException if {@code http} is null
   */
  public IdentityClientBuilder httpTransport(HttpTransport http) {
    this.sharedTransport = Objects.requireNonNull(http, "http");
    return this;
  }

  /**
   * Adjusts the transport the client builds, owns and closes with itself. The customiser receives a
   * builder set to {@link HttpPreset#OPENID_PROVIDER} (discovery, keys, token and userinfo are
   * small documents a login waits for: a 10 s deadline per call) and may change its proxy, trust
   * store, timeouts or application name. Without either {@code httpTransport} call the client
   * builds the preset unchanged. Exclusive with {@link #httpTransport(HttpTransport)}.
   *
   * <pre>{@code
   * IdentityClient.builder()
   *     .httpTransport(http -> http.applicationName("mairie-de-demo/1.0").trustStore(trust))
   * }</pre>
   *
   * @param customiser called once, at {@link #build()}, with the preset's builder
   * @return this builder
   * @throws NullPointerException if {@code customiser} is null
   */
  public IdentityClientBuilder httpTransport(Consumer<HttpTransport.Builder> customiser) {
    this.transportCustomiser = Objects.requireNonNull(customiser, "customiser");
    return this;
  }

  /**
   * Declares the {@code sector_identifier_uri} registered for this client (FranceConnect,
   * FranceConnect+, generic providers). FranceConnect's subjects are pairwise: without a sector,
   * each client id gets its own {@code sub} for the same person, so a vendor with one client per
   * collectivité, or one service on several domains, cannot recognise a user across them. With the
   * same sector declared for all of them, the {@code sub} is the same. The sector is registered at
   * the platform; this setting lets {@link IdentityClient#verifySectorIdentifier()} check that the
   * document lists this client's redirect URI.
   *
   * @param uri the https URL of the JSON array of redirect URIs
   * @return this builder
   */
  public IdentityClientBuilder sectorIdentifierUri(URI uri) {
    this.sectorIdentifierUri = Objects.requireNonNull(uri, "uri");
    return this;
  }

  /**
   * Also sends the authorization parameters as a signed request object ({@code request}, OpenID
   * Connect Core section 6.1), signed with {@link #clientSigningKey}: the provider then knows the
   * parameters came from this client unaltered. For generic providers only: FranceConnect and
   * ProConnect answer a request object with an error page (see the identity guide).
   *
   * @param enabled true to send request objects
   * @return this builder
   */
  public IdentityClientBuilder requestObjects(boolean enabled) {
    this.requestObjects = enabled;
    return this;
  }

  /**
   * Keeps the provider's access token, its expiry and its refresh token (ProConnect) in {@link
   * Identity#providerTokens()}, for an application that calls APIs with them or refreshes them. Off
   * by default: the tokens are dropped once the identity is verified.
   *
   * @param keep true to keep them
   * @return this builder
   */
  public IdentityClientBuilder keepProviderTokens(boolean keep) {
    this.keepProviderTokens = keep;
    return this;
  }

  /**
   * Sets the token endpoint authentication (default client_secret_post). FranceConnect and
   * FranceConnect+ also accept private_key_jwt (ES256 only on FranceConnect+) with the key
   * registered for the service; ProConnect accepts client_secret_post only; client_secret_basic is
   * for generic providers.
   *
   * @param auth the method
   * @return this builder
   */
  public IdentityClientBuilder tokenEndpointAuth(TokenEndpointAuth auth) {
    this.tokenEndpointAuth = Objects.requireNonNull(auth, "auth");
    return this;
  }

  /**
   * Sets the key that signs private_key_jwt client assertions (RS256 for RSA, ES256 for P-256;
   * FranceConnect+ needs P-256). Register its public half (or the URL of {@link
   * IdentityClient#publicSigningJwks()}) with the provider.
   *
   * @param keyId the key id registered at the provider
   * @param keyPair an RSA or P-256 key pair
   * @return this builder
   */
  public IdentityClientBuilder clientSigningKey(String keyId, KeyPair keyPair) {
    this.clientSigningKey = ClientKeys.toJwk(keyId, keyPair, KeyUse.SIGNATURE);
    return this;
  }

  /**
   * Adds a key that decrypts tokens encrypted to the application (FranceConnect+: RSA for RSA-OAEP
   * / RSA-OAEP-256, P-256 for ECDH-ES). Publish the public half with {@link
   * IdentityClient#publicJwks()}; keep the old key during a rotation.
   *
   * @param keyId the key id
   * @param keyPair an RSA (2048 bits or more) or P-256 key pair
   * @return this builder
   */
  public IdentityClientBuilder decryptionKey(String keyId, KeyPair keyPair) {
    this.decryptionKeys.add(ClientKeys.toJwk(keyId, keyPair, KeyUse.ENCRYPTION));
    return this;
  }

  /**
   * Adds the decryption keys of a private JWK set (for example kept in a secret store).
   *
   * @param privateJwkSet the JSON of a JWK set with private keys
   * @return this builder
   * @throws InvalidInputException if it is not a JWK set of private RSA or EC keys
   */
  public IdentityClientBuilder decryptionKeys(Secret privateJwkSet) {
    this.decryptionKeys.addAll(
        ClientKeys.privateKeys(Objects.requireNonNull(privateJwkSet, "privateJwkSet")));
    return this;
  }

  /**
   * Builds the client. Nothing is fetched yet: the provider is discovered at first use (or with
   * {@link IdentityClient#checkProvider()}).
   *
   * @return the client
   * @throws InvalidInputException if the configuration is incomplete or inconsistent
   */
  public IdentityClient build() {
    return new IdentityClient(this);
  }
}
