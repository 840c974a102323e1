package fr.socle.identity.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import fr.socle.core.Secret;
import fr.socle.identity.Identity;
import fr.socle.identity.IdentityClient;
import fr.socle.identity.IdentityClientBuilder;
import fr.socle.identity.IdentityProvider;
import fr.socle.identity.InvalidTokenException;
import fr.socle.identity.LoginStart;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import fr.socle.testkit.franceconnect.TestUser;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

/** Wiring between {@link IdentityClient} and the testkit's FranceConnect simulator. */
final class Conformance {
  static final Secret TRANSACTION_KEY =
      Secret.of("conformance-tests-transaction-key-0123456789abcdef");

  private Conformance() {}

  /** A client registered exactly as the simulator's service provider, on the simulator's issuer. */
  static IdentityClientBuilder clientFor(FranceConnectSimulator sim) {
    URI issuer = URI.create(sim.issuer());
    IdentityProvider provider =
        switch (sim.flavour()) {
          case FC -> IdentityProvider.franceConnect(issuer);
          case FC_PLUS -> IdentityProvider.franceConnectPlus(issuer);
          case PROCONNECT -> IdentityProvider.proConnect(issuer);
        };
    return IdentityClient.builder()
        .provider(provider)
        .clientId(sim.clientId())
        .clientSecret(sim.clientSecret())
        .redirectUri(sim.redirectUris().get(0))
        .postLogoutRedirectUri(sim.postLogoutRedirectUris().get(0))
        .transactionKey(TRANSACTION_KEY);
  }

  /** A full login: begin, the browser on the simulator, complete. */
  static Identity login(IdentityClient client, FranceConnectSimulator sim) {
    LoginStart start = client.begin();
    return client.complete(sim.login(start.authorizationUri()), start.sealedTransaction());
  }

  static Identity login(IdentityClient client, FranceConnectSimulator sim, TestUser user) {
    LoginStart start = client.begin();
    return client.complete(sim.login(start.authorizationUri(), user), start.sealedTransaction());
  }

  /** What a full login throws (fails the test if it succeeds). */
  static Throwable failure(IdentityClient client, FranceConnectSimulator sim) {
    Throwable t = catchThrowable(() -> login(client, sim));
    assertThat(t).as("the login must be refused").isNotNull();
    return t;
  }

  static InvalidTokenException.Reason tokenRejection(
      IdentityClient client, FranceConnectSimulator sim) {
    Throwable t = failure(client, sim);
    assertThat(t).isInstanceOf(InvalidTokenException.class);
    return ((InvalidTokenException) t).reason();
  }

  static KeyPair ecKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
