package fr.socle.spring.boot.autoconfigure.security;

import fr.socle.identity.IdentityClient;
import fr.socle.spring.boot.autoconfigure.SocleIdentityProperties;
import java.net.URI;
import java.util.Objects;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * FranceConnect, FranceConnect+ or ProConnect login in a Spring Security filter chain:
 *
 * <pre>{@code
 * @Bean
 * SecurityFilterChain security(HttpSecurity http) throws Exception {
 *   http.authorizeHttpRequests(a -> a
 *           .requestMatchers("/demarches/**").access(EidasAuthorization.atLeast(EidasLevel.EIDAS2))
 *           .requestMatchers("/account/**").authenticated()
 *           .anyRequest().permitAll())
 *       .with(SocleLoginConfigurer.socleLogin(), login -> login.successUrl("/account"));
 *   return http.build();
 * }
 * }</pre>
 *
 * <p>It serves {@code GET /login/franceconnect} (starts a login), the callback at the path of
 * {@code socle.identity.redirect-uri} and the post-logout callback at the path of {@code
 * socle.identity.post-logout-redirect-uri}. Spring Security's logout stays a {@code POST} protected
 * by CSRF (put the token in the logout form); once the local session is closed the user is sent to
 * the provider's end-session endpoint. A successful login gets a new session id (session fixation
 * protection) and a {@link SocleAuthentication} whose principal is the typed {@code Identity}.
 * Protected pages send anonymous users to the login start. Not thread-safe; used while the chain is
 * built.
 */
public final class SocleLoginConfigurer
    extends AbstractHttpConfigurer<SocleLoginConfigurer, HttpSecurity> {

  private String loginPath = "/login/franceconnect";
  private String callbackPath;
  private String logoutCallbackPath;
  private String successUrl = "/";
  private String failureUrl = "/?login=failed";
  private String afterLogoutUrl = "/";
  private IdentityClient client;
  private ApplicationContext context;

  private SocleLoginConfigurer() {}

  /**
   * Starts the DSL.
   *
   * @return a configurer to pass to {@code http.with(..)}
   */
  public static SocleLoginConfigurer socleLogin() {
    return new SocleLoginConfigurer();
  }

  /**
   * Sets the path that starts a login (the FranceConnect button's link).
   *
   * @param path default {@code /login/franceconnect}
   * @return this configurer
   */
  public SocleLoginConfigurer loginPath(String path) {
    this.loginPath = path(path, "loginPath");
    return this;
  }

  /**
   * Sets the path of the login callback.
   *
   * @param path default: the path of {@code socle.identity.redirect-uri}, else {@code
   *     /login/callback}
   * @return this configurer
   */
  public SocleLoginConfigurer callbackPath(String path) {
    this.callbackPath = path(path, "callbackPath");
    return this;
  }

  /**
   * Sets the path of the post-logout callback.
   *
   * @param path default: the path of {@code socle.identity.post-logout-redirect-uri}, else {@code
   *     /logout/callback}
   * @return this configurer
   */
  public SocleLoginConfigurer logoutCallbackPath(String path) {
    this.logoutCallbackPath = path(path, "logoutCallbackPath");
    return this;
  }

  /**
   * Sets where a user goes after login when no protected page was asked for first.
   *
   * @param url default {@code /}
   * @return this configurer
   */
  public SocleLoginConfigurer successUrl(String url) {
    this.successUrl = path(url, "successUrl");
    return this;
  }

  /**
   * Sets where a user goes when a login fails or is cancelled.
   *
   * @param url default {@code /?login=failed}
   * @return this configurer
   */
  public SocleLoginConfigurer failureUrl(String url) {
    this.failureUrl = path(url, "failureUrl");
    return this;
  }

  /**
   * Sets where a user goes once logged out of the application and of the provider.
   *
   * @param url default {@code /}
   * @return this configurer
   */
  public SocleLoginConfigurer afterLogoutUrl(String url) {
    this.afterLogoutUrl = path(url, "afterLogoutUrl");
    return this;
  }

  /**
   * Sets the client to use instead of the application context's {@link IdentityClient} bean.
   *
   * @param client the client
   * @return this configurer
   */
  public SocleLoginConfigurer identityClient(IdentityClient client) {
    this.client = Objects.requireNonNull(client, "client");
    return this;
  }

  @Override
  public void init(HttpSecurity http) {
    context = http.getSharedObject(ApplicationContext.class);
    if (client == null) {
      client = context.getBean(IdentityClient.class);
    }
    SocleIdentityProperties properties =
        context.getBeanProvider(SocleIdentityProperties.class).getIfAvailable();
    if (callbackPath == null) {
      callbackPath =
          pathOf(properties == null ? null : properties.getRedirectUri(), "/login/callback");
    }
    if (logoutCallbackPath == null) {
      logoutCallbackPath =
          pathOf(
              properties == null ? null : properties.getPostLogoutRedirectUri(),
              "/logout/callback");
    }
    http.logout(
        logout ->
            logout.logoutSuccessHandler(new SocleLogoutSuccessHandler(client, afterLogoutUrl)));
    http.exceptionHandling(
        e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(loginPath)));
  }

  @Override
  public void configure(HttpSecurity http) {
    SessionAuthenticationStrategy sessions =
        http.getSharedObject(SessionAuthenticationStrategy.class);
    if (sessions == null) {
      sessions = new ChangeSessionIdAuthenticationStrategy();
    }
    SecurityContextRepository contexts = http.getSharedObject(SecurityContextRepository.class);
    if (contexts == null) {
      contexts = new HttpSessionSecurityContextRepository();
    }
    RequestCache cache = http.getSharedObject(RequestCache.class);
    SavedRequestAwareAuthenticationSuccessHandler success =
        new SavedRequestAwareAuthenticationSuccessHandler();
    success.setDefaultTargetUrl(successUrl);
    success.setRequestCache(cache == null ? new HttpSessionRequestCache() : cache);
    http.addFilterAfter(
        new SocleLoginFilter(client, this, sessions, contexts, success, context::publishEvent),
        LogoutFilter.class);
  }

  String loginPath() {
    return loginPath;
  }

  String callbackPath() {
    return callbackPath;
  }

  String logoutCallbackPath() {
    return logoutCallbackPath;
  }

  String failureUrl() {
    return failureUrl;
  }

  String afterLogoutUrl() {
    return afterLogoutUrl;
  }

  private static String pathOf(URI uri, String fallback) {
    return uri == null || uri.getRawPath() == null || uri.getRawPath().isEmpty()
        ? fallback
        : uri.getRawPath();
  }

  private static String path(String path, String name) {
    Objects.requireNonNull(path, name);
    if (!path.startsWith("/")) {
      throw new fr.socle.core.SocleClientException(name + " must start with '/'");
    }
    return path;
  }
}
