package fr.socle.onceonly;

import fr.socle.core.InvalidInputException;
import fr.socle.core.http.HttpPreset;
import fr.socle.core.http.HttpTransport;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Options both once-only clients share: platform, transport, rate limiter, audit, deadline. Not
 * thread-safe; the clients it builds are.
 *
 * <p>Transport, as in every Socle block: {@link #httpTransport(HttpTransport)} shares a transport
 * the application owns (the client never closes it), {@link #httpTransport(Consumer)} adjusts the
 * preset of a transport the client owns and closes; setting both is an {@link
 * InvalidInputException} at {@code build()}. The preset ({@code
 * ApiParticulierClient.transportPreset()}, {@code ApiEntrepriseClient.transportPreset()}) follows
 * the APIs' advice (once-only fact sheet §1.4): {@link HttpPreset#ONCE_ONLY} (connect 5 s, response
 * 12 s; the endpoints' own timeouts, 5 s for JSON and 12 s for documents, are applied per call), 2
 * MiB size cap, no transport-level retries (a retry must go through the rate limiter, or it could
 * be the call that gets the IP banned).
 *
 * @param <B> the concrete builder
 */
public abstract class OnceOnlyClientBuilder<B extends OnceOnlyClientBuilder<B>> {
  /** Default overall deadline of a call, waits for a rate-limit slot included: 30 seconds. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

  private URI baseUrl;
  private HttpTransport sharedTransport;
  private Consumer<HttpTransport.Builder> transportCustomizer;
  private OnceOnlyRateLimiter rateLimiter;
  private AuditListener auditListener = AuditListener.NONE;
  private Clock clock = Clock.systemUTC();
  private Duration callTimeout = DEFAULT_CALL_TIMEOUT;

  OnceOnlyClientBuilder(String productionBaseUrl) {
    this.baseUrl = URI.create(productionBaseUrl);
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  abstract String baseUrlOf(Environment environment);

  /**
   * Chooses production (default) or the staging platform.
   *
   * @param environment the platform
   * @return this builder
   */
  public B environment(Environment environment) {
    Objects.requireNonNull(environment, "environment");
    this.baseUrl = URI.create(baseUrlOf(environment));
    return self();
  }

  /**
   * Sets another base URL: the testkit's simulator, a proxy.
   *
   * @param baseUrl an absolute http(s) URL
   * @return this builder
   */
  public B baseUrl(String baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    URI u;
    try {
      u = URI.create(baseUrl);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("baseUrl is not a URL");
    }
    if (!u.isAbsolute()
        || u.getHost() == null
        || !("https".equals(u.getScheme()) || "http".equals(u.getScheme()))) {
      throw new InvalidInputException("baseUrl must be an absolute http(s) URL");
    }
    String s = u.toString();
    this.baseUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    return self();
  }

  /**
   * Shares a transport the application owns; the client never closes it. Its settings apply as they
   * are: build it from the client's {@code transportPreset()} to keep the APIs' advice.
   *
   * @param shared the transport
   * @return this builder
   */
  public B httpTransport(HttpTransport shared) {
    this.sharedTransport = Objects.requireNonNull(shared, "shared");
    return self();
  }

  /**
   * Adjusts the transport the client builds, owns and closes. The builder handed to the customiser
   * starts from the client's {@code transportPreset()}.
   *
   * @param customiser called once, at {@code build()}, with the preset builder
   * @return this builder
   */
  public B httpTransport(Consumer<HttpTransport.Builder> customiser) {
    this.transportCustomizer = Objects.requireNonNull(customiser, "customiser");
    return self();
  }

  /**
   * Shares a rate limiter between clients (default: a new in-memory limiter per client, which
   * cannot keep several tokens under the per-IP cap: share one).
   *
   * @param limiter the limiter
   * @return this builder
   */
  public B rateLimiter(OnceOnlyRateLimiter limiter) {
    this.rateLimiter = Objects.requireNonNull(limiter, "limiter");
    return self();
  }

  /**
   * Sets the audit listener (default: none).
   *
   * @param listener receives one event per call
   * @return this builder
   */
  public B auditListener(AuditListener listener) {
    this.auditListener = Objects.requireNonNull(listener, "listener");
    return self();
  }

  /**
   * Sets the overall deadline of a call, waits for a rate-limit slot and for an identical call
   * included.
   *
   * @param timeout positive (default 30 s)
   * @return this builder
   */
  public B callTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new InvalidInputException("callTimeout must be positive");
    }
    this.callTimeout = timeout;
    return self();
  }

  /**
   * Sets the clock (audit timestamps, {@code RateLimit-Reset}, "month in the future" checks).
   *
   * @param clock the clock
   * @return this builder
   */
  public B clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return self();
  }

  URI baseUrl() {
    return baseUrl;
  }

  boolean ownsTransport() {
    if (sharedTransport != null && transportCustomizer != null) {
      throw new InvalidInputException(
          "httpTransport is set twice: pass either a shared transport or a customiser, not both");
    }
    return sharedTransport == null;
  }

  /** The settings a client's own transport starts from (see the class comment). */
  static HttpTransport.Builder preset() {
    return HttpTransport.builder()
        .preset(HttpPreset.ONCE_ONLY)
        .maxResponseBytes(2L * 1024 * 1024)
        .maxRetries(0);
  }

  HttpTransport transport() {
    if (!ownsTransport()) {
      return sharedTransport;
    }
    HttpTransport.Builder b = preset();
    if (transportCustomizer != null) {
      transportCustomizer.accept(b);
    }
    return b.build();
  }

  OnceOnlyRateLimiter rateLimiter() {
    return rateLimiter == null ? OnceOnlyRateLimiter.inMemory() : rateLimiter;
  }

  AuditListener auditListener() {
    return auditListener;
  }

  Clock clock() {
    return clock;
  }

  Duration callTimeout() {
    return callTimeout;
  }
}
