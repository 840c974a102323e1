package fr.socle.core.http;

import fr.socle.core.InvalidInputException;
import fr.socle.core.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * How a client reaches the network: through the JVM's proxy settings (the default), directly, or
 * through an explicit HTTP proxy, optionally with Basic credentials.
 *
 * <p>One value object for every remote client of Socle: {@link HttpTransport.Builder#proxy} and the
 * S3 object store take the same settings, so a collectivité behind a proxy configures it once.
 *
 * <pre>{@code
 * ProxySettings proxy = ProxySettings.http("proxy.mairie.local", 3128)
 *     .withCredentials("socle", Secret.of(System.getenv("PROXY_PASSWORD")));
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the password.
 */
public final class ProxySettings {

  private enum Mode {
    SYSTEM,
    DIRECT,
    EXPLICIT
  }

  private static final ProxySettings SYSTEM = new ProxySettings(Mode.SYSTEM, null, 0, null, null);
  private static final ProxySettings DIRECT = new ProxySettings(Mode.DIRECT, null, 0, null, null);

  private final Mode mode;
  private final String host;
  private final int port;
  private final String user;
  private final Secret password;

  private ProxySettings(Mode mode, String host, int port, String user, Secret password) {
    this.mode = mode;
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
  }

  /**
   * The JVM's proxy settings ({@code https.proxyHost}, {@code http.nonProxyHosts}, or a custom
   * {@link java.net.ProxySelector}). The default of every client.
   *
   * @return the system settings
   */
  public static ProxySettings system() {
    return SYSTEM;
  }

  /**
   * No proxy at all, whatever the JVM's settings say.
   *
   * @return direct connections
   */
  public static ProxySettings direct() {
    return DIRECT;
  }

  /**
   * An explicit HTTP proxy; HTTPS goes through it with {@code CONNECT}.
   *
   * @param host the proxy host name or address
   * @param port the proxy port, 1 to 65535
   * @return the settings
   * @throws InvalidInputException if the host is blank or the port out of range
   */
  public static ProxySettings http(String host, int port) {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new InvalidInputException("proxy host must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new InvalidInputException("proxy port must be between 1 and 65535, was " + port);
    }
    return new ProxySettings(Mode.EXPLICIT, host.strip(), port, null, null);
  }

  /**
   * The same explicit proxy, with Basic credentials.
   *
   * @param user the user name
   * @param password the password
   * @return new settings
   * @throws InvalidInputException if these settings are not an explicit proxy, or the user is blank
   */
  public ProxySettings withCredentials(String user, Secret password) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (mode != Mode.EXPLICIT) {
      throw new InvalidInputException(
          "proxy credentials need an explicit proxy: use http(host, port)");
    }
    if (user.isBlank()) {
      throw new InvalidInputException("proxy user must not be blank");
    }
    return new ProxySettings(mode, host, port, user, password);
  }

  /**
   * Whether the JVM's proxy settings apply.
   *
   * @return true for {@link #system()}
   */
  public boolean isSystem() {
    return mode == Mode.SYSTEM;
  }

  /**
   * Whether connections go out directly.
   *
   * @return true for {@link #direct()}
   */
  public boolean isDirect() {
    return mode == Mode.DIRECT;
  }

  /**
   * The explicit proxy host.
   *
   * @return the host, empty unless created with {@link #http(String, int)}
   */
  public Optional<String> host() {
    return Optional.ofNullable(host);
  }

  /**
   * The explicit proxy port.
   *
   * @return the port, 0 unless created with {@link #http(String, int)}
   */
  public int port() {
    return port;
  }

  /**
   * The proxy user.
   *
   * @return the user, if credentials were given
   */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /**
   * The proxy password.
   *
   * @return the password, if credentials were given
   */
  public Optional<Secret> password() {
    return Optional.ofNullable(password);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ProxySettings)) {
      return false;
    }
    ProxySettings p = (ProxySettings) o;
    return mode == p.mode
        && port == p.port
        && Objects.equals(host, p.host)
        && Objects.equals(user, p.user)
        && Objects.equals(password, p.password);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, host, port, user);
  }

  @Override
  public String toString() {
    switch (mode) {
      case SYSTEM:
        return "ProxySettings[system]";
      case DIRECT:
        return "ProxySettings[direct]";
      default:
        return "ProxySettings[http://"
            + host
            + ":"
            + port
            + (user != null ? ", credentials=<redacted>" : "")
            + "]";
    }
  }
}
