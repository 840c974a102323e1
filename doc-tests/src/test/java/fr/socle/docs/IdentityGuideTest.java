package fr.socle.docs;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.core.Secret;
import fr.socle.core.SocleException;
import fr.socle.core.http.HttpPreset;
import fr.socle.core.http.HttpTransport;
import fr.socle.identity.Assurance;
import fr.socle.identity.EidasLevel;
import fr.socle.identity.EidasLevelTooLowException;
import fr.socle.identity.Identity;
import fr.socle.identity.IdentityClient;
import fr.socle.identity.IdentityClientBuilder;
import fr.socle.identity.IdentityProvider;
import fr.socle.identity.LoginCancelledException;
import fr.socle.identity.LoginOptions;
import fr.socle.identity.LoginStart;
import fr.socle.identity.LogoutStart;
import fr.socle.identity.ProviderTokens;
import fr.socle.identity.Scope;
import fr.socle.identity.servlet.IdentityCallback;
import fr.socle.identity.servlet.IdentityServlet;
import fr.socle.testkit.franceconnect.Flavour;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import fr.socle.testkit.franceconnect.FranceConnectSimulatorExtension;
import fr.socle.testkit.franceconnect.TestAgent;
import fr.socle.testkit.franceconnect.TestIdentity;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The examples of docs/identity.md, run against the FranceConnect and ProConnect simulators. Each
 * client is configured as shown (the build sets FC_CLIENT_ID, FC_CLIENT_SECRET, PC_CLIENT_ID,
 * PC_CLIENT_SECRET and LOGIN_TRANSACTION_KEY to the simulators' registrations), then the same
 * configuration is pointed at a simulator instead of the sandbox or production host.
 */
class IdentityGuideTest {
  static final URI CALLBACK = URI.create("https://mairie.example.fr/auth/callback");
  static final URI LOGGED_OUT = URI.create("https://mairie.example.fr/auth/logged-out");

  @RegisterExtension
  static final FranceConnectSimulatorExtension FRANCE_CONNECT =
      FranceConnectSimulatorExtension.of(
          FranceConnectSimulator.builder()
              .clientId(System.getenv("FC_CLIENT_ID"))
              .clientSecret(Secret.of(System.getenv("FC_CLIENT_SECRET")))
              .redirectUri(CALLBACK)
              .postLogoutRedirectUri(LOGGED_OUT));

  @RegisterExtension
  static final FranceConnectSimulatorExtension PRO_CONNECT =
      FranceConnectSimulatorExtension.of(
          FranceConnectSimulator.builder()
              .flavour(Flavour.PROCONNECT)
              .clientId(System.getenv("PC_CLIENT_ID"))
              .clientSecret(Secret.of(System.getenv("PC_CLIENT_SECRET")))
              .redirectUri(CALLBACK)
              .postLogoutRedirectUri(LOGGED_OUT));

  /** The guide's FranceConnect client, on the simulator. */
  static IdentityClientBuilder franceConnectOnSimulator() {
    return IdentityClient.builder()
        .provider(IdentityProvider.franceConnect(URI.create(FRANCE_CONNECT.simulator().issuer())))
        .clientId(System.getenv("FC_CLIENT_ID"))
        .clientSecret(Secret.of(System.getenv("FC_CLIENT_SECRET")))
        .redirectUri(CALLBACK)
        .postLogoutRedirectUri(LOGGED_OUT)
        .scopes(Scope.IDENTITE_PIVOT, Scope.EMAIL)
        .transactionKey(Secret.of(System.getenv("LOGIN_TRANSACTION_KEY")));
  }

  /** The guide's ProConnect client, on the simulator. */
  static IdentityClientBuilder proConnectOnSimulator() {
    return IdentityClient.builder()
        .provider(IdentityProvider.proConnect(URI.create(PRO_CONNECT.simulator().issuer())))
        .clientId(System.getenv("PC_CLIENT_ID"))
        .clientSecret(Secret.of(System.getenv("PC_CLIENT_SECRET")))
        .redirectUri(CALLBACK)
        .postLogoutRedirectUri(LOGGED_OUT)
        .transactionKey(Secret.of(System.getenv("LOGIN_TRANSACTION_KEY")));
  }

  final List<String> pages = new ArrayList<>();

  void showHomePage() {
    pages.add("home");
  }

  void offerAnotherIdentityProvider() {
    pages.add("another provider");
  }

  void showLoginFailedTryAgain() {
    pages.add("login failed");
  }

  @Test
  void plainJava_logsInAndOut() {
    // snippet: identity-plain-client
    IdentityClient fc =
        IdentityClient.builder()
            .provider(IdentityProvider.franceConnectSandbox())
            .clientId(System.getenv("FC_CLIENT_ID"))
            .clientSecret(Secret.of(System.getenv("FC_CLIENT_SECRET")))
            .redirectUri(URI.create("https://mairie.example.fr/auth/callback"))
            .postLogoutRedirectUri(URI.create("https://mairie.example.fr/auth/logged-out"))
            .scopes(Scope.IDENTITE_PIVOT, Scope.EMAIL)
            .transactionKey(Secret.of(System.getenv("LOGIN_TRANSACTION_KEY")))
            .build(); // one per provider, shared by all threads; close() at shutdown
    // end snippet
    fc.close();
    fc = franceConnectOnSimulator().build(); // the same, on the simulator: the sandbox is online
    Map<String, String> session = new HashMap<>(); // stands for the HTTP session

    // snippet: identity-plain-begin
    fc.checkProvider(); // optional: fail at start-up if discovery or issuer is wrong

    // 1. "Se connecter avec FranceConnect" clicked
    LoginStart start = fc.begin();
    // keep start.sealedTransaction() in a Secure; HttpOnly; SameSite=Lax cookie (or the session),
    // then redirect (303) the browser to start.authorizationUri()
    // end snippet

    // The browser: the citizen logs in, FranceConnect redirects to the callback.
    URI callbackUri =
        FRANCE_CONNECT.simulator().login(start.authorizationUri(), TestIdentity.BORN_ABROAD);
    String sealedTransactionFromCookie = start.sealedTransaction();
    // snippet: identity-plain-complete
    // 2. the provider redirects to /auth/callback?code=...&state=...&iss=...
    try {
      Identity who = fc.complete(callbackUri, sealedTransactionFromCookie);
      // open the application session; keep who.idToken() server-side for the logout
      String accountKey = who.subject(); // stable, pairwise per service
      session.put("account", accountKey);
      session.put("idToken", who.idToken());
    } catch (LoginCancelledException e) { // the user clicked "back to the service"
      showHomePage();
    } catch (EidasLevelTooLowException e) {
      offerAnotherIdentityProvider();
    } catch (SocleException e) { // anything else
      showLoginFailedTryAgain();
    }
    // end snippet
    assertThat(pages).isEmpty();
    assertThat(session.get("account")).hasSize(66);

    // snippet: identity-plain-logout
    // 3. logout, with the ID token kept in the session
    LogoutStart logout = fc.logoutUri(session.get("idToken"));
    // keep logout.state(), redirect to logout.logoutUri(); on return to /auth/logged-out:
    // end snippet
    URI back = FRANCE_CONNECT.simulator().logout(logout.logoutUri());
    Map<String, String> params = Queries.parse(back);
    String keptState = logout.state();
    // snippet: identity-plain-logged-out
    boolean confirmed =
        fc.verifyLogoutCallback(params, keptState); // false: the provider sent no state
    // end snippet
    assertThat(confirmed).isTrue();
    fc.close();
  }

  @Test
  void httpTransport_isSharedOrCustomised() throws Exception {
    KeyStore corporateTrustStore = KeyStore.getInstance(KeyStore.getDefaultType());
    corporateTrustStore.load(null, null);
    // snippet: identity-http-transport
    // the client builds its transport from the OpenID provider preset (10 s deadline per call),
    // adjusted here, and closes it in close()
    IdentityClient fc =
        IdentityClient.builder()
            .provider(IdentityProvider.franceConnectSandbox())
            .clientId(System.getenv("FC_CLIENT_ID"))
            .clientSecret(Secret.of(System.getenv("FC_CLIENT_SECRET")))
            .redirectUri(URI.create("https://mairie.example.fr/auth/callback"))
            .transactionKey(Secret.of(System.getenv("LOGIN_TRANSACTION_KEY")))
            .httpTransport(
                http ->
                    http.applicationName("mairie-de-demo/1.0 (dsi@mairie-demo.fr)")
                        .trustStore(corporateTrustStore))
            .build();

    // or: one transport the application owns, shared by several clients; no client closes it
    HttpTransport shared = HttpTransport.builder().preset(HttpPreset.OPENID_PROVIDER).build();
    IdentityClient fcShared =
        IdentityClient.builder()
            .provider(IdentityProvider.franceConnectSandbox())
            .clientId(System.getenv("FC_CLIENT_ID"))
            .clientSecret(Secret.of(System.getenv("FC_CLIENT_SECRET")))
            .redirectUri(URI.create("https://mairie.example.fr/auth/callback"))
            .transactionKey(Secret.of(System.getenv("LOGIN_TRANSACTION_KEY")))
            .httpTransport(shared)
            .build();
    // end snippet
    fc.close();
    fcShared.close();
    // The shared transport outlives the client that used it: it still serves another one.
    try (IdentityClient onSimulator = franceConnectOnSimulator().httpTransport(shared).build()) {
      onSimulator.checkProvider();
    }
    shared.close();
  }

  @Test
  void loginOptions_areSentInTheAuthorizationRequest() {
    String idpIdKeptFromTheLastLogin = "fia1v2";
    try (IdentityClient fc = franceConnectOnSimulator().build();
        IdentityClient pc = proConnectOnSimulator().build()) {
      // snippet: identity-login-options
      // before a sensitive operation: authenticate again even with a session at the provider
      LoginStart again = fc.begin(LoginOptions.builder().prompt(LoginOptions.Prompt.LOGIN).build());

      // ProConnect: the agent already said who they are and for which establishment
      LoginStart hinted =
          pc.begin(
              LoginOptions.builder()
                  .loginHint("agent@mairie.example.fr") // pre-fills the e-mail address
                  .siretHint("21750001600019") // pre-selects the organisation (14 digits)
                  .idpHint(idpIdKeptFromTheLastLogin) // Identity.idpId(): skips the provider choice
                  .build());

      // FranceConnect (since 2025) and generic providers: the language of the provider's pages
      LoginStart inFrench = fc.begin(LoginOptions.builder().uiLocales(Locale.FRANCE).build());

      // ProConnect: a second factor for this login only (see "ProConnect in 2026")
      LoginStart secondFactor =
          pc.begin(LoginOptions.builder().assurance(Assurance.multiFactor()).build());

      // ProConnect: silent login; without a ProConnect session complete() throws
      // AuthorizationErrorException with error() = "login_required": start a normal login then
      LoginStart silent = pc.begin(LoginOptions.builder().prompt(LoginOptions.Prompt.NONE).build());
      // end snippet

      assertThat(Queries.parse(again.authorizationUri())).containsEntry("prompt", "login");
      assertThat(Queries.parse(hinted.authorizationUri()))
          .containsEntry("login_hint", "agent@mairie.example.fr")
          .containsEntry("siret_hint", "21750001600019")
          .containsEntry("idp_hint", idpIdKeptFromTheLastLogin);
      assertThat(Queries.parse(inFrench.authorizationUri())).containsEntry("ui_locales", "fr-FR");
      assertThat(Queries.parse(secondFactor.authorizationUri()).get("claims"))
          .contains("eidas1-mfa");
      assertThat(Queries.parse(silent.authorizationUri())).containsEntry("prompt", "none");
    }
  }

  /** Section 4: registers the login endpoints in a servlet container. */
  // snippet: identity-servlet
  public static class AuthSetup implements ServletContextListener {
    private IdentityClient fc;

    @Override
    public void contextInitialized(ServletContextEvent e) {
      fc =
          IdentityClient.builder() // as in section 3
              .provider(IdentityProvider.franceConnectSandbox())
              .clientId(System.getenv("FC_CLIENT_ID"))
              .clientSecret(Secret.of(System.getenv("FC_CLIENT_SECRET")))
              .redirectUri(URI.create("https://mairie.example.fr/auth/callback"))
              .postLogoutRedirectUri(URI.create("https://mairie.example.fr/auth/logged-out"))
              .scopes(Scope.IDENTITE_PIVOT, Scope.EMAIL)
              .transactionKey(Secret.of(System.getenv("LOGIN_TRANSACTION_KEY")))
              .build();
      IdentityServlet servlet =
          new IdentityServlet(
              fc,
              new IdentityCallback() {
                @Override
                public void onLogin(Identity who, HttpServletRequest req, HttpServletResponse resp)
                    throws IOException {
                  HttpSession old = req.getSession(false); // no session fixation:
                  if (old != null) {
                    old.invalidate(); // always a fresh session
                  }
                  HttpSession s = req.getSession(true);
                  s.setAttribute("user", who.subject());
                  s.setAttribute("idToken", who.idToken());
                  resp.sendRedirect(req.getContextPath() + "/");
                }

                @Override
                public Optional<String> onLogout(HttpServletRequest req) {
                  HttpSession s = req.getSession(false);
                  if (s == null) {
                    return Optional.empty();
                  }
                  Optional<String> hint = Optional.ofNullable((String) s.getAttribute("idToken"));
                  s.invalidate();
                  return hint;
                }
              });
      e.getServletContext().addServlet("identity", servlet).addMapping("/auth/*");
    }

    @Override
    public void contextDestroyed(ServletContextEvent e) {
      fc.close();
    }
  }

  // end snippet

  @Test
  void proConnect_asksForALevelAndASecondFactor() {
    // snippet: identity-proconnect-client
    IdentityClient pc =
        IdentityClient.builder()
            .provider(IdentityProvider.proConnectProduction())
            .clientId(System.getenv("PC_CLIENT_ID"))
            .clientSecret(Secret.of(System.getenv("PC_CLIENT_SECRET")))
            .redirectUri(URI.create("https://mairie.example.fr/auth/callback"))
            .postLogoutRedirectUri(URI.create("https://mairie.example.fr/auth/logged-out"))
            .transactionKey(Secret.of(System.getenv("LOGIN_TRANSACTION_KEY")))
            .scopes(
                Scope.USUAL_NAME, Scope.EMAIL, Scope.SIRET, Scope.ROLES, Scope.ORGANIZATION_LABEL)
            .assurance(
                Assurance.atLeast(EidasLevel.EIDAS1)) // optional: nothing is asked by default
            .build();
    // end snippet
    pc.close();
    pc =
        proConnectOnSimulator()
            .scopes(
                Scope.USUAL_NAME, Scope.EMAIL, Scope.SIRET, Scope.ROLES, Scope.ORGANIZATION_LABEL)
            .assurance(Assurance.atLeast(EidasLevel.EIDAS1))
            .build();
    // snippet: identity-proconnect-mfa
    // a second factor before a sensitive action, whatever the level:
    LoginStart start = pc.begin(LoginOptions.builder().assurance(Assurance.multiFactor()).build());
    // end snippet
    assertThat(Queries.parse(start.authorizationUri()).get("claims"))
        .contains("\"essential\":true")
        .contains("eidas0-mfa");
    LoginStart plain = pc.begin();
    Identity agent =
        pc.complete(
            PRO_CONNECT.simulator().login(plain.authorizationUri(), TestAgent.CONTRACTOR),
            plain.sealedTransaction());
    assertThat(agent.eidasLevel()).isPresent();
    pc.close();
  }

  @Test
  void proConnect_keepsAndRefreshesTheTokens() {
    // snippet: identity-proconnect-keep-tokens
    IdentityClient pc =
        IdentityClient.builder()
            .provider(IdentityProvider.proConnectProduction())
            .clientId(System.getenv("PC_CLIENT_ID"))
            .clientSecret(Secret.of(System.getenv("PC_CLIENT_SECRET")))
            .redirectUri(URI.create("https://mairie.example.fr/auth/callback"))
            .postLogoutRedirectUri(URI.create("https://mairie.example.fr/auth/logged-out"))
            .transactionKey(Secret.of(System.getenv("LOGIN_TRANSACTION_KEY")))
            .keepProviderTokens(true)
            .build();
    // end snippet
    pc.close();
    pc = proConnectOnSimulator().keepProviderTokens(true).build();
    LoginStart start = pc.begin();
    Identity identity =
        pc.complete(
            PRO_CONNECT.simulator().login(start.authorizationUri(), TestAgent.DEMO_AGENT),
            start.sealedTransaction());
    // The application's clock, read 61 minutes after the login: the access token has expired.
    Clock clock = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(61));
    Secret first = identity.providerTokens().orElseThrow().accessToken();

    // snippet: identity-proconnect-refresh
    ProviderTokens tokens = identity.providerTokens().orElseThrow();
    if (tokens.expiresAt().isBefore(clock.instant())) {
      tokens = pc.refresh(tokens.refreshToken().orElseThrow()); // grant_type=refresh_token
    }
    // end snippet
    assertThat(tokens.accessToken().reveal()).isNotEqualTo(first.reveal());
    pc.close();
  }
}
