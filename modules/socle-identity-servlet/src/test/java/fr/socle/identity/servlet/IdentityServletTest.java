package fr.socle.identity.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.core.SocleException;
import fr.socle.identity.Identity;
import fr.socle.identity.IdentityClient;
import fr.socle.identity.LoginCancelledException;
import fr.socle.identity.LoginOptions;
import fr.socle.identity.ProviderFamily;
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

/** The servlet adapter in embedded Jetty 12, against a scripted FranceConnect provider. */
class IdentityServletTest {
  private ScriptedProvider fc;
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
          return req.getParameter("reauth") != null
              ? LoginOptions.builder().prompt(LoginOptions.Prompt.LOGIN).build()
              : LoginOptions.defaults();
        }

        @Override
        public void onLogin(Identity identity, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
          events.add(identity);
          resp.setContentType("text/plain");
          resp.getWriter().print("welcome " + identity.subject());
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
          String hint = req.getParameter("hint");
          return Optional.ofNullable(hint);
        }

        @Override
        public void onLogoutComplete(
            boolean confirmed, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
          events.add(confirmed ? "logout-confirmed" : "logout-unconfirmed");
          resp.getWriter().print("bye");
        }
      };

  @BeforeEach
  void start() throws Exception {
    fc = ScriptedProvider.start(ProviderFamily.FRANCECONNECT);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    client =
        fc.clientBuilder()
            .redirectUri(URI.create(base + "/auth/callback"))
            .postLogoutRedirectUri(URI.create(base + "/auth/logged-out"))
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
    fc.close();
  }

  private HttpResponse<String> get(String pathAndQuery, String cookie) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET();
    if (cookie != null) {
      r.header("Cookie", cookie);
    }
    return browser.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String setCookie(HttpResponse<?> response, String name) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(name + "="))
        .findFirst()
        .orElseThrow();
  }

  private static String cookiePair(String setCookie) {
    return setCookie.split(";", 2)[0];
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

  @Test
  @DisplayName("login → provider → callback hands the verified identity to the application")
  void loginAndCallback_handTheIdentityToTheApplication() throws Exception {
    HttpResponse<String> login = get("/auth/login", null);
    assertThat(login.statusCode()).isEqualTo(303);
    URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
    assertThat(authorize.toString()).startsWith(fc.issuer() + "/authorize?");
    String cookie = setCookie(login, IdentityServlet.LOGIN_COOKIE);
    assertThat(cookie)
        .contains("Path=/")
        .contains("Secure")
        .contains("HttpOnly")
        .containsIgnoringCase("SameSite=Lax")
        .contains("Max-Age=600");
    assertThat(login.headers().firstValue("Cache-Control")).contains("no-store");

    ScriptedLogin scripted = fc.login(authorize).stub();
    HttpResponse<String> callback =
        get("/auth/callback" + query(scripted.callback()), cookiePair(cookie));
    assertThat(callback.statusCode()).isEqualTo(200);
    assertThat(callback.body()).isEqualTo("welcome " + ScriptedProvider.SUB);
    assertThat(setCookie(callback, IdentityServlet.LOGIN_COOKIE))
        .startsWith(IdentityServlet.LOGIN_COOKIE + "=;")
        .contains("Expires=Thu, 01 Jan 1970");
    assertThat(events).singleElement().isInstanceOf(Identity.class);
  }

  @Test
  @DisplayName("the application chooses the login options per request")
  void login_sendsTheOptionsTheApplicationChose() throws Exception {
    HttpResponse<String> plain = get("/auth/login", null);
    assertThat(plain.headers().firstValue("Location").orElseThrow()).doesNotContain("prompt=");
    HttpResponse<String> reauth = get("/auth/login?reauth=1", null);
    assertThat(reauth.statusCode()).isEqualTo(303);
    assertThat(ScriptedProvider.query(URI.create(reauth.headers().firstValue("Location").get())))
        .containsEntry("prompt", "login");
  }

  @Test
  @DisplayName("a callback without the login cookie (another browser) fails")
  void callback_withoutCookie_fails() throws Exception {
    HttpResponse<String> login = get("/auth/login", null);
    URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
    ScriptedLogin scripted = fc.login(authorize).stub();
    HttpResponse<String> callback = get("/auth/callback" + query(scripted.callback()), null);
    assertThat(callback.statusCode()).isEqualTo(400);
    assertThat(callback.body()).doesNotContain("transaction");
    assertThat(events)
        .singleElement()
        .isInstanceOf(fr.socle.identity.InvalidTransactionException.class);
  }

  @Test
  void callback_whenUserCancelled_reportsCancellation() throws Exception {
    HttpResponse<String> login = get("/auth/login", null);
    URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
    Map<String, String> q = ScriptedProvider.query(authorize);
    HttpResponse<String> callback =
        get(
            "/auth/callback"
                + query(
                    Map.of(
                        "error",
                        "access_denied",
                        "error_description",
                        "User auth aborted",
                        "state",
                        q.get("state"),
                        "iss",
                        fc.issuer())),
            cookiePair(setCookie(login, IdentityServlet.LOGIN_COOKIE)));
    assertThat(callback.statusCode()).isEqualTo(401);
    assertThat(events).singleElement().isInstanceOf(LoginCancelledException.class);
  }

  @Test
  void callback_withRepeatedParameter_fails() throws Exception {
    HttpResponse<String> login = get("/auth/login", null);
    URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
    ScriptedLogin scripted = fc.login(authorize).stub();
    String q = query(scripted.callback()) + "&code=another";
    HttpResponse<String> callback =
        get("/auth/callback" + q, cookiePair(setCookie(login, IdentityServlet.LOGIN_COOKIE)));
    assertThat(callback.statusCode()).isEqualTo(400);
    assertThat(events)
        .singleElement()
        .isInstanceOf(fr.socle.identity.InvalidCallbackException.class);
  }

  @Test
  @DisplayName("logout: POST → provider's /session/end → back with state, confirmed")
  void logout_redirectsToProviderAndChecksState() throws Exception {
    String hint = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
    HttpResponse<String> logout =
        browser.send(
            HttpRequest.newBuilder(URI.create(base + "/auth/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("hint=" + hint))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(logout.statusCode()).isEqualTo(303);
    URI endSession = URI.create(logout.headers().firstValue("Location").orElseThrow());
    Map<String, String> q = ScriptedProvider.query(endSession);
    assertThat(endSession.toString()).startsWith(fc.issuer() + "/session/end?");
    assertThat(q)
        .containsEntry("id_token_hint", hint)
        .containsEntry("post_logout_redirect_uri", base + "/auth/logged-out");
    String cookie = cookiePair(setCookie(logout, IdentityServlet.LOGOUT_COOKIE));

    HttpResponse<String> back = get("/auth/logged-out?state=" + q.get("state"), cookie);
    assertThat(back.body()).isEqualTo("bye");
    HttpResponse<String> noState = get("/auth/logged-out", cookie);
    assertThat(noState.body()).isEqualTo("bye");
    HttpResponse<String> otherState = get("/auth/logged-out?state=forged", cookie);
    assertThat(otherState.body()).isEqualTo("bye");
    assertThat(events)
        .containsExactly("logout-confirmed", "logout-unconfirmed", "logout-unconfirmed");
  }

  @Test
  @DisplayName("a provider whose discovery cannot be trusted gets nobody redirected to it")
  void login_whenDiscoveryIssuerWrong_answers503() throws Exception {
    fc.discovery().put("issuer", "https://somewhere-else.example/api/v2");
    fc.publishDiscovery();
    HttpResponse<String> login = get("/auth/login", null);
    assertThat(login.statusCode()).isEqualTo(503);
    assertThat(login.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void logout_byGet_isRefused() throws Exception {
    assertThat(get("/auth/logout", null).statusCode()).isEqualTo(405);
    assertThat(get("/auth/unknown", null).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("a servlet without its client or callback fails at once, naming the missing one")
  void constructor_whenArgumentNull_namesIt() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new IdentityServlet(null, callback))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("client");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new IdentityServlet(client, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("callback");
  }
}
