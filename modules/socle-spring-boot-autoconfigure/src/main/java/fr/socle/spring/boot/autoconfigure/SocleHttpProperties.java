package fr.socle.spring.boot.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code socle.http.*}: the HTTP settings shared by every Socle client. Each block starts from its
 * peer's preset (PayFiP answers in 15 seconds and never sends more than 256 KiB, for instance) and
 * applies only the settings given here. Not thread-safe while Spring binds it; read-only after.
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

  /** Application name sent in the User-Agent, as public API operators ask. */
  private String applicationName;

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
}
