package fr.socle.core.http;

import fr.socle.core.CircuitOpenException;
import fr.socle.core.RateLimitedException;
import fr.socle.core.Redaction;
import fr.socle.core.Secret;
import fr.socle.core.SocleClientException;
import fr.socle.core.SocleException;
import fr.socle.core.SocleServiceException;
import fr.socle.core.SocleTimeoutException;
import fr.socle.core.internal.BoundedReader;
import fr.socle.core.internal.SocleRetryStrategy;
import fr.socle.core.internal.SocleVersion;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultProxyRoutePlanner;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.ssl.SSLContextBuilder;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *   <li>HTTP proxy: explicit host, port and credentials, or by default the JVM's proxy settings
 *       ({@code https.proxyHost}, {@code http.nonProxyHosts}, ...) through {@link ProxySelector};
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
  private static final Logger log = LoggerFactory.getLogger(HttpTransport.class);

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

  private final Builder config;
  private final String userAgent;
  private final CloseableHttpClient client;
  private final RequestConfig defaultRequestConfig;
  private final CircuitBreaker circuitBreaker;
  private final RateLimiter rateLimiter;
  private final ScheduledThreadPoolExecutor timers;
  private volatile boolean closed;

  private HttpTransport(Builder b) {
    this.config = b.copy();
    this.userAgent =
        "socle-java/"
            + SocleVersion.get()
            + (b.applicationName == null ? "" : " " + b.applicationName);
    this.defaultRequestConfig =
        RequestConfig.custom()
            .setResponseTimeout(Timeout.of(b.responseTimeout))
            .setConnectionRequestTimeout(Timeout.of(b.connectTimeout))
            .setRedirectsEnabled(false)
            .build();
    this.client = buildClient(b);
    this.circuitBreaker = b.circuitBreaker == null ? null : circuitBreaker(b);
    this.rateLimiter = b.rateLimit == null ? null : rateLimiter(b);
    this.timers =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "socle-http-deadline");
              t.setDaemon(true);
              return t;
            });
    // Most calls end long before their deadline: drop cancelled timers at once.
    timers.setRemoveOnCancelPolicy(true);
  }

  /**
   * Starts a builder with the defaults.
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
    return config.copy();
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
    return config.connectTimeout;
  }

  /**
   * Returns the default response timeout.
   *
   * @return the timeout
   */
  public Duration responseTimeout() {
    return config.responseTimeout;
  }

  /**
   * Returns the default overall deadline of a call.
   *
   * @return the deadline
   */
  public Duration deadline() {
    return config.deadline;
  }

  /**
   * Returns the default response size cap.
   *
   * @return the cap in bytes
   */
  public long maxResponseBytes() {
    return config.maxResponseBytes;
  }

  /**
   * Sends a request and reads the whole response, within the size cap.
   *
   * @param request the request
   * @return the response, whatever its status except a final 429
   * @throws SocleTimeoutException if connecting or waiting for the response timed out
   * @throws CircuitOpenException if the circuit breaker is open
   * @throws RateLimitedException if the peer answered 429 after the allowed retries, or the
   *     client-side rate limit could not be met in time
   * @throws SocleClientException on any other I/O error, or a body larger than the cap
   */
  public HttpResponse execute(HttpRequest request) {
    Objects.requireNonNull(request, "request");
    String target = request.method() + " " + Redaction.url(request.uri());
    if (rateLimiter != null && !rateLimiter.acquirePermission()) {
      throw new RateLimitedException(
          "client-side rate limit reached for " + target + "; the peer was not called",
          0,
          null,
          null);
    }
    if (circuitBreaker != null && !circuitBreaker.tryAcquirePermission()) {
      throw new CircuitOpenException(
          "circuit breaker open for "
              + request.uri().getHost()
              + " after repeated failures; the peer was not called");
    }
    long start = System.nanoTime();
    try {
      HttpResponse response = send(request, target);
      recordOutcome(start, response);
      if (response.status() == 429) {
        throw new RateLimitedException(
            "rate limited by " + request.uri().getHost() + " on " + target,
            429,
            retryAfter(response),
            response.correlationId().orElse(null));
      }
      return response;
    } catch (SocleException e) {
      if (circuitBreaker != null && !(e instanceof SocleServiceException)) {
        circuitBreaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      }
      throw e;
    }
  }

  private HttpResponse send(HttpRequest request, String target) {
    if (closed) {
      throw closedError(target, null);
    }
    HttpUriRequestBase outgoing = new HttpUriRequestBase(request.method(), request.uri());
    for (Map.Entry<String, String> h : request.headers()) {
      outgoing.addHeader(h.getKey(), h.getValue());
    }
    if (request.bodyUnsafe() != null) {
      outgoing.setEntity(
          new ByteArrayEntity(
              request.bodyUnsafe(), ContentType.parse(request.contentType().orElseThrow())));
    }
    HttpClientContext context = HttpClientContext.create();
    context.setAttribute(SocleRetryStrategy.IDEMPOTENT, request.idempotent());
    if (request.responseTimeout().isPresent()) {
      context.setRequestConfig(
          RequestConfig.copy(defaultRequestConfig)
              .setResponseTimeout(Timeout.of(request.responseTimeout().get()))
              .build());
    }
    long cap = request.maxResponseBytes().orElse(config.maxResponseBytes);
    Duration deadline = request.deadline().orElse(config.deadline);
    // The response timeout bounds the silence between two bytes only: a peer dripping a byte at a
    // time would hold the call forever. The deadline aborts the exchange (connection lease,
    // connect, headers, body, retries) from a timer, which drops the connection under the blocked
    // read.
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> timer = scheduleAbort(outgoing, expired, deadline, target);
    log.debug("HTTP {}", target);
    try (ClassicHttpResponse response = client.executeOpen(null, outgoing, context)) {
      byte[] body = readBody(response.getEntity(), cap, target);
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (Header h : response.getHeaders()) {
        headers.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue());
      }
      log.debug("HTTP {} -> {} ({} bytes)", target, response.getCode(), body.length);
      return new HttpResponse(response.getCode(), headers, body);
    } catch (IOException | IllegalStateException e) {
      throw failure(e, target, expired.get(), deadline);
    } finally {
      timer.cancel(false);
    }
  }

  private ScheduledFuture<?> scheduleAbort(
      HttpUriRequestBase outgoing, AtomicBoolean expired, Duration deadline, String target) {
    try {
      return timers.schedule(
          () -> {
            expired.set(true);
            outgoing.cancel();
          },
          deadline.toNanos(),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      throw closedError(target, e);
    }
  }

  private SocleClientException failure(
      Exception e, String target, boolean deadlinePassed, Duration deadline) {
    if (deadlinePassed) {
      return new SocleTimeoutException(
          "deadline of " + deadline.toMillis() + " ms exceeded: " + target, e);
    }
    if (closed) {
      return closedError(target, e);
    }
    if (e instanceof IllegalStateException) {
      // HttpClient's way of saying its pool is shut down; anything else is a bug of ours.
      return new SocleClientException(
          "HTTP client unusable on " + target + ": " + e.getClass().getSimpleName(), e);
    }
    if (e instanceof SocketTimeoutException) {
      return new SocleTimeoutException("timed out: " + target, e);
    }
    if (e instanceof InterruptedIOException) {
      return new SocleTimeoutException("interrupted or timed out: " + target, e);
    }
    return new SocleClientException(
        "I/O error on " + target + ": " + e.getClass().getSimpleName(), e);
  }

  private static SocleClientException closedError(String target, Exception cause) {
    return new SocleClientException(
        "HTTP transport closed; " + target + " was not completed", cause);
  }

  private static byte[] readBody(HttpEntity entity, long cap, String target) throws IOException {
    if (entity == null) {
      return new byte[0];
    }
    if (entity.getContentLength() > cap) {
      abort(entity.getContent());
      throw BoundedReader.tooLarge("response body of " + target, cap);
    }
    InputStream in = entity.getContent();
    if (in == null) {
      return new byte[0];
    }
    try {
      return BoundedReader.readAll(in, cap, "response body of " + target);
    } catch (SocleClientException e) {
      abort(in);
      throw e;
    } finally {
      in.close();
    }
  }

  /**
   * Drops the connection of an oversized body. Closing the stream or the response would instead
   * read the rest of the body to reuse the connection: a hostile peer could make us download
   * gigabytes.
   */
  private static void abort(InputStream in) throws IOException {
    if (in instanceof EofSensorInputStream) {
      ((EofSensorInputStream) in).abort();
    }
  }

  private void recordOutcome(long start, HttpResponse response) {
    if (circuitBreaker == null) {
      return;
    }
    long elapsed = System.nanoTime() - start;
    if (response.status() >= 500 || response.status() == 429) {
      circuitBreaker.onError(
          elapsed,
          TimeUnit.NANOSECONDS,
          new SocleServiceException("peer error", response.status(), null, null));
    } else {
      circuitBreaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
    }
  }

  private static Duration retryAfter(HttpResponse response) {
    return response
        .header("Retry-After")
        .flatMap(
            v -> {
              org.apache.hc.core5.http.message.BasicHttpResponse r =
                  new org.apache.hc.core5.http.message.BasicHttpResponse(response.status());
              r.addHeader("Retry-After", v);
              return SocleRetryStrategy.retryAfter(r);
            })
        .orElse(null);
  }

  private static CloseableHttpClient buildClient(Builder b) {
    PoolingHttpClientConnectionManagerBuilder cm =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(b.maxConnections)
            .setMaxConnPerRoute(b.maxConnections)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(b.connectTimeout))
                    .setSocketTimeout(Timeout.of(b.responseTimeout))
                    .setTimeToLive(Timeout.ofMinutes(5))
                    .build());
    if (b.trustStore != null) {
      cm.setTlsSocketStrategy(
          ClientTlsStrategyBuilder.create().setSslContext(sslContext(b.trustStore)).buildClassic());
    }
    PoolingHttpClientConnectionManager manager = cm.build();

    HttpClientBuilder hb =
        HttpClientBuilder.create()
            .setConnectionManager(manager)
            .setRetryStrategy(
                new SocleRetryStrategy(b.maxRetries, b.retryBaseDelay, b.maxRetryDelay))
            .setUserAgent(
                "socle-java/"
                    + SocleVersion.get()
                    + (b.applicationName == null ? "" : " " + b.applicationName))
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(b.responseTimeout))
                    .setConnectionRequestTimeout(Timeout.of(b.connectTimeout))
                    .setRedirectsEnabled(false)
                    .build())
            .disableRedirectHandling()
            .disableCookieManagement()
            .evictExpiredConnections();
    if (b.proxyHost != null) {
      HttpHost proxy = new HttpHost(b.proxyScheme, b.proxyHost, b.proxyPort);
      hb.setRoutePlanner(new DefaultProxyRoutePlanner(proxy));
      if (b.proxyUser != null) {
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        credentials.setCredentials(
            new AuthScope(proxy),
            new UsernamePasswordCredentials(b.proxyUser, b.proxyPassword.reveal().toCharArray()));
        hb.setDefaultCredentialsProvider(credentials);
      }
    } else if (b.useSystemProxies) {
      hb.setRoutePlanner(new SystemDefaultRoutePlanner(ProxySelector.getDefault()));
    }
    return hb.build();
  }

  private static SSLContext sslContext(KeyStore trustStore) {
    try {
      return SSLContextBuilder.create().loadTrustMaterial(trustStore, null).build();
    } catch (GeneralSecurityException e) {
      throw new SocleClientException("cannot use the configured trust store", e);
    }
  }

  private static CircuitBreaker circuitBreaker(Builder b) {
    CircuitBreakerPolicy p = b.circuitBreaker;
    return CircuitBreaker.of(
        "socle-http",
        CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(p.windowSize())
            .minimumNumberOfCalls(p.windowSize())
            .failureRateThreshold(p.failureRatePercent())
            .waitDurationInOpenState(p.openDuration())
            .permittedNumberOfCallsInHalfOpenState(1)
            .recordExceptions(Throwable.class)
            .build());
  }

  private static RateLimiter rateLimiter(Builder b) {
    RateLimitPolicy p = b.rateLimit;
    return RateLimiter.of(
        "socle-http",
        RateLimiterConfig.custom()
            .limitForPeriod(p.permits())
            .limitRefreshPeriod(p.period())
            .timeoutDuration(p.maxWait())
            .build());
  }

  /**
   * Closes the connection pool at once. Calls in flight end with a {@link SocleClientException}
   * saying the transport is closed, as does any later call. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    client.close(CloseMode.IMMEDIATE);
    timers.shutdownNow();
  }

  @Override
  public String toString() {
    return "HttpTransport[userAgent="
        + userAgent
        + ", connectTimeout="
        + config.connectTimeout
        + ", responseTimeout="
        + config.responseTimeout
        + ", deadline="
        + config.deadline
        + ", maxResponseBytes="
        + config.maxResponseBytes
        + (config.proxyHost != null ? ", proxy=" + config.proxyHost + ":" + config.proxyPort : "")
        + "]";
  }

  /** Configures an {@link HttpTransport}. Not thread-safe; {@link #build()} may be called again. */
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
    private String proxyScheme = "http";
    private String proxyHost;
    private int proxyPort;
    private String proxyUser;
    private Secret proxyPassword;
    private boolean useSystemProxies = true;
    private KeyStore trustStore;

    private Builder() {}

    private Builder copy() {
      Builder c = new Builder();
      c.connectTimeout = connectTimeout;
      c.responseTimeout = responseTimeout;
      c.deadline = deadline;
      c.maxResponseBytes = maxResponseBytes;
      c.maxRetries = maxRetries;
      c.retryBaseDelay = retryBaseDelay;
      c.maxRetryDelay = maxRetryDelay;
      c.maxConnections = maxConnections;
      c.applicationName = applicationName;
      c.circuitBreaker = circuitBreaker;
      c.rateLimit = rateLimit;
      c.proxyScheme = proxyScheme;
      c.proxyHost = proxyHost;
      c.proxyPort = proxyPort;
      c.proxyUser = proxyUser;
      c.proxyPassword = proxyPassword;
      c.useSystemProxies = useSystemProxies;
      c.trustStore = trustStore;
      return c;
    }

    /**
     * Sets the connect timeout (also the wait for a pooled connection).
     *
     * @param timeout positive; default 5 s
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connect timeout");
      return this;
    }

    /**
     * Sets the response timeout: the longest silence allowed while waiting for response data.
     *
     * @param timeout positive; default 30 s
     * @return this builder
     */
    public Builder responseTimeout(Duration timeout) {
      this.responseTimeout = positive(timeout, "response timeout");
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
        throw new SocleClientException("maximum response size must be positive");
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
        throw new SocleClientException("maximum retries must be zero or positive");
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
      this.retryBaseDelay = positive(baseDelay, "retry base delay");
      this.maxRetryDelay = positive(maxDelay, "retry maximum delay");
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
        throw new SocleClientException("maximum connections must be at least 1");
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
        throw new SocleClientException("application name contains a line break");
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
     * Sends every request through an HTTP proxy (HTTPS goes through CONNECT). Overrides the JVM's
     * proxy settings.
     *
     * @param host the proxy host
     * @param port the proxy port
     * @return this builder
     */
    public Builder proxy(String host, int port) {
      this.proxyHost = Objects.requireNonNull(host, "host");
      if (port < 1 || port > 65535) {
        throw new SocleClientException("proxy port must be between 1 and 65535");
      }
      this.proxyPort = port;
      return this;
    }

    /**
     * Sets the credentials for the proxy set with {@link #proxy(String, int)} (Basic).
     *
     * @param user the user name
     * @param password the password
     * @return this builder
     */
    public Builder proxyCredentials(String user, Secret password) {
      this.proxyUser = Objects.requireNonNull(user, "user");
      this.proxyPassword = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Chooses whether, without an explicit proxy, the JVM's proxy settings apply ({@code
     * http(s).proxyHost}, {@code http.nonProxyHosts}, or a custom {@link ProxySelector}).
     *
     * @param use true by default
     * @return this builder
     */
    public Builder useSystemProxies(boolean use) {
      this.useSystemProxies = use;
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
     */
    public HttpTransport build() {
      return new HttpTransport(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new SocleClientException(what + " must be positive");
      }
      return d;
    }
  }
}
