package fr.socle.core.http;

import fr.socle.core.CircuitOpenException;
import fr.socle.core.ClientRateLimitedException;
import fr.socle.core.InvalidInputException;
import fr.socle.core.RateLimitedException;
import fr.socle.core.Redaction;
import fr.socle.core.SocleClientException;
import fr.socle.core.SocleException;
import fr.socle.core.SocleTimeoutException;
import fr.socle.core.internal.SocleVersion;
import fr.socle.core.internal.http.ApacheExchange;
import fr.socle.core.internal.http.ResilienceStage;
import fr.socle.core.internal.http.TransportSettings;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP client every Socle block talks to its peers through: Apache HttpClient 5 with bounded,
 * safe defaults.
 *
 * <ul>
 *   <li>connect timeout (default 5 s), response timeout (default 30 s, the longest silence allowed
 *       while waiting for data) and an overall <em>deadline</em> per call (default 60 s, see {@link
 *       Builder#deadline(Duration)}) that bounds connection, headers, body and retries together, so
 *       that a peer sending one byte at a time cannot hold a call; per-peer values come as
 *       {@linkplain HttpPreset presets};
 *   <li>a response size cap (default 10 MiB): a larger body fails with a {@link
 *       SocleClientException} as soon as the cap is crossed, before it can exhaust memory;
 *       compressed bodies are counted after decompression;
 *   <li>retries of <em>idempotent</em> requests only (see {@link HttpRequest#idempotent()}), on I/O
 *       errors, 429 and 503, with capped exponential backoff and jitter, honouring {@code
 *       Retry-After} (a peer asking for longer than the cap gets no retry);
 *   <li>an optional {@linkplain CircuitBreakerPolicy circuit breaker} and {@linkplain
 *       RateLimitPolicy client-side rate limit};
 *   <li>HTTP proxy as {@link ProxySettings}: by default the JVM's proxy settings ({@code
 *       https.proxyHost}, {@code http.nonProxyHosts}, ...) through {@link java.net.ProxySelector},
 *       or no proxy at all, or an explicit proxy with optional Basic credentials;
 *   <li>a trust store per transport, for peers with a private CA, without touching JVM-wide
 *       properties;
 *   <li>{@code User-Agent: socle-java/<version> <application>}; no cookies, no automatic redirects
 *       (an OAuth or payment flow must see them).
 * </ul>
 *
 * <p>Build one per peer and share it: it is immutable, thread-safe and pools connections. Close it
 * when the application stops.
 *
 * <pre>{@code
 * try (HttpTransport http = HttpTransport.builder()
 *     .applicationName("mairie-de-demo/1.0")
 *     .responseTimeout(Duration.ofSeconds(10))
 *     .build()) {
 *   HttpResponse response = http.execute(HttpRequest.get(uri).build());
 * }
 * }</pre>
 *
 * <p>Errors: {@link SocleTimeoutException} on timeouts and a passed deadline, {@link
 * SocleClientException} on other I/O errors, oversized bodies and calls to (or in flight during) a
 * closed transport, {@link CircuitOpenException} when the breaker is open, {@link
 * RateLimitedException} when the peer still answers 429 after retries. Other statuses are returned
 * as they are: the caller interprets them (see {@link HttpResponse#requireSuccess(String)}).
 */
public final class HttpTransport implements AutoCloseable {
  /** Default connect timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Default response timeout. */
  public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Default overall deadline of a call: 60 s for connection, request, headers, body and retries
   * together.
   */
  public static final Duration DEFAULT_DEADLINE = HttpPreset.DEFAULT.deadline();

  /** Default response size cap: 10 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 10L * 1024 * 1024;

  private final TransportSettings settings;
  private final String userAgent;
  private final ApacheExchange exchange;
  private final ResilienceStage resilience;

  private HttpTransport(TransportSettings settings) {
    this.settings = settings;
    this.userAgent = settings.userAgent(SocleVersion.get());
    this.exchange = new ApacheExchange(settings, userAgent);
    this.resilience = new ResilienceStage(settings.circuitBreaker(), settings.rateLimit());
  }

  /**
   * Starts a builder with the defaults ({@link HttpPreset#DEFAULT}, the JVM's proxy settings).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates a transport with every default.
   *
   * @return a new transport
   */
  public static HttpTransport create() {
    return builder().build();
  }

  /**
   * Returns a builder initialised with this transport's configuration.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(settings);
  }

  /**
   * Returns the User-Agent sent with every request.
   *
   * @return for example {@code socle-java/0.1.0 mairie-de-demo/1.0}
   */
  public String userAgent() {
    return userAgent;
  }

  /**
   * Returns the connect timeout.
   *
   * @return the timeout
   */
  public Duration connectTimeout() {
    return settings.connectTimeout();
  }

  /**
   * Returns the default response timeout.
   *
   * @return the timeout
   */
  public Duration responseTimeout() {
    return settings.responseTimeout();
  }

  /**
   * Returns the default overall deadline of a call.
   *
   * @return the deadline
   */
  public Duration deadline() {
    return settings.deadline();
  }

  /**
   * Returns the default response size cap.
   *
   * @return the cap in bytes
   */
  public long maxResponseBytes() {
    return settings.maxResponseBytes();
  }

  /**
   * Returns how many times an idempotent request is retried after the first attempt.
   *
   * @return zero or more
   */
  public int maxRetries() {
    return settings.maxRetries();
  }

  /**
   * Returns the client-side rate limit.
   *
   * @return the policy, empty when there is none
   */
  public Optional<RateLimitPolicy> rateLimit() {
    return Optional.ofNullable(settings.rateLimit());
  }

  /**
   * Returns the circuit breaker policy.
   *
   * @return the policy, empty when there is none
   */
  public Optional<CircuitBreakerPolicy> circuitBreaker() {
    return Optional.ofNullable(settings.circuitBreaker());
  }

  /**
   * Returns how this transport reaches the network.
   *
   * @return the proxy settings; {@link ProxySettings#system()} unless set
   */
  public ProxySettings proxy() {
    return settings.proxy();
  }

  /**
   * Sends a request and reads the whole response, within the size cap.
   *
   * @param request the request
   * @return the response, whatever its status except a final 429
   * @throws SocleTimeoutException if connecting or waiting for the response timed out
   * @throws CircuitOpenException if the circuit breaker is open
   * @throws RateLimitedException if the peer answered 429 after the allowed retries
   * @throws ClientRateLimitedException if the client-side rate limit could not be met in time (the
   *     peer was not called)
   * @throws SocleClientException on any other I/O error, or a body larger than the cap
   */
  public HttpResponse execute(HttpRequest request) {
    Objects.requireNonNull(request, "request");
    String target = request.method() + " " + Redaction.url(request.uri());
    resilience.beforeCall(request, target);
    long start = System.nanoTime();
    try {
      HttpResponse response =
          exchange.run(
              request,
              request.bodyUnsafe(),
              request.maxResponseBytes().orElse(settings.maxResponseBytes()),
              request.deadline().orElse(settings.deadline()),
              target);
      return resilience.afterResponse(request, target, start, response);
    } catch (SocleException e) {
      resilience.afterFailure(start, e);
      throw e;
    }
  }

  /**
   * Closes the connection pool at once. Calls in flight end with a {@link SocleClientException}
   * saying the transport is closed, as does any later call. Idempotent.
   */
  @Override
  public void close() {
    exchange.close();
  }

  @Override
  public String toString() {
    // The settings never show the proxy password (ProxySettings redacts it).
    return "HttpTransport[userAgent=" + userAgent + ", " + settings.describe() + "]";
  }

  /**
   * Configures an {@link HttpTransport}. Not thread-safe; {@link #build()} may be called again.
   *
   * <p>Bad values fail at once with an {@link InvalidInputException} naming the setting; a {@code
   * null} argument with a {@link NullPointerException} naming the parameter.
   */
  public static final class Builder {
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
    private Duration deadline = DEFAULT_DEADLINE;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private int maxRetries = 2;
    private Duration retryBaseDelay = Duration.ofMillis(200);
    private Duration maxRetryDelay = Duration.ofSeconds(10);
    private int maxConnections = 20;
    private String applicationName;
    private CircuitBreakerPolicy circuitBreaker;
    private RateLimitPolicy rateLimit;
    private ProxySettings proxy = ProxySettings.system();
    private KeyStore trustStore;

    private Builder() {}

    private Builder(TransportSettings s) {
      connectTimeout = s.connectTimeout();
      responseTimeout = s.responseTimeout();
      deadline = s.deadline();
      maxResponseBytes = s.maxResponseBytes();
      maxRetries = s.maxRetries();
      retryBaseDelay = s.retryBaseDelay();
      maxRetryDelay = s.maxRetryDelay();
      maxConnections = s.maxConnections();
      applicationName = s.applicationName();
      circuitBreaker = s.circuitBreaker();
      rateLimit = s.rateLimit();
      proxy = s.proxy();
      trustStore = s.trustStore();
    }

    /**
     * Sets the connect timeout (also the wait for a pooled connection).
     *
     * @param timeout positive; default 5 s
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets the response timeout: the longest silence allowed while waiting for response data.
     *
     * @param timeout positive; default 30 s
     * @return this builder
     */
    public Builder responseTimeout(Duration timeout) {
      this.responseTimeout = positive(timeout, "responseTimeout");
      return this;
    }

    /**
     * Sets the overall deadline of a call: the longest wall-clock time from the start of {@link
     * HttpTransport#execute(HttpRequest)} to the last byte of the response body, covering the wait
     * for a pooled connection, connecting, sending, the headers, the body and any retry with its
     * backoff. When it passes, the connection is dropped and the call fails with {@link
     * SocleTimeoutException}. Unlike the response timeout, it cannot be stretched by a peer that
     * sends one byte at a time.
     *
     * @param deadline positive; default 60 s
     * @return this builder
     */
    public Builder deadline(Duration deadline) {
      this.deadline = positive(deadline, "deadline");
      return this;
    }

    /**
     * Applies the connect timeout, response timeout and deadline of a preset. Setters called
     * afterwards override single values.
     *
     * @param preset the preset
     * @return this builder
     */
    public Builder preset(HttpPreset preset) {
      Objects.requireNonNull(preset, "preset");
      this.connectTimeout = preset.connectTimeout();
      this.responseTimeout = preset.responseTimeout();
      this.deadline = preset.deadline();
      return this;
    }

    /**
     * Sets the largest response body accepted.
     *
     * @param maxBytes positive; default 10 MiB
     * @return this builder
     */
    public Builder maxResponseBytes(long maxBytes) {
      if (maxBytes <= 0) {
        throw new InvalidInputException("maxResponseBytes must be positive");
      }
      this.maxResponseBytes = maxBytes;
      return this;
    }

    /**
     * Sets how many times an idempotent request is retried after the first attempt.
     *
     * @param maxRetries 0 to disable retries; default 2
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new InvalidInputException("maxRetries must be zero or positive");
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Sets the backoff: the first delay, doubled at each retry with jitter, and the cap on any
     * delay, {@code Retry-After} included.
     *
     * @param baseDelay the first delay, positive; default 200 ms
     * @param maxDelay the cap; default 10 s
     * @return this builder
     */
    public Builder retryBackoff(Duration baseDelay, Duration maxDelay) {
      this.retryBaseDelay = positive(baseDelay, "baseDelay");
      this.maxRetryDelay = positive(maxDelay, "maxDelay");
      return this;
    }

    /**
     * Sets the size of the connection pool.
     *
     * @param maxConnections connections per transport; default 20
     * @return this builder
     */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1) {
        throw new InvalidInputException("maxConnections must be at least 1");
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * Names the application in the User-Agent, as public API operators ask.
     *
     * @param applicationName for example {@code "mairie-de-demo/1.0 (contact@mairie.fr)"}
     * @return this builder
     */
    public Builder applicationName(String applicationName) {
      if (applicationName != null
          && (applicationName.indexOf('\r') >= 0 || applicationName.indexOf('\n') >= 0)) {
        throw new InvalidInputException("applicationName must not contain a line break");
      }
      this.applicationName = applicationName;
      return this;
    }

    /**
     * Enables a circuit breaker.
     *
     * @param policy the policy, or null to disable (default)
     * @return this builder
     */
    public Builder circuitBreaker(CircuitBreakerPolicy policy) {
      this.circuitBreaker = policy;
      return this;
    }

    /**
     * Enables a client-side rate limit shared by every request of this transport.
     *
     * @param policy the policy, or null to disable (default)
     * @return this builder
     */
    public Builder rateLimit(RateLimitPolicy policy) {
      this.rateLimit = policy;
      return this;
    }

    /**
     * Chooses how connections reach the network: {@link ProxySettings#system()} (the default: the
     * JVM's {@code http(s).proxyHost}, {@code http.nonProxyHosts} or custom {@link
     * java.net.ProxySelector}, read when the transport is built), {@link ProxySettings#direct()}
     * (no proxy, whatever the JVM says), or {@link ProxySettings#http(String, int)} (an explicit
     * proxy, HTTPS through {@code CONNECT}, with Basic credentials offered to the proxy only).
     *
     * <pre>{@code
     * HttpTransport.builder()
     *     .proxy(ProxySettings.http("proxy.mairie.local", 3128)
     *         .withCredentials("socle", Secret.of(System.getenv("PROXY_PASSWORD"))))
     *     .build();
     * }</pre>
     *
     * @param proxy the proxy settings
     * @return this builder
     */
    public Builder proxy(ProxySettings proxy) {
      this.proxy = Objects.requireNonNull(proxy, "proxy");
      return this;
    }

    /**
     * Trusts the certificates of this key store instead of the JVM's default trust store, for this
     * transport only.
     *
     * @param trustStore a loaded key store holding trusted certificates
     * @return this builder
     */
    public Builder trustStore(KeyStore trustStore) {
      this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
      return this;
    }

    /**
     * Builds the transport.
     *
     * @return a new transport, to be closed when no longer needed
     * @throws InvalidInputException if the trust store cannot be used
     */
    public HttpTransport build() {
      return new HttpTransport(
          new TransportSettings(
              connectTimeout,
              responseTimeout,
              deadline,
              maxResponseBytes,
              maxRetries,
              retryBaseDelay,
              maxRetryDelay,
              maxConnections,
              applicationName,
              circuitBreaker,
              rateLimit,
              proxy,
              trustStore));
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new InvalidInputException(name + " must be positive");
      }
      return d;
    }
  }
}
