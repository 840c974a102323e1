package fr.socle.identity.servlet;

import fr.socle.core.SocleException;
import fr.socle.core.SocleServiceException;
import fr.socle.identity.Identity;
import fr.socle.identity.IdentityClient;
import fr.socle.identity.InvalidCallbackException;
import fr.socle.identity.LoginStart;
import fr.socle.identity.LogoutStart;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login, callback and logout endpoints for an {@link IdentityClient}, as one Jakarta Servlet 6
 * servlet mapped on a path prefix:
 *
 * <table>
 *   <caption>Endpoints, relative to the mapping</caption>
 *   <tr><th>Path</th><th>Method</th><th>What it does</th></tr>
 *   <tr><td>{@code /login}</td><td>GET</td><td>starts a login with the options of {@link
 *   IdentityCallback#loginOptions}: the sealed transaction goes into a {@code Secure; HttpOnly;
 *   SameSite=Lax} cookie, the browser to the provider</td></tr>
 *   <tr><td>{@code /callback}</td><td>GET</td><td>the redirect URI: completes the login and calls
 *   {@link IdentityCallback#onLogin} or {@link IdentityCallback#onLoginFailure}</td></tr>
 *   <tr><td>{@code /logout}</td><td>POST</td><td>ends the application session ({@link
 *   IdentityCallback#onLogout}) and sends the browser to the provider's logout</td></tr>
 *   <tr><td>{@code /logged-out}</td><td>GET</td><td>the post-logout redirect URI: checks the state
 *   and calls {@link IdentityCallback#onLogoutComplete}</td></tr>
 * </table>
 *
 * <p>Register the client's redirect URI as {@code <mapping>/callback} and its post-logout URI as
 * {@code <mapping>/logged-out}. Logout is POST only, so that another site cannot log users out with
 * an image tag.
 *
 * <pre>{@code
 * IdentityServlet servlet = new IdentityServlet(identityClient, new MyCallback());
 * servletContext.addServlet("identity", servlet).addMapping("/auth/*");
 * }</pre>
 *
 * <p>The cookies use the {@code __Host-} prefix: browsers then only accept them from a secure
 * origin, for the whole host, never from a subdomain. SameSite=Lax lets the cookie come back on the
 * provider's top-level redirect while keeping it out of cross-site subrequests. Any node holding
 * the same transaction key can serve the callback: no server-side state.
 *
 * <p>Thread-safe.
 */
public class IdentityServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(IdentityServlet.class);

  /** Name of the cookie holding the sealed login transaction. */
  public static final String LOGIN_COOKIE = "__Host-socle-login";

  /** Name of the cookie holding the logout state. */
  public static final String LOGOUT_COOKIE = "__Host-socle-logout";

  private static final Duration COOKIE_LIFETIME = Duration.ofMinutes(10);

  private final transient IdentityClient client;
  private final transient IdentityCallback callback;

  /**
   * Creates the servlet.
   *
   * @param client the identity client, whose redirect and post-logout URIs point at this servlet
   * @param callback what the application does with the results
   */
  public IdentityServlet(IdentityClient client, IdentityCallback callback) {
    this.client = Objects.requireNonNull(client, "client");
    this.callback = Objects.requireNonNull(callback, "callback");
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    noStore(resp);
    String path = req.getPathInfo() == null ? "" : req.getPathInfo();
    switch (path) {
      case "/login" -> login(req, resp);
      case "/callback" -> callback(req, resp);
      case "/logged-out" -> loggedOut(req, resp);
      case "/logout" -> resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      default -> resp.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    noStore(resp);
    if ("/logout".equals(req.getPathInfo())) {
      logout(req, resp);
    } else {
      resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }
  }

  private void login(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    LoginStart start;
    try {
      start = client.begin(callback.loginOptions(req));
    } catch (SocleException e) {
      // Discovery failed or cannot be trusted: nobody is sent to that provider.
      log.warn("cannot start a login: {}", e.getMessage());
      resp.sendError(
          HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Login is unavailable, please try later");
      return;
    }
    resp.addCookie(cookie(LOGIN_COOKIE, start.sealedTransaction(), COOKIE_LIFETIME));
    redirect(resp, start.authorizationUri().toString());
  }

  private void callback(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String sealed = readCookie(req, LOGIN_COOKIE).orElse(null);
    resp.addCookie(cookie(LOGIN_COOKIE, "", Duration.ZERO));
    Identity identity;
    try {
      identity = client.complete(singleValued(req), sealed);
    } catch (SocleException e) {
      if (e instanceof SocleServiceException
          && !(e instanceof fr.socle.identity.AuthorizationErrorException)) {
        log.warn("login failed at the provider: {}", e.getMessage());
      } else {
        log.debug("login failed: {}", e.getMessage());
      }
      callback.onLoginFailure(e, req, resp);
      return;
    }
    callback.onLogin(identity, req, resp);
  }

  private void logout(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Optional<String> hint = callback.onLogout(req);
    if (hint.isEmpty()) {
      callback.onLogoutComplete(false, req, resp);
      return;
    }
    LogoutStart start = client.logoutUri(hint.get());
    resp.addCookie(cookie(LOGOUT_COOKIE, start.state(), COOKIE_LIFETIME));
    redirect(resp, start.logoutUri().toString());
  }

  private void loggedOut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String expected = readCookie(req, LOGOUT_COOKIE).orElse(null);
    resp.addCookie(cookie(LOGOUT_COOKIE, "", Duration.ZERO));
    boolean confirmed;
    try {
      confirmed = client.verifyLogoutCallback(singleValued(req), expected);
    } catch (InvalidCallbackException e) {
      // The application session is already closed: an unexpected state only means this redirect
      // is not the answer to our logout, so it confirms nothing.
      log.debug("logout callback not confirmed: {}", e.getMessage());
      confirmed = false;
    }
    callback.onLogoutComplete(confirmed, req, resp);
  }

  private static Map<String, String> singleValued(HttpServletRequest req) {
    Map<String, String> out = new HashMap<>();
    for (Map.Entry<String, String[]> e : req.getParameterMap().entrySet()) {
      if (e.getValue().length != 1) {
        throw new InvalidCallbackException(
            InvalidCallbackException.Reason.MALFORMED, "callback repeats a parameter");
      }
      out.put(e.getKey(), e.getValue()[0]);
    }
    return out;
  }

  private static Optional<String> readCookie(HttpServletRequest req, String name) {
    Cookie[] cookies = req.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (Cookie c : cookies) {
      if (name.equals(c.getName()) && !c.getValue().isEmpty()) {
        return Optional.of(c.getValue());
      }
    }
    return Optional.empty();
  }

  private static Cookie cookie(String name, String value, Duration maxAge) {
    Cookie c = new Cookie(name, value);
    c.setPath("/");
    c.setSecure(true);
    c.setHttpOnly(true);
    c.setMaxAge((int) maxAge.toSeconds());
    c.setAttribute("SameSite", "Lax");
    return c;
  }

  private static void noStore(HttpServletResponse resp) {
    resp.setHeader("Cache-Control", "no-store");
  }

  private static void redirect(HttpServletResponse resp, String location) {
    // 303: the browser must GET the provider, even when answering a POST (logout).
    resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
    resp.setHeader("Location", location);
  }
}
