package fr.socle.refdata.client;

import fr.socle.core.InvalidInputException;
import fr.socle.core.http.CircuitBreakerPolicy;
import fr.socle.core.http.HttpTransport;
import fr.socle.core.http.RateLimitPolicy;
import fr.socle.refdata.spi.ResponseCache;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Options every reference API client shares. Each client's builder starts with the peer's current
 * base URL, its published rate limit and a circuit breaker; change them only with a reason (a
 * self-hosted geocoder, a negotiated quota). Not thread-safe; the built clients are.
 *
 * @param <B> the concrete builder
 */
public abstract class ApiClientBuilder<B extends ApiClientBuilder<B>> {
  private URI baseUrl;
  private String applicationName;
  private Duration connectTimeout = Duration.ofSeconds(5);
  private Duration responseTimeout = Duration.ofSeconds(30);
  private long maxResponseBytes = 10L * 1024 * 1024;
  private int maxRetries = 2;
  private Duration maxRetryDelay = Duration.ofSeconds(10);
  private RateLimitPolicy rateLimit;
  private CircuitBreakerPolicy circuitBreaker;
  private ResponseCache cache;
  private Duration cacheTtl = Duration.ofHours(1);
  private Clock clock = Clock.systemUTC();

  /**
   * Creates a builder with the peer's defaults.
   *
   * @param baseUrl the current production base URL
   * @param rateLimit the published rate limit
   * @param circuitBreaker the default breaker
   */
  protected ApiClientBuilder(
      URI baseUrl, RateLimitPolicy rateLimit, CircuitBreakerPolicy circuitBreaker) {
    this.baseUrl = baseUrl;
    this.rateLimit = rateLimit;
    this.circuitBreaker = circuitBreaker;
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * Sets the base URL (a mirror, a self-hosted instance, a test stub).
   *
   * @param baseUrl an absolute http(s) URL, without a trailing slash needed
   * @return this builder
   * @throws InvalidInputException if it is not an absolute http(s) URL
   */
  public B baseUrl(String baseUrl) {
    URI u;
    try {
      u = URI.create(Objects.requireNonNull(baseUrl, "baseUrl"));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "baseUrl must be an absolute http(s) URL: it is not a URI", e);
    }
    if (!u.isAbsolute() || !(u.getScheme().equals("https") || u.getScheme().equals("http"))) {
      throw new InvalidInputException("baseUrl must be an absolute http(s) URL");
    }
    String s = u.toString();
    this.baseUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    return self();
  }

  /**
   * Names the application in the User-Agent, as the API operators ask.
   *
   * @param applicationName for example {@code "mairie-de-demo/1.0 (contact@mairie.fr)"}
   * @return this builder
   */
  public B applicationName(String applicationName) {
    this.applicationName = applicationName;
    return self();
  }

  /**
   * Sets the connect and response timeouts. Each call also has an overall deadline: 60 s, or twice
   * the response timeout if that is longer.
   *
   * @param connect default 5 s
   * @param response default 30 s (the longest silence while waiting for data)
   * @return this builder
   * @throws InvalidInputException if a timeout is zero or negative
   */
  public B timeouts(Duration connect, Duration response) {
    this.connectTimeout = positive(connect, "connect");
    this.responseTimeout = positive(response, "response");
    return self();
  }

  /**
   * Sets the largest response accepted.
   *
   * @param maxBytes default 10 MiB
   * @return this builder
   * @throws InvalidInputException if it is below 1
   */
  public B maxResponseBytes(long maxBytes) {
    if (maxBytes < 1) {
      throw new InvalidInputException("maxResponseBytes must be at least 1");
    }
    this.maxResponseBytes = maxBytes;
    return self();
  }

  /**
   * Sets the retries of idempotent calls (I/O errors, 429, 503), honouring {@code Retry-After} up
   * to {@code maxDelay}; a peer asking to wait longer gets no retry.
   *
   * @param maxRetries 0 to disable
   * @param maxDelay the longest wait accepted before a retry
   * @return this builder
   * @throws InvalidInputException if {@code maxRetries} is negative or {@code maxDelay} not
   *     positive
   */
  public B retries(int maxRetries, Duration maxDelay) {
    if (maxRetries < 0) {
      throw new InvalidInputException("maxRetries must be 0 (no retry) or more");
    }
    this.maxRetries = maxRetries;
    this.maxRetryDelay = positive(maxDelay, "maxDelay");
    return self();
  }

  /**
   * Replaces the client-side rate limit (default: the peer's published limit).
   *
   * @param policy the policy, or null to disable (not recommended: the peers ban)
   * @return this builder
   */
  public B rateLimit(RateLimitPolicy policy) {
    this.rateLimit = policy;
    return self();
  }

  /**
   * Replaces the circuit breaker.
   *
   * @param policy the policy, or null to disable (not recommended: the peers ban)
   * @return this builder
   */
  public B circuitBreaker(CircuitBreakerPolicy policy) {
    this.circuitBreaker = policy;
    return self();
  }

  /**
   * Caches successful GET responses.
   *
   * @param cache the cache, or null for none (default)
   * @param ttl how long an answer may be served from the cache
   * @return this builder
   */
  public B cache(ResponseCache cache, Duration ttl) {
    this.cache = cache;
    this.cacheTtl = Objects.requireNonNull(ttl, "ttl");
    return self();
  }

  /**
   * Sets the clock used for {@code Retry-After} cool-downs.
   *
   * @param clock the clock
   * @return this builder
   */
  public B clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return self();
  }

  private static Duration positive(Duration d, String name) {
    if (Objects.requireNonNull(d, name).isNegative() || d.isZero()) {
      throw new InvalidInputException(name + " must be a positive duration");
    }
    return d;
  }

  /**
   * Returns the base URL.
   *
   * @return the URL, without a trailing slash
   */
  protected URI baseUrl() {
    return baseUrl;
  }

  /**
   * Returns the configured cache.
   *
   * @return the cache, if any
   */
  protected Optional<ResponseCache> cache() {
    return Optional.ofNullable(cache);
  }

  /**
   * Returns the cache time to live.
   *
   * @return the ttl
   */
  protected Duration cacheTtl() {
    return cacheTtl;
  }

  /**
   * Returns the clock.
   *
   * @return the clock
   */
  protected Clock clock() {
    return clock;
  }

  /**
   * Builds a transport from these options, with another rate limit (for a second limiter, such as
   * the geocoder's completion endpoint).
   *
   * @param limit the rate limit of this transport
   * @return a new transport
   */
  protected HttpTransport transport(RateLimitPolicy limit) {
    return HttpTransport.builder()
        .applicationName(applicationName)
        .connectTimeout(connectTimeout)
        .responseTimeout(responseTimeout)
        // The transport's 60 s deadline bounds a call whose answer trickles in; a caller who
        // allows a longer silence gets a deadline that still leaves room for it.
        .deadline(deadline())
        .maxResponseBytes(maxResponseBytes)
        .maxRetries(maxRetries)
        .retryBackoff(Duration.ofMillis(200), maxRetryDelay)
        .rateLimit(limit)
        .circuitBreaker(circuitBreaker)
        .build();
  }

  private Duration deadline() {
    Duration twice = responseTimeout.multipliedBy(2);
    return twice.compareTo(HttpTransport.DEFAULT_DEADLINE) > 0
        ? twice
        : HttpTransport.DEFAULT_DEADLINE;
  }

  /**
   * Builds a transport with the configured rate limit.
   *
   * @return a new transport
   */
  protected HttpTransport transport() {
    return transport(rateLimit);
  }

  /**
   * Returns the configured rate limit.
   *
   * @return the policy, or null if disabled
   */
  protected RateLimitPolicy rateLimitPolicy() {
    return rateLimit;
  }
}
