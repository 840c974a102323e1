package fr.socle.spring.boot.autoconfigure;

import fr.socle.identity.EidasLevel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code socle.identity.web.*}: the security filter chain the starter builds when the application
 * defines none. An application with its own {@code SecurityFilterChain} applies {@code
 * SocleLoginConfigurer} itself and ignores these. Not thread-safe while Spring binds it; read-only
 * after.
 */
@ConfigurationProperties("socle.identity.web")
public class SocleWebSecurityProperties {

  /** Path patterns only a logged-in user may open (e.g. /account/**). Everything else is public. */
  private List<String> protectedPaths = new ArrayList<>();

  /** Path patterns demanding at least an eIDAS level, e.g. eidas-paths.EIDAS2=/demarches/**. */
  private Map<EidasLevel, List<String>> eidasPaths = new EnumMap<>(EidasLevel.class);

  /** Where a user goes after login when no protected page was asked for first. */
  private String successUrl = "/";

  /** Where a user goes when a login fails or is cancelled. */
  private String failureUrl = "/?login=failed";

  /** Creates the properties; Spring Boot binds them. */
  public SocleWebSecurityProperties() {}

  /**
   * Returns the protected path patterns.
   *
   * @return the patterns, possibly empty
   */
  public List<String> getProtectedPaths() {
    return protectedPaths;
  }

  /**
   * Sets the protected path patterns.
   *
   * @param protectedPaths Spring path patterns
   */
  public void setProtectedPaths(List<String> protectedPaths) {
    this.protectedPaths = protectedPaths;
  }

  /**
   * Returns the path patterns per eIDAS level demanded.
   *
   * @return the patterns, possibly empty
   */
  public Map<EidasLevel, List<String>> getEidasPaths() {
    return eidasPaths;
  }

  /**
   * Sets the path patterns per eIDAS level demanded.
   *
   * @param eidasPaths Spring path patterns by level
   */
  public void setEidasPaths(Map<EidasLevel, List<String>> eidasPaths) {
    this.eidasPaths = eidasPaths;
  }

  /**
   * Returns the URL after login.
   *
   * @return a path
   */
  public String getSuccessUrl() {
    return successUrl;
  }

  /**
   * Sets the URL after login.
   *
   * @param successUrl a path
   */
  public void setSuccessUrl(String successUrl) {
    this.successUrl = successUrl;
  }

  /**
   * Returns the URL after a failed login.
   *
   * @return a path
   */
  public String getFailureUrl() {
    return failureUrl;
  }

  /**
   * Sets the URL after a failed login.
   *
   * @param failureUrl a path
   */
  public void setFailureUrl(String failureUrl) {
    this.failureUrl = failureUrl;
  }
}
