package fr.socle.core.internal.http;

import fr.socle.core.http.CircuitBreakerPolicy;
import fr.socle.core.http.ProxySettings;
import fr.socle.core.http.RateLimitPolicy;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Objects;

/**
 * The validated settings of one transport, as its builder collected them. Immutable apart from the
 * trust store, which the builder's caller handed over and must not change afterwards.
 *
 * @param connectTimeout connect timeout, also the wait for a pooled connection
 * @param responseTimeout longest silence while waiting for response data
 * @param deadline wall-clock bound of a whole call, retries included
 * @param maxResponseBytes response size cap
 * @param maxRetries retries of an idempotent request after the first attempt
 * @param retryBaseDelay first backoff delay
 * @param maxRetryDelay cap on any backoff delay, {@code Retry-After} included
 * @param maxConnections size of the connection pool
 * @param applicationName the application named in the User-Agent, or {@code null}
 * @param circuitBreaker the circuit breaker policy, or {@code null} for none
 * @param rateLimit the client-side rate limit, or {@code null} for none
 * @param proxy how connections reach the network
 * @param trustStore the trust store replacing the JVM's, or {@code null}
 */
public record TransportSettings(
    Duration connectTimeout,
    Duration responseTimeout,
    Duration deadline,
    long maxResponseBytes,
    int maxRetries,
    Duration retryBaseDelay,
    Duration maxRetryDelay,
    int maxConnections,
    String applicationName,
    CircuitBreakerPolicy circuitBreaker,
    RateLimitPolicy rateLimit,
    ProxySettings proxy,
    KeyStore trustStore) {

  /**
   * Checks the settings the builder must always have filled.
   *
   * @param connectTimeout connect timeout, also the wait for a pooled connection
   * @param responseTimeout longest silence while waiting for response data
   * @param deadline wall-clock bound of a whole call, retries included
   * @param maxResponseBytes response size cap
   * @param maxRetries retries of an idempotent request after the first attempt
   * @param retryBaseDelay first backoff delay
   * @param maxRetryDelay cap on any backoff delay, {@code Retry-After} included
   * @param maxConnections size of the connection pool
   * @param applicationName the application named in the User-Agent, or {@code null}
   * @param circuitBreaker the circuit breaker policy, or {@code null} for none
   * @param rateLimit the client-side rate limit, or {@code null} for none
   * @param proxy how connections reach the network
   * @param trustStore the trust store replacing the JVM's, or {@code null}
   */
  public TransportSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(responseTimeout, "responseTimeout");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(retryBaseDelay, "retryBaseDelay");
    Objects.requireNonNull(maxRetryDelay, "maxRetryDelay");
    Objects.requireNonNull(proxy, "proxy");
  }

  /**
   * Returns the User-Agent sent with every request.
   *
   * @param version Socle's version
   * @return {@code socle-java/<version>} followed by the application name, if any
   */
  public String userAgent(String version) {
    return "socle-java/" + version + (applicationName == null ? "" : " " + applicationName);
  }

  /**
   * Describes the settings for {@code toString()}: timeouts, cap, proxy (its password redacted by
   * {@link ProxySettings#toString()}), whether a custom trust store is used.
   *
   * @return a description safe to log
   */
  public String describe() {
    return "connectTimeout="
        + connectTimeout
        + ", responseTimeout="
        + responseTimeout
        + ", deadline="
        + deadline
        + ", maxResponseBytes="
        + maxResponseBytes
        + ", proxy="
        + proxy
        + (trustStore != null ? ", trustStore=custom" : "");
  }

  @Override
  public String toString() {
    return "TransportSettings[" + describe() + "]";
  }
}
