package fr.socle.spring.boot.autoconfigure;

import fr.socle.refdata.Territories;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Reference data: the territories shipped in socle-refdata. They need no setting, so this block is
 * on whenever socle-refdata is on the class path, unlike the others (whose peers need credentials);
 * {@code socle.refdata.territories-enabled=false} turns it off.
 */
@AutoConfiguration
@ConditionalOnClass(Territories.class)
@ConditionalOnProperty(
    prefix = "socle.refdata",
    name = "territories-enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(SocleRefdataProperties.class)
public class SocleRefdataAutoConfiguration {

  /** Creates the configuration; Spring Boot does. */
  public SocleRefdataAutoConfiguration() {}

  /**
   * The embedded territories, loaded on first use.
   *
   * @return the shared instance
   */
  @Bean
  @ConditionalOnMissingBean
  public Territories socleTerritories() {
    return Territories.embedded();
  }
}
