package fr.socle.docs;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.core.Secret;
import fr.socle.identity.Identity;
import fr.socle.identity.IdentityClient;
import fr.socle.identity.IdentityProvider;
import fr.socle.identity.LoginStart;
import fr.socle.identity.Scope;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import fr.socle.testkit.franceconnect.FranceConnectSimulatorExtension;
import fr.socle.testkit.franceconnect.TestIdentity;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * README.md's "A first login, in plain Java", run: the client is configured exactly as shown (the
 * build sets FC_CLIENT_ID, FC_CLIENT_SECRET and LOGIN_TRANSACTION_KEY to the simulator's test
 * registration), then pointed at the FranceConnect simulator instead of the sandbox for the login.
 */
class ReadmeExamplesTest {
  @RegisterExtension
  static final FranceConnectSimulatorExtension FRANCE_CONNECT =
      FranceConnectSimulatorExtension.of(
          FranceConnectSimulator.builder()
              .clientId(System.getenv("FC_CLIENT_ID"))
              .clientSecret(Secret.of(System.getenv("FC_CLIENT_SECRET")))
              .redirectUri(URI.create("https://mon-service.fr/auth/callback"))
              .postLogoutRedirectUri(URI.create("https://mon-service.fr/auth/logged-out")));

  @Test
  void firstLogin_asShown_logsTheCitizenIn() {
    // snippet: readme-first-login-client
    IdentityClient franceConnect =
        IdentityClient.builder()
            .provider(IdentityProvider.franceConnectSandbox())
            .clientId(System.getenv("FC_CLIENT_ID"))
            .clientSecret(Secret.of(System.getenv("FC_CLIENT_SECRET")))
            .redirectUri(URI.create("https://mon-service.fr/auth/callback"))
            .postLogoutRedirectUri(URI.create("https://mon-service.fr/auth/logged-out"))
            .scopes(Scope.OPENID, Scope.IDENTITE_PIVOT, Scope.EMAIL)
            .transactionKey(Secret.of(System.getenv("LOGIN_TRANSACTION_KEY")))
            .build();
    // end snippet
    assertThat(franceConnect).isNotNull();

    // The same configuration against the simulator: the sandbox is on the internet.
    franceConnect =
        IdentityClient.builder()
            .provider(
                IdentityProvider.franceConnect(URI.create(FRANCE_CONNECT.simulator().issuer())))
            .clientId(System.getenv("FC_CLIENT_ID"))
            .clientSecret(Secret.of(System.getenv("FC_CLIENT_SECRET")))
            .redirectUri(URI.create("https://mon-service.fr/auth/callback"))
            .postLogoutRedirectUri(URI.create("https://mon-service.fr/auth/logged-out"))
            .scopes(Scope.OPENID, Scope.IDENTITE_PIVOT, Scope.EMAIL)
            .transactionKey(Secret.of(System.getenv("LOGIN_TRANSACTION_KEY")))
            .build();

    // snippet: readme-first-login-begin
    // Redirect the browser to start.authorizationUri(); keep start.sealedTransaction() in a cookie.
    LoginStart start = franceConnect.begin();
    // end snippet
    // The browser: the citizen logs in, FranceConnect redirects to the callback.
    URI callback =
        FRANCE_CONNECT.simulator().login(start.authorizationUri(), TestIdentity.BORN_ABROAD);
    Map<String, String> callbackParameters = Queries.parse(callback);
    String sealedTransaction = start.sealedTransaction();
    // snippet: readme-first-login-complete
    // On the callback: its query parameters, and the sealed transaction from the cookie.
    Identity citizen = franceConnect.complete(callbackParameters, sealedTransaction);
    // end snippet

    assertThat(citizen.givenNames()).isEqualTo(TestIdentity.BORN_ABROAD.givenNames());
    assertThat(citizen.email()).contains(TestIdentity.BORN_ABROAD.email());
  }
}
