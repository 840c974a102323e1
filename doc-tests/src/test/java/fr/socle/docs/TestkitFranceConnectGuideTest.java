package fr.socle.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.Secret;
import fr.socle.identity.Identity;
import fr.socle.identity.IdentityClient;
import fr.socle.identity.IdentityProvider;
import fr.socle.identity.InvalidTokenException;
import fr.socle.identity.LoginStart;
import fr.socle.identity.Scope;
import fr.socle.testkit.franceconnect.Flavour;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import fr.socle.testkit.franceconnect.FranceConnectSimulatorExtension;
import fr.socle.testkit.franceconnect.Misbehaviour;
import fr.socle.testkit.franceconnect.TestIdentity;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/testkit.md's FranceConnect simulator in JUnit 5, run. */
class TestkitFranceConnectGuideTest {
  // snippet: testkit-franceconnect-extension
  @RegisterExtension
  static FranceConnectSimulatorExtension fc =
      FranceConnectSimulatorExtension.of(
          FranceConnectSimulator.builder()
              .flavour(Flavour.FC) // FC, FC_PLUS, PROCONNECT
              .clientId("my-client-id") // defaults exist for all of these
              .clientSecret(Secret.of("my-client-secret-of-at-least-32-chars"))
              .redirectUri(URI.create("http://localhost:8080/login/callback"))
              .postLogoutRedirectUri(URI.create("http://localhost:8080/logout/callback")));

  IdentityClient identityClient; // the application's client, built on fc.simulator().issuer()

  // end snippet

  @BeforeEach
  void pointTheApplicationAtTheSimulator() {
    identityClient =
        IdentityClient.builder()
            .provider(IdentityProvider.franceConnect(URI.create(fc.simulator().issuer())))
            .clientId("my-client-id")
            .clientSecret(Secret.of("my-client-secret-of-at-least-32-chars"))
            .redirectUri(URI.create("http://localhost:8080/login/callback"))
            .postLogoutRedirectUri(URI.create("http://localhost:8080/logout/callback"))
            .scopes(Scope.IDENTITE_PIVOT)
            .transactionKey(Secret.of(System.getenv("LOGIN_TRANSACTION_KEY")))
            .build();
  }

  @AfterEach
  void closeTheClient() {
    identityClient.close();
  }

  // snippet: testkit-franceconnect-tests
  @Test
  void citizenBornAbroad_canRegister() {
    FranceConnectSimulator sim = fc.simulator();
    // the application under test's identityClient is pointed at sim.issuer()
    LoginStart start = identityClient.begin();
    URI callback = sim.login(start.authorizationUri(), TestIdentity.BORN_ABROAD); // the browser
    Identity who = identityClient.complete(callback, start.sealedTransaction());
    assertThat(who.birthplace()).isEmpty(); // born abroad: no birthplace, a birth country
  }

  @Test
  void tamperedToken_isRefused() {
    fc.simulator().misbehave(Misbehaviour.BAD_ID_TOKEN_SIGNATURE);
    LoginStart start = identityClient.begin();
    URI callback = fc.simulator().login(start.authorizationUri());
    assertThatThrownBy(() -> identityClient.complete(callback, start.sealedTransaction()))
        .isInstanceOf(InvalidTokenException.class);
  }
  // end snippet
}
