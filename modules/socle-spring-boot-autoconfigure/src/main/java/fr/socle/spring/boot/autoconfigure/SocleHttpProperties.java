package fr.socle.spring.boot.autoconfigure;

import fr.socle.core.Secret;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code socle.http.*}: the HTTP settings shared by every Socle client. Each block starts from its
 * peer's preset (PayFiP answers in 15 seconds and never sends more than 256 KiB, for instance) and
 * applies only the settings given here (see docs/core.md, "Configuring HTTP"). Not thread-safe
 * while Spring binds it; read-only after.
 */
@ConfigurationProperties("socle.http")
public class SocleHttpProperties {

  /** Time allowed to open a TCP/TLS connection to a peer. Defaults to the peer's preset. */
  private Duration connectTimeout;

  /** Time allowed for a peer's answer. Defaults to the peer's preset. */
  private Duration responseTimeout;

  /** Largest answer accepted from a peer, in bytes. Defaults to the peer's preset. */
  private Long maxResponseBytes;

  /** Retries of idempotent calls after a network error. Defaults to the peer's preset. */
  private Integer maxRetries;

  /**
   * Longest whole call (connection, request, answer and retries together). Defaults to the peer's
   * preset.
   */
  private Duration deadline;

  /** Application name sent in the User-Agent, as public API operators ask. */
  private String applicationName;

  /** How the clients reach the network: the JVM's proxy settings, none, or an explicit proxy. */
  private final Proxy proxy = new Proxy();

  /**
   * Returns the deadline of a whole call.
   *
   * @return the deadline, or null for the preset's
   */
  public Duration getDeadline() {
    return deadline;
  }

  /**
   * Sets the deadline of a whole call.
   *
   * @param deadline positive
   */
  public void setDeadline(Duration deadline) {
    this.deadline = deadline;
  }

  /**
   * Returns the proxy settings.
   *
   * @return {@code socle.http.proxy.*}
   */
  public Proxy getProxy() {
    return proxy;
  }

  /**
   * Returns the connection timeout.
   *
   * @return the timeout, or null for the preset's
   */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /**
   * Sets the connection timeout.
   *
   * @param connectTimeout positive
   */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /**
   * Returns the response timeout.
   *
   * @return the timeout, or null for the preset's
   */
  public Duration getResponseTimeout() {
    return responseTimeout;
  }

  /**
   * Sets the response timeout.
   *
   * @param responseTimeout positive
   */
  public void setResponseTimeout(Duration responseTimeout) {
    this.responseTimeout = responseTimeout;
  }

  /**
   * Returns the size cap of an answer.
   *
   * @return bytes, or null for the preset's
   */
  public Long getMaxResponseBytes() {
    return maxResponseBytes;
  }

  /**
   * Sets the size cap of an answer.
   *
   * @param maxResponseBytes positive
   */
  public void setMaxResponseBytes(Long maxResponseBytes) {
    this.maxResponseBytes = maxResponseBytes;
  }

  /**
   * Returns the number of retries.
   *
   * @return retries, or null for the preset's
   */
  public Integer getMaxRetries() {
    return maxRetries;
  }

  /**
   * Sets the number of retries.
   *
   * @param maxRetries zero or more
   */
  public void setMaxRetries(Integer maxRetries) {
    this.maxRetries = maxRetries;
  }

  /**
   * Returns the application name sent in the User-Agent.
   *
   * @return the name, or null for none
   */
  public String getApplicationName() {
    return applicationName;
  }

  /**
   * Sets the application name sent in the User-Agent.
   *
   * @param applicationName a short name
   */
  public void setApplicationName(String applicationName) {
    this.applicationName = applicationName;
  }

  /** Which proxy settings apply. */
  public enum ProxyMode {
    /** The JVM's settings: {@code https.proxyHost}, {@code http.nonProxyHosts}... (default). */
    SYSTEM,
    /** No proxy, whatever the JVM's settings say. */
    DIRECT,
    /** The proxy given by {@code socle.http.proxy.host} and {@code port}. */
    EXPLICIT
  }

  /** {@code socle.http.proxy.*}: turned into one {@code fr.socle.core.http.ProxySettings}. */
  public static class Proxy {
    /**
     * Which proxy settings apply: system (the JVM's, default), direct (none) or explicit (host and
     * port below). Setting a host alone implies explicit.
     */
    private ProxyMode mode;

    /** Host of the explicit HTTP proxy (HTTPS goes through it with CONNECT). */
    private String host;

    /** Port of the explicit HTTP proxy. */
    private Integer port;

    /** User name for the explicit proxy (Basic authentication, offered to the proxy only). */
    private String user;

    /** Password for the explicit proxy; never printed by the actuator or in logs. */
    private Secret password;

    /** Creates empty settings; Spring binds them. */
    public Proxy() {}

    /**
     * Returns the mode.
     *
     * @return the mode, or null when not set
     */
    public ProxyMode getMode() {
      return mode;
    }

    /**
     * Sets the mode.
     *
     * @param mode system, direct or explicit
     */
    public void setMode(ProxyMode mode) {
      this.mode = mode;
    }

    /**
     * Returns the proxy host.
     *
     * @return the host, or null
     */
    public String getHost() {
      return host;
    }

    /**
     * Sets the proxy host.
     *
     * @param host a host name or address
     */
    public void setHost(String host) {
      this.host = host;
    }

    /**
     * Returns the proxy port.
     *
     * @return the port, or null
     */
    public Integer getPort() {
      return port;
    }

    /**
     * Sets the proxy port.
     *
     * @param port 1 to 65535
     */
    public void setPort(Integer port) {
      this.port = port;
    }

    /**
     * Returns the proxy user.
     *
     * @return the user, or null
     */
    public String getUser() {
      return user;
    }

    /**
     * Sets the proxy user.
     *
     * @param user the user name
     */
    public void setUser(String user) {
      this.user = user;
    }

    /**
     * Returns the proxy password.
     *
     * @return the password, or null
     */
    public Secret getPassword() {
      return password;
    }

    /**
     * Sets the proxy password.
     *
     * @param password the password
     */
    public void setPassword(Secret password) {
      this.password = password;
    }
  }
}
