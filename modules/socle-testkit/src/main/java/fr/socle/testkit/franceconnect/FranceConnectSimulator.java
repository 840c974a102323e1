package fr.socle.testkit.franceconnect;

import fr.socle.core.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An in-process simulator of FranceConnect v2, FranceConnect+ and ProConnect, for tests and demos.
 *
 * <p>It serves, on {@code http://127.0.0.1:<port>/api/v2}, the same routes as the real platforms:
 * discovery, {@code /authorize} (GET and POST) with the real format checks and {@code Y...} error
 * pages, an identity page where a tester picks one of the {@linkplain TestIdentity test identities}
 * (also drivable by a plain form POST), {@code /token} (the registered client authentication:
 * client_secret_post, or private_key_jwt with {@link Builder#clientSigningJwks}; single-use codes
 * valid 30 seconds), {@code /userinfo} as {@code application/jwt} (nested in a JWE on
 * FranceConnect+), {@code /jwks}, {@code /session/end} and {@code /token/revocation}. ID tokens are
 * ES256 or RS256 with {@code at_hash}; the callback carries the RFC 9207 {@code iss}; subjects are
 * pairwise (64 hex + {@code v1}) on FranceConnect and public per identity provider on ProConnect.
 * It can {@linkplain #rotateKeys() rotate its keys} and {@linkplain #misbehave(Misbehaviour...)
 * misbehave} on demand.
 *
 * <p>One service provider is registered: its client id, secret, redirect URIs and post-logout URIs
 * are given to the builder (or take the defaults of the constants below).
 *
 * <pre>{@code
 * try (FranceConnectSimulator fc = FranceConnectSimulator.builder()
 *     .flavour(Flavour.FC)
 *     .redirectUri(URI.create("https://mairie.example/login/callback"))
 *     .build()
 *     .start()) {
 *   fc.issuer();          // http://127.0.0.1:<port>/api/v2
 *   fc.selectUser(TestIdentity.BORN_ABROAD);   // next logins skip the identity page
 * }
 * }</pre>
 *
 * <p>Thread-safe. The simulator listens on the loopback interface only.
 */
public final class FranceConnectSimulator implements AutoCloseable {
  /** Client id registered when none is given (64 hex characters, like real ones). */
  public static final String DEFAULT_CLIENT_ID =
      "20bad5a5357b7ba68d307f2e0f206e6165d2fffe0f55a56b675e2fed045aa122";

  /** Client secret registered when none is given (64 characters). */
  public static final String DEFAULT_CLIENT_SECRET =
      "socle-simulator-secret-do-not-use-in-production-0123456789abcdef";

  /** Redirect URI registered when none is given. */
  public static final URI DEFAULT_REDIRECT_URI = URI.create("http://localhost:8080/login/callback");

  /** Post-logout redirect URI registered when none is given. */
  public static final URI DEFAULT_POST_LOGOUT_REDIRECT_URI =
      URI.create("http://localhost:8080/logout/callback");

  private final Registration registration;
  private final int requestedPort;
  private final SigningKeys keys;
  private final SigningAlgorithm signingAlgorithm;
  private final ClientKeys clientKeys;
  private final String clientSigningJwks;
  private final URI sectorIdentifierUri;
  private final Clock clock;
  private final Object lock = new Object();
  private SimulatorServer server;

  private FranceConnectSimulator(Builder b) {
    this.registration =
        new Registration(
            b.flavour,
            b.clientId,
            b.clientSecret,
            b.redirectUris.isEmpty() ? List.of(DEFAULT_REDIRECT_URI.toString()) : b.redirectUris,
            b.postLogoutRedirectUris.isEmpty()
                ? List.of(DEFAULT_POST_LOGOUT_REDIRECT_URI.toString())
                : b.postLogoutRedirectUris,
            b.grantedScopes == null ? ClaimCatalogue.scopes(b.flavour) : b.grantedScopes,
            b.nonceMinLength,
            b.nonceMaxLength,
            users(b),
            b.strictLogout == null ? b.flavour == Flavour.PROCONNECT : b.strictLogout);
    this.requestedPort = b.port;
    this.keys = new SigningKeys(b.signingAlgorithm);
    this.signingAlgorithm = b.signingAlgorithm;
    this.clientKeys = new ClientKeys(b.clientJwks, b.clientJwksUri);
    this.clientSigningJwks = b.clientSigningJwks;
    this.sectorIdentifierUri = b.sectorIdentifierUri;
    this.clock = b.clock;
  }

  /**
   * What pairwise subjects are computed for: the host of the registered sector_identifier_uri
   * (OpenID Connect Core section 8.1), so that every client of one sector gets the same {@code
   * sub}; without one, the client itself. The sector document is fetched and must list every
   * registered redirect URI, as the platform checks at registration.
   */
  private String pairwiseSector() {
    if (sectorIdentifierUri == null) {
      return registration.clientId();
    }
    List<String> listed = SectorDocument.fetch(sectorIdentifierUri);
    for (String uri : registration.redirectUris()) {
      if (!listed.contains(uri)) {
        throw new IllegalStateException(
            "sector_identifier_uri does not list the redirect URI " + uri);
      }
    }
    return "sector:" + sectorIdentifierUri.getHost();
  }

  private static List<TestUser> users(Builder b) {
    List<TestUser> users = new ArrayList<>();
    users.addAll(b.flavour == Flavour.PROCONNECT ? TestAgent.ALL : TestIdentity.ALL);
    users.addAll(b.extraUsers);
    return users;
  }

  /**
   * Returns a builder with the defaults: flavour {@link Flavour#FC}, a free port, ES256, the
   * default client registration, the system UTC clock.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts listening on 127.0.0.1.
   *
   * @return this simulator
   * @throws IllegalStateException if already started
   * @throws UncheckedIOException if the port cannot be bound
   */
  public FranceConnectSimulator start() {
    synchronized (lock) {
      if (server != null) {
        throw new IllegalStateException("simulator already started");
      }
      try {
        this.server =
            SimulatorServer.start(
                requestedPort,
                iss ->
                    new SimulatorEndpoints(
                        registration,
                        iss,
                        keys,
                        new TokenMinter(
                            registration.flavour(),
                            iss,
                            registration.clientId(),
                            pairwiseSector(),
                            registration.clientSecret().revealBytes(),
                            keys,
                            signingAlgorithm,
                            clientKeys,
                            clock),
                        clientSigningJwks == null
                            ? null
                            : new ClientAssertions(
                                clientSigningJwks,
                                registration.flavour(),
                                registration.clientId(),
                                clock),
                        clock));
        return this;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the FranceConnect simulator", e);
      }
    }
  }

  /** Stops the server and forgets every code, token and session. Idempotent. */
  @Override
  public void close() {
    synchronized (lock) {
      if (server != null) {
        server.close();
        server = null;
      }
      clientKeys.close();
    }
  }

  /**
   * Returns the issuer, {@code http://127.0.0.1:<port>/api/v2}.
   *
   * @return the issuer
   * @throws IllegalStateException if not started
   */
  public String issuer() {
    return running().issuer();
  }

  /**
   * Returns the discovery document's URI.
   *
   * @return {@code <issuer>/.well-known/openid-configuration}
   */
  public URI discoveryUri() {
    return URI.create(issuer() + "/.well-known/openid-configuration");
  }

  /**
   * Returns the port the simulator listens on.
   *
   * @return the port
   */
  public int port() {
    return URI.create(issuer()).getPort();
  }

  /**
   * Returns the simulated platform.
   *
   * @return the flavour
   */
  public Flavour flavour() {
    return registration.flavour();
  }

  /**
   * Returns the registered client id.
   *
   * @return the client id
   */
  public String clientId() {
    return registration.clientId();
  }

  /**
   * Returns the registered client secret.
   *
   * @return the secret
   */
  public Secret clientSecret() {
    return registration.clientSecret();
  }

  /**
   * Returns the registered redirect URIs.
   *
   * @return the redirect URIs
   */
  public List<URI> redirectUris() {
    return registration.redirectUris().stream().map(URI::create).toList();
  }

  /**
   * Returns the registered post-logout redirect URIs.
   *
   * @return the post-logout redirect URIs
   */
  public List<URI> postLogoutRedirectUris() {
    return registration.postLogoutRedirectUris().stream().map(URI::create).toList();
  }

  /**
   * Returns the users offered on the identity page.
   *
   * @return the users
   */
  public List<TestUser> users() {
    return registration.users();
  }

  /**
   * Activates misbehaviours, in addition to those already active.
   *
   * @param misbehaviours what to do wrong
   */
  public void misbehave(Misbehaviour... misbehaviours) {
    running().state().misbehaviours.addAll(Arrays.asList(misbehaviours));
  }

  /** Deactivates every misbehaviour. */
  public void behave() {
    running().state().misbehaviours.clear();
  }

  /**
   * Returns the active misbehaviours.
   *
   * @return a snapshot
   */
  public Set<Misbehaviour> misbehaviours() {
    return running().state().active();
  }

  /**
   * Revokes every access token issued so far, as when the user's FranceConnect session ends
   * elsewhere: userinfo and data providers ({@link #introspect(String)}) then refuse them, while
   * the service provider's own session is untouched.
   */
  public void revokeAccessTokens() {
    running().state().accessTokens.clear();
  }

  /**
   * Looks up an access token this simulator issued, as FranceConnect's token check does for a data
   * provider of "API FranceConnectées" (API Particulier sends the user's token to FranceConnect and
   * gets the scopes and the pivot identity back). The testkit's API Particulier simulator uses it
   * to resolve {@code /france_connect} calls.
   *
   * @param accessToken the token, as the service provider received it
   * @return the token's scopes and claims ({@code active} false once expired); empty if this
   *     simulator never issued it, or revoked it (logout, code replay, revocation)
   */
  public Optional<TokenIntrospection> introspect(String accessToken) {
    Objects.requireNonNull(accessToken, "accessToken");
    SimulatorState.Access access = running().state().accessTokens.get(accessToken);
    if (access == null) {
      return Optional.empty();
    }
    Authentication auth = access.auth();
    return Optional.of(
        new TokenIntrospection(
            !access.expiresAt().isBefore(clock.instant()),
            access.expiresAt(),
            auth.scopes(),
            ClaimCatalogue.claims(registration.flavour(), auth.user(), auth.scopes())));
  }

  /**
   * Replaces the signing key with a new one under a new {@code kid}; the old key leaves the JWKS
   * immediately. Tokens already issued stay as they are; tokens issued afterwards use the new key.
   */
  public void rotateKeys() {
    keys.rotate();
  }

  /**
   * Returns the {@code kid} of the active signing key.
   *
   * @return the key id
   */
  public String currentKeyId() {
    return keys.active().getKeyID();
  }

  /**
   * Pre-selects the user of the next logins: {@code /authorize} then redirects straight to the
   * callback instead of showing the identity page, as for a user already logged in at the identity
   * provider. Stays until {@link #clearSelectedUser()}.
   *
   * @param user a user of this flavour (a {@link TestIdentity} on FranceConnect, a {@link
   *     TestAgent} on ProConnect)
   * @throws IllegalArgumentException if the user does not suit the flavour
   */
  public void selectUser(TestUser user) {
    checkSuits(user);
    running().state().selectedUser.set(user);
  }

  /** Shows the identity page again on the next logins. */
  public void clearSelectedUser() {
    running().state().selectedUser.set(null);
  }

  /**
   * Makes the identity provider authenticate the next users at a given level, sent unmodified in
   * the ID token's {@code acr} whatever was requested, as FranceConnect+ does ({@code acr_values}
   * is a preference there: an {@code eidas3} identity provider answers {@code eidas3} to an {@code
   * eidas2} request). Stays until {@link #reset()} or a call with {@code null}.
   *
   * @param acr the level, for example {@code eidas3}, or null for the granted level (the default)
   */
  public void authenticationLevel(String acr) {
    running().state().authenticationLevel.set(acr);
  }

  /** Number of pages, codes, tokens and hints held in memory; for the simulator's own tests. */
  int heldState() {
    return running().state().heldState();
  }

  /**
   * Deactivates misbehaviours, clears the pre-selected user and the authentication level (the JUnit
   * extension's reset after each test).
   */
  public void reset() {
    behave();
    clearSelectedUser();
    authenticationLevel(null);
  }

  /**
   * Returns the parameters of the last {@code /authorize} request, as received.
   *
   * @return the parameters, empty if none was received
   */
  public Map<String, String> lastAuthorizeParameters() {
    return running().state().lastAuthorize.get();
  }

  /**
   * Returns the form parameters of the last token request, {@code client_secret} replaced by {@code
   * <redacted>}.
   *
   * @return the parameters, empty if none was received
   */
  public Map<String, String> lastTokenParameters() {
    return running().state().lastToken.get();
  }

  /**
   * Tells whether the last userinfo request carried its access token in the query ({@code
   * ?access_token=}) rather than in an {@code Authorization: Bearer} header. FranceConnect accepts
   * both; a relying party should send the header (OpenID Connect RP conformance), which its tests
   * can check with this.
   *
   * @return true if the last userinfo request used the query
   */
  public boolean lastUserinfoTokenInQuery() {
    return running().state().lastUserinfoTokenInQuery.get();
  }

  /**
   * Acts as the user's browser: follows an authorization URL, picks the pre-selected user or {@link
   * TestIdentity#ANGELA_DUBOIS} / {@link TestAgent#DEMO_AGENT} on the identity page, and returns
   * the URI the browser is sent back to (the application's callback with {@code code}, {@code
   * state} and {@code iss}, or an error).
   *
   * @param authorizationUrl the URL produced by the application under test
   * @return the callback URI
   * @throws SimulatorErrorPageException if the simulator shows an error page
   */
  public URI login(URI authorizationUrl) {
    return login(authorizationUrl, defaultUser());
  }

  /**
   * Acts as the user's browser and logs in as the given user (unless another user is {@linkplain
   * #selectUser(TestUser) pre-selected}).
   *
   * @param authorizationUrl the URL produced by the application under test
   * @param user the user to pick on the identity page
   * @return the callback URI
   * @throws SimulatorErrorPageException if the simulator shows an error page
   */
  public URI login(URI authorizationUrl, TestUser user) {
    checkSuits(user);
    return running()
        .browser()
        .interact(authorizationUrl, "login", "login=" + urlEncode(user.login()));
  }

  /**
   * Acts as the user's browser and clicks "back to the service" on the identity page.
   *
   * @param authorizationUrl the URL produced by the application under test
   * @return the callback URI, carrying {@code error=access_denied}
   * @throws SimulatorErrorPageException if the simulator shows an error page
   */
  public URI abortLogin(URI authorizationUrl) {
    return running().browser().interact(authorizationUrl, "abort", "");
  }

  /**
   * Acts as the user's browser on a logout URL ({@code /session/end?...}).
   *
   * @param logoutUrl the URL produced by the application under test
   * @return the post-logout redirect URI the browser is sent to
   * @throws SimulatorErrorPageException if the simulator shows an error page
   */
  public URI logout(URI logoutUrl) {
    return running().browser().follow(logoutUrl);
  }

  private TestUser defaultUser() {
    return registration.flavour() == Flavour.PROCONNECT
        ? TestAgent.DEMO_AGENT
        : TestIdentity.ANGELA_DUBOIS;
  }

  private void checkSuits(TestUser user) {
    Objects.requireNonNull(user, "user");
    boolean agent = user instanceof TestAgent;
    if (agent != (registration.flavour() == Flavour.PROCONNECT)) {
      throw new IllegalArgumentException(
          user + " cannot log in on " + registration.flavour().cliName());
    }
    if (registration.user(user.login()) == null) {
      throw new IllegalArgumentException(user + " is not a user of this simulator");
    }
  }

  private static String urlEncode(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private SimulatorServer running() {
    synchronized (lock) {
      if (server == null) {
        throw new IllegalStateException("simulator not started");
      }
      return server;
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "FranceConnectSimulator["
          + registration.flavour().cliName()
          + (server == null ? ", stopped" : ", " + server.issuer())
          + "]";
    }
  }

  /**
   * Builder of {@link FranceConnectSimulator}. Not thread-safe; {@link #build()} may be called
   * several times.
   */
  public static final class Builder {
    private Flavour flavour = Flavour.FC;
    private int port;
    private String clientId = DEFAULT_CLIENT_ID;
    private Secret clientSecret = Secret.of(DEFAULT_CLIENT_SECRET);
    private final List<String> redirectUris = new ArrayList<>();
    private final List<String> postLogoutRedirectUris = new ArrayList<>();
    private String clientJwks;
    private URI clientJwksUri;
    private SigningAlgorithm signingAlgorithm = SigningAlgorithm.ES256;
    private Clock clock = Clock.systemUTC();
    private Set<String> grantedScopes;
    private int nonceMinLength = 22;
    private int nonceMaxLength = 512;
    private final List<TestUser> extraUsers = new ArrayList<>();
    private Boolean strictLogout;
    private String clientSigningJwks;
    private URI sectorIdentifierUri;

    private Builder() {}

    /**
     * Registers the service provider for {@code private_key_jwt} client authentication with these
     * public keys: the token and revocation endpoints then require a client assertion signed by one
     * of them (RS256 or ES256 on FranceConnect, ES256 only on FranceConnect+) and refuse the client
     * secret, as the platform refuses a method other than the registered one ({@code Y044D82C}).
     * ProConnect no longer registers keys for services.
     *
     * @param publicJwks the JWKS of the service provider's public signing keys
     * @return this builder
     * @throws IllegalArgumentException if the document holds no public RSA or EC key
     */
    public Builder clientSigningJwks(String publicJwks) {
      Objects.requireNonNull(publicJwks, "publicJwks");
      new ClientAssertions(publicJwks, Flavour.FC, "check", Clock.systemUTC());
      this.clientSigningJwks = publicJwks;
      return this;
    }

    /**
     * Registers a {@code sector_identifier_uri}: pairwise subjects are then computed for the host
     * of this URI instead of the client, so that several clients of one vendor (one per
     * collectivité, say) that declare the same sector get the same {@code sub} for a person. The
     * document (a JSON array of URIs) is fetched when the simulator starts and must list every
     * registered redirect URI. FranceConnect only.
     *
     * @param uri the sector document's URL, https (http on a loopback address)
     * @return this builder
     */
    public Builder sectorIdentifierUri(URI uri) {
      this.sectorIdentifierUri = Objects.requireNonNull(uri, "uri");
      return this;
    }

    /**
     * Makes {@code /session/end} require {@code state} and {@code post_logout_redirect_uri}, as the
     * partner documentation and the qualification do. Off by default on FranceConnect and
     * FranceConnect+, whose server only requires {@code id_token_hint} (france-connect sources:
     * back/libs/oidc-provider/src/dto/logout-params.dto.ts); on by default on ProConnect, whose
     * documentation requires all three. Turn it on to catch, in tests, a logout URL that the
     * qualification would refuse.
     *
     * @param strict true to require both parameters
     * @return this builder
     */
    public Builder strictLogout(boolean strict) {
      this.strictLogout = strict;
      return this;
    }

    /**
     * Sets the simulated platform (default {@link Flavour#FC}).
     *
     * @param flavour the flavour
     * @return this builder
     */
    public Builder flavour(Flavour flavour) {
      this.flavour = Objects.requireNonNull(flavour, "flavour");
      return this;
    }

    /**
     * Sets the port on 127.0.0.1 (default 0: a free port).
     *
     * @param port 0 to 65535
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range");
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the registered client id (default {@link #DEFAULT_CLIENT_ID}).
     *
     * @param clientId the client id
     * @return this builder
     */
    public Builder clientId(String clientId) {
      if (Objects.requireNonNull(clientId, "clientId").isBlank()) {
        throw new IllegalArgumentException("clientId must not be blank");
      }
      this.clientId = clientId;
      return this;
    }

    /**
     * Sets the registered client secret (default {@link #DEFAULT_CLIENT_SECRET}).
     *
     * @param clientSecret the secret, at least 32 characters as on the real platforms
     * @return this builder
     */
    public Builder clientSecret(Secret clientSecret) {
      if (Objects.requireNonNull(clientSecret, "clientSecret").length() < 32) {
        throw new IllegalArgumentException("client secrets have at least 32 characters");
      }
      this.clientSecret = clientSecret;
      return this;
    }

    /**
     * Registers a redirect URI (exact match, as on the real platforms). Without any, {@link
     * #DEFAULT_REDIRECT_URI} is registered.
     *
     * @param redirectUri the URI
     * @return this builder
     */
    public Builder redirectUri(URI redirectUri) {
      redirectUris.add(Objects.requireNonNull(redirectUri, "redirectUri").toString());
      return this;
    }

    /**
     * Registers a post-logout redirect URI. Without any, {@link #DEFAULT_POST_LOGOUT_REDIRECT_URI}
     * is registered.
     *
     * @param postLogoutRedirectUri the URI
     * @return this builder
     */
    public Builder postLogoutRedirectUri(URI postLogoutRedirectUri) {
      postLogoutRedirectUris.add(
          Objects.requireNonNull(postLogoutRedirectUri, "postLogoutRedirectUri").toString());
      return this;
    }

    /**
     * Registers the service provider's public encryption keys (FranceConnect+), as a JWKS document.
     * The first RSA or EC key whose {@code use} is {@code enc} (or absent) is used: RSA-OAEP
     * (RSA-OAEP-256 if the key says so) or ECDH-ES, with A256GCM.
     *
     * @param jwksJson the JWKS, public keys only
     * @return this builder
     * @throws IllegalArgumentException if the document holds no usable key
     */
    public Builder clientJwks(String jwksJson) {
      this.clientJwks = Objects.requireNonNull(jwksJson, "jwksJson");
      return this;
    }

    /**
     * Registers the URL where the service provider publishes its encryption keys (FranceConnect+);
     * the simulator fetches it each time it encrypts.
     *
     * @param jwksUri the service provider's JWKS URL
     * @return this builder
     */
    public Builder clientJwksUri(URI jwksUri) {
      this.clientJwksUri = Objects.requireNonNull(jwksUri, "jwksUri");
      return this;
    }

    /**
     * Sets the signature algorithm chosen at registration (default ES256; FranceConnect+ accepts
     * ES256 only; HS256, keyed with the client secret, exists on ProConnect only).
     *
     * @param algorithm the algorithm
     * @return this builder
     */
    public Builder signingAlgorithm(SigningAlgorithm algorithm) {
      this.signingAlgorithm = Objects.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /**
     * Sets the clock used for code, token and session lifetimes (default the system UTC clock).
     * Give the same {@code fr.socle.core.MutableClock} to the simulator and the client to test
     * expiry; give them different clocks to test clock skew.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Restricts the scopes granted to the service provider (its habilitation). By default every
     * scope of the flavour is granted; {@code openid} is always granted.
     *
     * @param scopes the granted scopes
     * @return this builder
     */
    public Builder grantedScopes(Set<String> scopes) {
      Set<String> granted = new LinkedHashSet<>(scopes);
      granted.add("openid");
      this.grantedScopes = granted;
      return this;
    }

    /**
     * Sets the accepted nonce length (default 22 to 512 characters, FranceConnect's rule since
     * 2023; in 2021 it was exactly 64, set {@code (64, 64)} to reproduce it). ProConnect accepts a
     * missing nonce whatever this setting.
     *
     * @param min the minimum length
     * @param max the maximum length
     * @return this builder
     */
    public Builder nonceLength(int min, int max) {
      if (min < 1 || max < min) {
        throw new IllegalArgumentException("need 1 <= min <= max");
      }
      this.nonceMinLength = min;
      this.nonceMaxLength = max;
      return this;
    }

    /**
     * Adds a user to the identity page, after the built-in ones.
     *
     * @param user a {@link TestIdentity} (FranceConnect) or {@link TestAgent} (ProConnect)
     * @return this builder
     */
    public Builder user(TestUser user) {
      extraUsers.add(Objects.requireNonNull(user, "user"));
      return this;
    }

    /**
     * Builds the simulator (not started).
     *
     * @return the simulator
     * @throws IllegalStateException if FranceConnect+ is chosen without client encryption keys or
     *     with another algorithm than ES256, HS256 outside ProConnect, or a user does not suit the
     *     flavour
     */
    public FranceConnectSimulator build() {
      if (flavour == Flavour.FC_PLUS) {
        if (clientJwks == null && clientJwksUri == null) {
          throw new IllegalStateException(
              "FranceConnect+ encrypts to the service provider's keys: set clientJwks or"
                  + " clientJwksUri");
        }
        if (signingAlgorithm != SigningAlgorithm.ES256) {
          throw new IllegalStateException("FranceConnect+ signs with ES256 only");
        }
      }
      if (flavour == Flavour.PROCONNECT
          && (clientSigningJwks != null || sectorIdentifierUri != null)) {
        throw new IllegalStateException(
            "ProConnect registers no keys for services and uses public subjects");
      }
      if (signingAlgorithm == SigningAlgorithm.HS256 && flavour != Flavour.PROCONNECT) {
        throw new IllegalStateException("HS256 registrations exist on ProConnect only");
      }
      for (TestUser u : extraUsers) {
        if ((u instanceof TestAgent) != (flavour == Flavour.PROCONNECT)) {
          throw new IllegalStateException(u + " does not suit " + flavour.cliName());
        }
      }
      return new FranceConnectSimulator(this);
    }
  }
}
