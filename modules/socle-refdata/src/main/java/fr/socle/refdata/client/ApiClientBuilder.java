package fr.socle.refdata.client;

import fr.socle.core.InvalidInputException;
import fr.socle.core.http.HttpTransport;
import fr.socle.refdata.spi.ResponseCache;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Options every reference API client shares. Each client's builder starts with the peer's current
 * base URL; its transport starts from the client's preset ({@code XxxClient.transportPreset()}):
 * {@link fr.socle.core.http.HttpPreset#DEFAULT} timeouts, the peer's published rate limit and a
 * circuit breaker. Change them only with a reason (a self-hosted geocoder, a negotiated quota). Not
 * thread-safe; the built clients are.
 *
 * <p>HTTP follows the one Socle model: {@link #httpTransport(Consumer)} adjusts the preset of a
 * transport the client builds, owns and closes; {@link #httpTransport(HttpTransport)} shares a
 * transport the application owns and closes, whose settings (rate limit and breaker included) then
 * apply as they are. Setting both is an {@link InvalidInputException} at {@code build()}.
 *
 * @param <B> the concrete builder
 */
public abstract class ApiClientBuilder<B extends ApiClientBuilder<B>> {
  private final Supplier<HttpTransport.Builder> preset;
  private URI baseUrl;
  private HttpTransport sharedTransport;
  private Consumer<HttpTransport.Builder> customiser;
  private ResponseCache cache;
  private Duration cacheTtl = Duration.ofHours(1);
  private Clock clock = Clock.systemUTC();

  /**
   * Creates a builder with the peer's defaults.
   *
   * @param baseUrl the current production base URL
   * @param preset the client's transport preset: timeouts, published rate limit, breaker, retries
   */
  protected ApiClientBuilder(URI baseUrl, Supplier<HttpTransport.Builder> preset) {
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    this.preset = Objects.requireNonNull(preset, "preset");
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
   * Shares a transport the application owns; the client never closes it. Its settings apply as they
   * are, rate limit and circuit breaker included: build it from the client's {@code
   * transportPreset()} to keep the peer's published limits.
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
   * starts from the client's {@code transportPreset()}: 5 s to connect, 30 s of silence, a 60 s
   * deadline per call, the peer's published rate limit and a circuit breaker.
   *
   * <pre>{@code
   * GeocodingClient.builder()
   *     .httpTransport(http -> http.applicationName("mairie-de-demo/1.0 (dsi@mairie.fr)")
   *         .deadline(Duration.ofSeconds(20)))
   *     .build();
   * }</pre>
   *
   * @param customiser called at {@code build()} with the preset builder, once per transport the
   *     client owns (the geocoder owns two: its completion endpoint has its own rate limit)
   * @return this builder
   */
  public B httpTransport(Consumer<HttpTransport.Builder> customiser) {
    this.customiser = Objects.requireNonNull(customiser, "customiser");
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
   * Whether a shared transport was given.
   *
   * @return true if the client must use it and never close it
   * @throws InvalidInputException if both a shared transport and a customiser were given
   */
  protected boolean sharesTransport() {
    if (sharedTransport != null && customiser != null) {
      throw new InvalidInputException(
          "httpTransport is set twice: pass either a shared transport or a customiser, not both");
    }
    return sharedTransport != null;
  }

  /**
   * Returns the transport to use: the shared one, or a new one built from the preset, the
   * customiser, then {@code adjust} (a second limiter, such as the geocoder's completion endpoint).
   *
   * @param adjust applied after the customiser to the client's own transport
   * @return the shared transport, or a new transport the client owns
   * @throws InvalidInputException if both a shared transport and a customiser were given
   */
  protected HttpTransport transport(UnaryOperator<HttpTransport.Builder> adjust) {
    if (sharesTransport()) {
      return sharedTransport;
    }
    HttpTransport.Builder b = preset.get();
    if (customiser != null) {
      customiser.accept(b);
    }
    return adjust.apply(b).build();
  }

  /**
   * Returns the transport to use: the shared one, or a new one from the preset and the customiser.
   *
   * @return the shared transport, or a new transport the client owns
   * @throws InvalidInputException if both a shared transport and a customiser were given
   */
  protected HttpTransport transport() {
    return transport(UnaryOperator.identity());
  }
}
