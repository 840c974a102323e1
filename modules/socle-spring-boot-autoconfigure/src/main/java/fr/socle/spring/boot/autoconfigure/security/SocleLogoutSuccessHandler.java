package fr.socle.spring.boot.autoconfigure.security;

import fr.socle.core.SocleException;
import fr.socle.identity.IdentityClient;
import fr.socle.identity.LogoutStart;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;

/**
 * After the local logout (session invalidated, context cleared), sends a FranceConnect user to the
 * provider's end-session endpoint so that the provider's session ends too (RP-initiated logout).
 */
final class SocleLogoutSuccessHandler implements LogoutSuccessHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SocleLogoutSuccessHandler.class);

  private final IdentityClient client;
  private final String afterLogoutUrl;

  SocleLogoutSuccessHandler(IdentityClient client, String afterLogoutUrl) {
    this.client = client;
    this.afterLogoutUrl = afterLogoutUrl;
  }

  @Override
  public void onLogoutSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException {
    if (authentication instanceof SocleAuthentication socle) {
      try {
        LogoutStart start = client.logoutUri(socle.identity());
        request.getSession(true).setAttribute(SocleLoginFilter.LOGOUT_STATE, start.state());
        response.sendRedirect(start.logoutUri().toString());
        return;
      } catch (SocleException e) {
        // Logged out locally; the provider's session ends on its own.
        LOG.warn("provider logout unavailable: {}", e.getClass().getSimpleName());
      }
    }
    response.sendRedirect(request.getContextPath() + afterLogoutUrl);
  }
}
