package fr.socle.testkit.franceconnect;

import fr.socle.core.InvalidInputException;
import fr.socle.core.Secret;
import fr.socle.core.SocleClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
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
    b.validate();
    this.registration = b.registration();
    this.requestedPort = b.port;
    this.keys = new SigningKeys(b.signingAlgorithm);
    this.signingAlgorithm = b.signingAlgorithm;
    this.clientKeys = new ClientKeys(b.clientJwks, b.clientJwksUri);
    this.clientSigningJwks = b.clientSigningJwks;
    this.sectorIdentifierUri = b.sectorIdentifierUri;
    this.clock = b.clock;
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
   * @throws SocleClientException if already started
   * @throws InvalidInputException if the registered sector document does not list every redirect
   *     URI
   * @throws UncheckedIOException if the port cannot be bound
   */
  public FranceConnectSimulator start() {
    synchronized (lock) {
      if (server != null) {
        throw new SocleClientException("simulator already started");
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
                            SectorDocument.pairwiseSector(sectorIdentifierUri, registration),
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
   * @throws SocleClientException if not started
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
   * @throws InvalidInputException if the user does not suit the flavour
   */
  public void selectUser(TestUser user) {
    registration.checkSuits(user);
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
    return login(authorizationUrl, registration.defaultUser());
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
    registration.checkSuits(user);
    return running()
        .browser()
        .interact(
            authorizationUrl,
            "login",
            "login=" + URLEncoder.encode(user.login(), StandardCharsets.UTF_8));
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

  private SimulatorServer running() {
    synchronized (lock) {
      if (server == null) {
        throw new SocleClientException("simulator not started: call start() first");
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
   * Builder of {@link FranceConnectSimulator}; its settings are described on each setter. Not
   * thread-safe; {@link #build()} may be called several times.
   */
  public static final class Builder extends SimulatorSettings {
    private Builder() {}

    /**
     * Builds the simulator (not started).
     *
     * @return the simulator
     * @throws InvalidInputException if FranceConnect+ is chosen without client encryption keys or
     *     with another algorithm than ES256, HS256 outside ProConnect, or a user does not suit the
     *     flavour
     */
    public FranceConnectSimulator build() {
      return new FranceConnectSimulator(this);
    }
  }
}
