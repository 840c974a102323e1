package fr.socle.identity.servlet;

import fr.socle.core.SocleException;
import fr.socle.identity.Identity;
import fr.socle.identity.LoginCancelledException;
import fr.socle.identity.LoginOptions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * What the application does at each step of a login handled by {@link IdentityServlet}. The servlet
 * does the protocol; the application owns its session.
 *
 * <p>Implementations are called concurrently from request threads and must be thread-safe.
 */
public interface IdentityCallback {
  /**
   * Chooses the optional parameters of a login started by {@code GET <mapping>/login}, for example
   * {@code prompt=login} before a sensitive operation, or a ProConnect {@code siret_hint} the user
   * picked in a form. Validate anything taken from the request: it comes from the browser. The
   * default sends none.
   *
   * @param request the login request
   * @return the options; {@link LoginOptions#defaults()} for a plain login
   */
  default LoginOptions loginOptions(HttpServletRequest request) {
    return LoginOptions.defaults();
  }

  /**
   * Called once the identity is verified. Open the application's session here: invalidate any
   * previous session and create a new one (against session fixation), keep {@link
   * Identity#idToken()} server-side for the logout, and answer (usually a redirect).
   *
   * @param identity the verified identity
   * @param request the callback request
   * @param response where to answer
   * @throws IOException if writing the response fails
   */
  void onLogin(Identity identity, HttpServletRequest request, HttpServletResponse response)
      throws IOException;

  /**
   * Called when a login fails. The default answers 401 when the user cancelled and 400 otherwise,
   * with a short text that reveals nothing about the cause; the error is logged by the servlet at
   * DEBUG (WARN for provider errors).
   *
   * @param error the typed error thrown by {@link fr.socle.identity.IdentityClient#complete}
   * @param request the callback request
   * @param response where to answer
   * @throws IOException if writing the response fails
   */
  default void onLoginFailure(
      SocleException error, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (error instanceof LoginCancelledException) {
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Login cancelled");
    } else {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Login failed, please try again");
    }
  }

  /**
   * Called when the user asks to log out: end the application's session and return the ID token
   * kept at login, so that the provider's session ends too.
   *
   * @param request the logout request
   * @return the ID token hint, or empty if the user had no provider session (the servlet then skips
   *     the provider and calls {@link #onLogoutComplete} directly)
   */
  Optional<String> onLogout(HttpServletRequest request);

  /**
   * Called when the browser comes back from the provider's logout (or directly when there was
   * nothing to end there). The default redirects to the application's root.
   *
   * @param confirmed true if the provider returned the expected state, false if it sent none
   * @param request the post-logout request
   * @param response where to answer
   * @throws IOException if writing the response fails
   */
  default void onLogoutComplete(
      boolean confirmed, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.sendRedirect(request.getContextPath() + "/");
  }
}
