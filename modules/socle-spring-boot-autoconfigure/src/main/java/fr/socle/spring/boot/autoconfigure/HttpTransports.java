package fr.socle.spring.boot.autoconfigure;

import fr.socle.core.SocleClientException;
import fr.socle.core.http.HttpTransport;
import fr.socle.core.http.ProxySettings;

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
    if (http.getDeadline() != null) {
      apply("socle.http.deadline", () -> preset.deadline(http.getDeadline()));
    }
    if (http.getApplicationName() != null) {
      apply("socle.http.application-name", () -> preset.applicationName(http.getApplicationName()));
    }
    preset.proxy(proxy(http.getProxy()));
    return preset.build();
  }

  /**
   * Turns {@code socle.http.proxy.*} into the one proxy value object. Contradictions (a host with
   * mode direct, credentials without a proxy, a user without a password) fail the start rather than
   * being ignored: a collectivité that set a proxy must not go out directly by mistake.
   */
  static ProxySettings proxy(SocleHttpProperties.Proxy p) {
    String prefix = "socle.http.proxy.";
    SocleHttpProperties.ProxyMode mode = p.getMode();
    if (mode == null) {
      mode =
          p.getHost() != null
              ? SocleHttpProperties.ProxyMode.EXPLICIT
              : SocleHttpProperties.ProxyMode.SYSTEM;
    }
    if (mode != SocleHttpProperties.ProxyMode.EXPLICIT) {
      if (p.getHost() != null || p.getPort() != null || p.getUser() != null) {
        throw new SocleConfigurationException(
            prefix + "mode",
            "is "
                + mode.name().toLowerCase()
                + " but a proxy host, port or user is set: set"
                + " socle.http.proxy.mode=explicit or remove them");
      }
      return mode == SocleHttpProperties.ProxyMode.DIRECT
          ? ProxySettings.direct()
          : ProxySettings.system();
    }
    if (p.getHost() == null || p.getPort() == null) {
      throw new SocleConfigurationException(
          prefix + (p.getHost() == null ? "host" : "port"),
          "is required with an explicit proxy: set socle.http.proxy.host and socle.http.proxy.port");
    }
    ProxySettings[] settings = new ProxySettings[1];
    apply(prefix + "host", () -> settings[0] = ProxySettings.http(p.getHost(), p.getPort()));
    if (p.getUser() == null && p.getPassword() == null) {
      return settings[0];
    }
    if (p.getUser() == null || p.getPassword() == null) {
      throw new SocleConfigurationException(
          prefix + (p.getUser() == null ? "user" : "password"),
          "is required: proxy credentials need both socle.http.proxy.user and"
              + " socle.http.proxy.password");
    }
    apply(
        prefix + "user",
        () -> settings[0] = settings[0].withCredentials(p.getUser(), p.getPassword()));
    return settings[0];
  }

  static void apply(String property, Runnable setter) {
    try {
      setter.run();
    } catch (SocleClientException | NullPointerException e) {
      throw new SocleConfigurationException(property, e.getMessage());
    }
  }
}
