package fr.socle.spring.boot.autoconfigure.security;

import fr.socle.identity.EidasLevel;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Demands an eIDAS level on a route:
 *
 * <pre>{@code
 * http.authorizeHttpRequests(a -> a
 *     .requestMatchers("/demarches/**").access(EidasAuthorization.atLeast(EidasLevel.EIDAS2))
 *     .anyRequest().permitAll());
 * }</pre>
 *
 * <p>Grants only a {@link SocleAuthentication} whose verified level satisfies the one demanded; an
 * identity without a level, another kind of authentication or an anonymous user is refused (fail
 * closed). Thread-safe.
 */
public final class EidasAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

  private final EidasLevel required;

  private EidasAuthorization(EidasLevel required) {
    this.required = required;
  }

  /**
   * Returns the manager that demands at least this level.
   *
   * @param level the lowest level accepted
   * @return the manager
   */
  public static EidasAuthorization atLeast(EidasLevel level) {
    return new EidasAuthorization(Objects.requireNonNull(level, "level"));
  }

  /**
   * Returns the level demanded.
   *
   * @return the level
   */
  public EidasLevel required() {
    return required;
  }

  @Override
  public AuthorizationResult authorize(
      Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
    Authentication auth = authentication.get();
    boolean granted =
        auth instanceof SocleAuthentication socle
            && socle.isAuthenticated()
            && socle.identity().eidasLevel().map(l -> l.satisfies(required)).orElse(false);
    return new AuthorizationDecision(granted);
  }

  @Override
  public String toString() {
    return "EidasAuthorization[atLeast=" + required + "]";
  }
}
