package fr.socle.identity.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.core.SocleException;
import fr.socle.identity.Assurance;
import fr.socle.identity.EidasLevelTooLowException;
import fr.socle.identity.Identity;
import fr.socle.identity.IdentityClient;
import fr.socle.identity.LoginOptions;
import fr.socle.identity.ProConnectRole;
import fr.socle.identity.ProviderFamily;
import fr.socle.identity.Scope;
import fr.socle.identity.testing.ScriptedLogin;
import fr.socle.identity.testing.ScriptedProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The servlet adapter with ProConnect's 2026 rules: MFA chosen per request, roles. */
class IdentityServletProConnectTest {
  private ScriptedProvider pc;
  private IdentityClient client;
  private Server jetty;
  private String base;
  private final HttpClient browser =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final List<Object> events = new CopyOnWriteArrayList<>();

  private final IdentityCallback callback =
      new IdentityCallback() {
        @Override
        public LoginOptions loginOptions(HttpServletRequest req) {
          // a sensitive page asks for a second factor, the others do not
          return req.getParameter("sensitive") != null
              ? LoginOptions.builder().assurance(Assurance.multiFactor()).build()
              : LoginOptions.defaults();
        }

        @Override
        public void onLogin(Identity identity, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
          events.add(identity);
          resp.setContentType("text/plain");
          resp.getWriter()
              .print(
                  identity.hasRole(ProConnectRole.AGENT_PUBLIC_TERRITORIAL)
                      ? "territorial"
                      : "other");
        }

        @Override
        public void onLoginFailure(
            SocleException error, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
          events.add(error);
          IdentityCallback.super.onLoginFailure(error, req, resp);
        }

        @Override
        public Optional<String> onLogout(HttpServletRequest req) {
          return Optional.empty();
        }
      };

  @BeforeEach
  void start() throws Exception {
    pc = ScriptedProvider.start(ProviderFamily.PROCONNECT);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    client =
        pc.clientBuilder()
            .redirectUri(URI.create(base + "/auth/callback"))
            .scopes(Scope.SIRET, Scope.ROLES, Scope.ORGANIZATION_LABEL)
            .build();
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(new IdentityServlet(client, callback)), "/auth/*");
    jetty.setHandler(context);
    jetty.start();
  }

  @AfterEach
  void stop() throws Exception {
    jetty.stop();
    client.close();
    pc.close();
  }

  private HttpResponse<String> get(String pathAndQuery, String cookie) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET();
    if (cookie != null) {
      r.header("Cookie", cookie);
    }
    return browser.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String loginCookie(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(IdentityServlet.LOGIN_COOKIE + "="))
        .findFirst()
        .orElseThrow()
        .split(";", 2)[0];
  }

  private static String query(Map<String, String> params) {
    StringBuilder sb = new StringBuilder();
    params.forEach(
        (k, v) ->
            sb.append(sb.length() == 0 ? "?" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return sb.toString();
  }

  private HttpResponse<String> loginWith(String loginPath, String acr) throws Exception {
    HttpResponse<String> login = get(loginPath, null);
    URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
    ScriptedLogin scripted = pc.login(authorize);
    scripted.idToken.claim("acr", acr);
    scripted.userinfo.claim("siret", "21340172200015");
    scripted.userinfo.claim("roles", List.of("agent_public", "agent_public_territorial"));
    scripted.userinfo.claim("organization_label", "Commune de Montpellier");
    scripted.stub();
    return get("/auth/callback" + query(scripted.callback()), loginCookie(login));
  }

  @Test
  @DisplayName("a sensitive page asks ProConnect for MFA through claims; eidas1-mfa passes")
  void sensitiveLogin_mfaGranted() throws Exception {
    HttpResponse<String> login = get("/auth/login?sensitive=1", null);
    assertThat(
            ScriptedProvider.query(URI.create(login.headers().firstValue("Location").get()))
                .get("claims"))
        .contains("eidas1-mfa")
        .contains("\"essential\":true");
    HttpResponse<String> callback = loginWith("/auth/login?sensitive=1", "eidas1-mfa");
    assertThat(callback.body()).isEqualTo("territorial");
    assertThat(events).singleElement().isInstanceOf(Identity.class);
  }

  @Test
  @DisplayName("a sensitive page refuses a single-factor login: onLoginFailure")
  void sensitiveLogin_singleFactorRefused() throws Exception {
    HttpResponse<String> callback = loginWith("/auth/login?sensitive=1", "eidas1");
    assertThat(callback.statusCode()).isGreaterThanOrEqualTo(400);
    assertThat(events).singleElement().isInstanceOf(EidasLevelTooLowException.class);
  }

  @Test
  @DisplayName("an ordinary page accepts the same single-factor login")
  void ordinaryLogin_singleFactorAccepted() throws Exception {
    HttpResponse<String> callback = loginWith("/auth/login", "eidas1");
    assertThat(callback.body()).isEqualTo("territorial");
  }
}
