package fr.socle.testkit.franceconnect;

import fr.socle.core.InvalidInputException;
import fr.socle.core.Secret;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The settings {@link FranceConnectSimulator.Builder} exposes: the simulated platform and the one
 * service provider registered on it, with the rules a registration obeys. A package-private base
 * (as the JDK's {@code StringBuilder} over {@code AbstractStringBuilder}) so that the builder keeps
 * its public name while the simulator class holds only the running simulator.
 */
abstract class SimulatorSettings {
  Flavour flavour = Flavour.FC;
  int port;
  String clientId = FranceConnectSimulator.DEFAULT_CLIENT_ID;
  Secret clientSecret = Secret.of(FranceConnectSimulator.DEFAULT_CLIENT_SECRET);
  final List<String> redirectUris = new ArrayList<>();
  final List<String> postLogoutRedirectUris = new ArrayList<>();
  String clientJwks;
  URI clientJwksUri;
  SigningAlgorithm signingAlgorithm = SigningAlgorithm.ES256;
  Clock clock = Clock.systemUTC();
  Set<String> grantedScopes;
  int nonceMinLength = 22;
  int nonceMaxLength = 512;
  final List<TestUser> extraUsers = new ArrayList<>();
  Boolean strictLogout;
  String clientSigningJwks;
  URI sectorIdentifierUri;

  SimulatorSettings() {}

  private FranceConnectSimulator.Builder self() {
    return (FranceConnectSimulator.Builder) this;
  }

  /**
   * Registers the service provider for {@code private_key_jwt} client authentication with these
   * public keys: the token and revocation endpoints then require a client assertion signed by one
   * of them (RS256 or ES256 on FranceConnect, ES256 only on FranceConnect+) and refuse the client
   * secret, as the platform refuses a method other than the registered one ({@code Y044D82C}).
   * ProConnect no longer registers keys for services.
   *
   * @param publicJwks the JWKS of the service provider's public signing keys
   * @return this builder
   * @throws InvalidInputException if the document holds no public RSA or EC key
   */
  public FranceConnectSimulator.Builder clientSigningJwks(String publicJwks) {
    Objects.requireNonNull(publicJwks, "publicJwks");
    new ClientAssertions(publicJwks, Flavour.FC, "check", Clock.systemUTC());
    this.clientSigningJwks = publicJwks;
    return self();
  }

  /**
   * Registers a {@code sector_identifier_uri}: pairwise subjects are then computed for the host of
   * this URI instead of the client, so that several clients of one vendor (one per collectivité,
   * say) that declare the same sector get the same {@code sub} for a person. The document (a JSON
   * array of URIs) is fetched when the simulator starts and must list every registered redirect
   * URI. FranceConnect only.
   *
   * @param uri the sector document's URL, https (http on a loopback address)
   * @return this builder
   */
  public FranceConnectSimulator.Builder sectorIdentifierUri(URI uri) {
    this.sectorIdentifierUri = Objects.requireNonNull(uri, "uri");
    return self();
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
  public FranceConnectSimulator.Builder strictLogout(boolean strict) {
    this.strictLogout = strict;
    return self();
  }

  /**
   * Sets the simulated platform (default {@link Flavour#FC}).
   *
   * @param flavour the flavour
   * @return this builder
   */
  public FranceConnectSimulator.Builder flavour(Flavour flavour) {
    this.flavour = Objects.requireNonNull(flavour, "flavour");
    return self();
  }

  /**
   * Sets the port on 127.0.0.1 (default 0: a free port).
   *
   * @param port 0 to 65535
   * @return this builder
   */
  public FranceConnectSimulator.Builder port(int port) {
    if (port < 0 || port > 65535) {
      throw new InvalidInputException("port must be between 0 and 65535");
    }
    this.port = port;
    return self();
  }

  /**
   * Sets the registered client id (default {@link FranceConnectSimulator#DEFAULT_CLIENT_ID}).
   *
   * @param clientId the client id
   * @return this builder
   */
  public FranceConnectSimulator.Builder clientId(String clientId) {
    if (Objects.requireNonNull(clientId, "clientId").isBlank()) {
      throw new InvalidInputException("clientId must not be blank");
    }
    this.clientId = clientId;
    return self();
  }

  /**
   * Sets the registered client secret (default {@link
   * FranceConnectSimulator#DEFAULT_CLIENT_SECRET}).
   *
   * @param clientSecret the secret, at least 32 characters as on the real platforms
   * @return this builder
   */
  public FranceConnectSimulator.Builder clientSecret(Secret clientSecret) {
    if (Objects.requireNonNull(clientSecret, "clientSecret").length() < 32) {
      throw new InvalidInputException(
          "clientSecret must have at least 32 characters, as on the real platforms");
    }
    this.clientSecret = clientSecret;
    return self();
  }

  /**
   * Registers a redirect URI (exact match, as on the real platforms). Without any, {@link
   * FranceConnectSimulator#DEFAULT_REDIRECT_URI} is registered.
   *
   * @param redirectUri the URI
   * @return this builder
   */
  public FranceConnectSimulator.Builder redirectUri(URI redirectUri) {
    redirectUris.add(Objects.requireNonNull(redirectUri, "redirectUri").toString());
    return self();
  }

  /**
   * Registers a post-logout redirect URI. Without any, {@link
   * FranceConnectSimulator#DEFAULT_POST_LOGOUT_REDIRECT_URI} is registered.
   *
   * @param postLogoutRedirectUri the URI
   * @return this builder
   */
  public FranceConnectSimulator.Builder postLogoutRedirectUri(URI postLogoutRedirectUri) {
    postLogoutRedirectUris.add(
        Objects.requireNonNull(postLogoutRedirectUri, "postLogoutRedirectUri").toString());
    return self();
  }

  /**
   * Registers the service provider's public encryption keys (FranceConnect+), as a JWKS document.
   * The first RSA or EC key whose {@code use} is {@code enc} (or absent) is used: RSA-OAEP
   * (RSA-OAEP-256 if the key says so) or ECDH-ES, with A256GCM.
   *
   * @param jwksJson the JWKS, public keys only
   * @return this builder
   * @throws InvalidInputException if the document holds no usable key
   */
  public FranceConnectSimulator.Builder clientJwks(String jwksJson) {
    this.clientJwks = Objects.requireNonNull(jwksJson, "jwksJson");
    return self();
  }

  /**
   * Registers the URL where the service provider publishes its encryption keys (FranceConnect+);
   * the simulator fetches it each time it encrypts.
   *
   * @param jwksUri the service provider's JWKS URL
   * @return this builder
   */
  public FranceConnectSimulator.Builder clientJwksUri(URI jwksUri) {
    this.clientJwksUri = Objects.requireNonNull(jwksUri, "jwksUri");
    return self();
  }

  /**
   * Sets the signature algorithm chosen at registration (default ES256; FranceConnect+ accepts
   * ES256 only; HS256, keyed with the client secret, exists on ProConnect only).
   *
   * @param algorithm the algorithm
   * @return this builder
   */
  public FranceConnectSimulator.Builder signingAlgorithm(SigningAlgorithm algorithm) {
    this.signingAlgorithm = Objects.requireNonNull(algorithm, "algorithm");
    return self();
  }

  /**
   * Sets the clock used for code, token and session lifetimes (default the system UTC clock). Give
   * the same {@code fr.socle.testkit.TestClock} to the simulator and the client to test expiry;
   * give them different clocks to test clock skew.
   *
   * @param clock the clock
   * @return this builder
   */
  public FranceConnectSimulator.Builder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return self();
  }

  /**
   * Restricts the scopes granted to the service provider (its habilitation). By default every scope
   * of the flavour is granted; {@code openid} is always granted.
   *
   * @param scopes the granted scopes
   * @return this builder
   */
  public FranceConnectSimulator.Builder grantedScopes(Set<String> scopes) {
    Set<String> granted = new LinkedHashSet<>(Objects.requireNonNull(scopes, "scopes"));
    granted.add("openid");
    this.grantedScopes = granted;
    return self();
  }

  /**
   * Sets the accepted nonce length (default 22 to 512 characters, FranceConnect's rule since 2023;
   * in 2021 it was exactly 64, set {@code (64, 64)} to reproduce it). ProConnect accepts a missing
   * nonce whatever this setting.
   *
   * @param min the minimum length
   * @param max the maximum length
   * @return this builder
   */
  public FranceConnectSimulator.Builder nonceLength(int min, int max) {
    if (min < 1 || max < min) {
      throw new InvalidInputException("nonceLength needs 1 <= min <= max");
    }
    this.nonceMinLength = min;
    this.nonceMaxLength = max;
    return self();
  }

  /**
   * Adds a user to the identity page, after the built-in ones.
   *
   * @param user a {@link TestIdentity} (FranceConnect) or {@link TestAgent} (ProConnect)
   * @return this builder
   */
  public FranceConnectSimulator.Builder user(TestUser user) {
    extraUsers.add(Objects.requireNonNull(user, "user"));
    return self();
  }

  /**
   * Checks the settings against the platform's registration rules.
   *
   * @throws InvalidInputException if FranceConnect+ is chosen without client encryption keys or
   *     with another algorithm than ES256, HS256 outside ProConnect, or a user does not suit the
   *     flavour
   */
  final void validate() {
    if (flavour == Flavour.FC_PLUS) {
      if (clientJwks == null && clientJwksUri == null) {
        throw new InvalidInputException(
            "FranceConnect+ encrypts to the service provider's keys: call clientJwks(...) or"
                + " clientJwksUri(...)");
      }
      if (signingAlgorithm != SigningAlgorithm.ES256) {
        throw new InvalidInputException("signingAlgorithm must be ES256 on FranceConnect+");
      }
    }
    if (flavour == Flavour.PROCONNECT
        && (clientSigningJwks != null || sectorIdentifierUri != null)) {
      throw new InvalidInputException(
          "ProConnect registers no keys for services and uses public subjects: remove"
              + " clientSigningJwks(...) and sectorIdentifierUri(...)");
    }
    if (signingAlgorithm == SigningAlgorithm.HS256 && flavour != Flavour.PROCONNECT) {
      throw new InvalidInputException("signingAlgorithm HS256 exists on ProConnect only");
    }
    for (TestUser u : extraUsers) {
      if ((u instanceof TestAgent) != (flavour == Flavour.PROCONNECT)) {
        throw new InvalidInputException("user " + u + " does not suit " + flavour.cliName());
      }
    }
  }

  /** The registration these settings describe, the platform's defaults filled in. */
  final Registration registration() {
    List<TestUser> users = new ArrayList<>();
    users.addAll(flavour == Flavour.PROCONNECT ? TestAgent.ALL : TestIdentity.ALL);
    users.addAll(extraUsers);
    return new Registration(
        flavour,
        clientId,
        clientSecret,
        redirectUris.isEmpty()
            ? List.of(FranceConnectSimulator.DEFAULT_REDIRECT_URI.toString())
            : redirectUris,
        postLogoutRedirectUris.isEmpty()
            ? List.of(FranceConnectSimulator.DEFAULT_POST_LOGOUT_REDIRECT_URI.toString())
            : postLogoutRedirectUris,
        grantedScopes == null ? ClaimCatalogue.scopes(flavour) : grantedScopes,
        nonceMinLength,
        nonceMaxLength,
        users,
        strictLogout == null ? flavour == Flavour.PROCONNECT : strictLogout);
  }
}
