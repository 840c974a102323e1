package fr.socle.spring.boot.autoconfigure;

import fr.socle.core.Secret;
import org.springframework.core.convert.converter.Converter;

/**
 * Binds a configuration value to a {@link Secret}, so that a client secret or a key never lives in
 * a {@code String} property that {@code toString()}, the actuator's {@code /configprops} or a log
 * line could print.
 *
 * <p>An empty value fails the binding; Spring Boot then names the property in the start-up error.
 * Thread-safe.
 */
public final class SecretConverter implements Converter<String, Secret> {

  /** Creates the converter. */
  public SecretConverter() {}

  @Override
  public Secret convert(String source) {
    return Secret.of(source);
  }
}
