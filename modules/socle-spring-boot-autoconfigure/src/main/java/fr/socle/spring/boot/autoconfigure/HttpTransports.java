package fr.socle.spring.boot.autoconfigure;

import fr.socle.core.SocleClientException;
import fr.socle.core.http.HttpTransport;

/**
 * Builds a block's {@link HttpTransport} from its peer's preset and {@code socle.http.*}. Every
 * setting is applied on its own so that a refused value fails the start naming its property.
 */
final class HttpTransports {
  private HttpTransports() {}

  static HttpTransport build(SocleHttpProperties http, HttpTransport.Builder preset) {
    if (http.getConnectTimeout() != null) {
      apply("socle.http.connect-timeout", () -> preset.connectTimeout(http.getConnectTimeout()));
    }
    if (http.getResponseTimeout() != null) {
      apply("socle.http.response-timeout", () -> preset.responseTimeout(http.getResponseTimeout()));
    }
    if (http.getMaxResponseBytes() != null) {
      apply(
          "socle.http.max-response-bytes",
          () -> preset.maxResponseBytes(http.getMaxResponseBytes()));
    }
    if (http.getMaxRetries() != null) {
      apply("socle.http.max-retries", () -> preset.maxRetries(http.getMaxRetries()));
    }
    if (http.getApplicationName() != null) {
      apply("socle.http.application-name", () -> preset.applicationName(http.getApplicationName()));
    }
    return preset.build();
  }

  static void apply(String property, Runnable setter) {
    try {
      setter.run();
    } catch (SocleClientException | NullPointerException e) {
      throw new SocleConfigurationException(property, e.getMessage());
    }
  }
}
