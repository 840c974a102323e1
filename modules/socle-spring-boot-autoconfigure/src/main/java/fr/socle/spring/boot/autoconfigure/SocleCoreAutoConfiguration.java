package fr.socle.spring.boot.autoconfigure;

import fr.socle.core.Secret;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Shared by every block: binds {@code socle.http.*} and teaches Spring to bind secrets to {@link
 * Secret}.
 */
@AutoConfiguration
@ConditionalOnClass(Secret.class)
@EnableConfigurationProperties(SocleHttpProperties.class)
public class SocleCoreAutoConfiguration {

  /** Creates the configuration; Spring Boot does. */
  public SocleCoreAutoConfiguration() {}

  /**
   * The converter of configuration values to {@link Secret}. Static so that it exists before any
   * {@code @ConfigurationProperties} bean is bound.
   *
   * @return the converter
   */
  @Bean
  @ConfigurationPropertiesBinding
  public static SecretConverter socleSecretConverter() {
    return new SecretConverter();
  }
}
