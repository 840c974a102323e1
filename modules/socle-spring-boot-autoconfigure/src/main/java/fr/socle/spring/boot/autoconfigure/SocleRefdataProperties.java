package fr.socle.spring.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code socle.refdata.*}: reference data. The territories (communes, EPCI, departements, regions
 * of the official geographic code) are shipped in the jar and need no setting. Not thread-safe
 * while Spring binds it; read-only after.
 */
@ConfigurationProperties("socle.refdata")
public class SocleRefdataProperties {

  /** Whether to expose the embedded territories as a bean. */
  private boolean territoriesEnabled = true;

  /** Creates the properties; Spring Boot binds them. */
  public SocleRefdataProperties() {}

  /**
   * Returns the setting: whether to expose the embedded territories as a bean.
   *
   * @return the value, or null when not set
   */
  public boolean isTerritoriesEnabled() {
    return territoriesEnabled;
  }

  /**
   * Sets the setting: whether to expose the embedded territories as a bean.
   *
   * @param territoriesEnabled the value
   */
  public void setTerritoriesEnabled(boolean territoriesEnabled) {
    this.territoriesEnabled = territoriesEnabled;
  }
}
