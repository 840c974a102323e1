package fr.socle.spring.boot.autoconfigure.security;

import fr.socle.core.SocleException;
import fr.socle.identity.Identity;
import fr.socle.identity.IdentityClient;
import fr.socle.identity.LoginStart;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves the login start, the login callback and the post-logout callback. Any doubt about the
 * callback (state, token, level) leaves the user logged out and sends them to the failure URL.
 */
final class SocleLoginFilter extends OncePerRequestFilter {
  private static final Logger LOG = LoggerFactory.getLogger(SocleLoginFilter.class);

  static final String TRANSACTION = SocleLoginFilter.class.getName() + ".TRANSACTION";
  static final String LOGOUT_STATE = SocleLoginFilter.class.getName() + ".LOGOUT_STATE";

  private final IdentityClient client;
  private final String loginPath;
  private final String callbackPath;
  private final String logoutCallbackPath;
  private final String failureUrl;
  private final String afterLogoutUrl;
  private final SessionAuthenticationStrategy sessionStrategy;
  private final SecurityContextRepository contextRepository;
  private final AuthenticationSuccessHandler successHandler;
  private final Consumer<Object> events;
  private final SecurityContextHolderStrategy holder =
      SecurityContextHolder.getContextHolderStrategy();

  SocleLoginFilter(
      IdentityClient client,
      SocleLoginConfigurer settings,
      SessionAuthenticationStrategy sessionStrategy,
      SecurityContextRepository contextRepository,
      AuthenticationSuccessHandler successHandler,
      Consumer<Object> events) {
    this.client = client;
    this.events = events;
    this.loginPath = settings.loginPath();
    this.callbackPath = settings.callbackPath();
    this.logoutCallbackPath = settings.logoutCallbackPath();
    this.failureUrl = settings.failureUrl();
    this.afterLogoutUrl = settings.afterLogoutUrl();
    this.sessionStrategy = sessionStrategy;
    this.contextRepository = contextRepository;
    this.successHandler = successHandler;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!"GET".equals(request.getMethod())) {
      chain.doFilter(request, response);
    } else if (path.equals(loginPath)) {
      begin(request, response);
    } else if (path.equals(callbackPath)) {
      complete(request, response);
    } else if (logoutCallbackPath != null && path.equals(logoutCallbackPath)) {
      afterLogout(request, response);
    } else {
      chain.doFilter(request, response);
    }
  }

  private void begin(HttpServletRequest request, HttpServletResponse response) throws IOException {
    LoginStart start = client.begin();
    request.getSession(true).setAttribute(TRANSACTION, start.sealedTransaction());
    response.sendRedirect(start.authorizationUri().toString());
  }

  private void complete(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    HttpSession session = request.getSession(false);
    Object sealed = session == null ? null : session.getAttribute(TRANSACTION);
    if (session != null) {
      // One transaction, one callback: a replayed or doubled callback finds nothing.
      session.removeAttribute(TRANSACTION);
    }
    if (!(sealed instanceof String transaction)) {
      fail(request, response, "no-transaction");
      return;
    }
    Identity identity;
    try {
      identity = client.complete(parameters(request), transaction);
    } catch (SocleException e) {
      fail(request, response, e.getClass().getSimpleName());
      return;
    }
    SocleAuthentication authentication = new SocleAuthentication(identity);
    // Session fixation: the session that carried the login gets a new id before it is trusted.
    sessionStrategy.onAuthentication(authentication, request, response);
    SecurityContext context = holder.createEmptyContext();
    context.setAuthentication(authentication);
    holder.setContext(context);
    contextRepository.saveContext(context, request, response);
    LOG.debug("login completed");
    events.accept(new SocleLoginEvent(SocleLoginEvent.SUCCESS, identity.eidasLevel()));
    successHandler.onAuthenticationSuccess(request, response, authentication);
  }

  private void afterLogout(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    HttpSession session = request.getSession(false);
    Object state = session == null ? null : session.getAttribute(LOGOUT_STATE);
    if (session != null) {
      session.removeAttribute(LOGOUT_STATE);
    }
    try {
      // The local session was closed before leaving for the provider; a state that differs is
      // still worth an operator's look, but the user is logged out either way.
      client.verifyLogoutCallback(parameters(request), state instanceof String s ? s : null);
    } catch (SocleException e) {
      LOG.warn("logout callback refused: {}", e.getClass().getSimpleName());
    }
    response.sendRedirect(request.getContextPath() + afterLogoutUrl);
  }

  private void fail(HttpServletRequest request, HttpServletResponse response, String why)
      throws IOException {
    LOG.debug("login refused: {}", why);
    events.accept(new SocleLoginEvent(why, java.util.Optional.empty()));
    holder.clearContext();
    response.sendRedirect(request.getContextPath() + failureUrl);
  }

  private static Map<String, String> parameters(HttpServletRequest request) {
    Map<String, String> out = new HashMap<>();
    request
        .getParameterMap()
        .forEach(
            (name, values) -> {
              if (values.length == 1) {
                out.put(name, values[0]);
              } else {
                // A repeated parameter is a tampered callback: leave it out so that completion
                // fails rather than picks one.
                out.put(name, "");
              }
            });
    return out;
  }
}
