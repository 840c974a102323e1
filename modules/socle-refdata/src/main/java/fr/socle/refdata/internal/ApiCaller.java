package fr.socle.refdata.internal;

import fr.socle.core.ClientRateLimitedException;
import fr.socle.core.RateLimitedException;
import fr.socle.core.SocleClientException;
import fr.socle.core.SocleServiceException;
import fr.socle.core.http.HttpRequest;
import fr.socle.core.http.HttpResponse;
import fr.socle.core.http.HttpTransport;
import fr.socle.core.json.Json;
import fr.socle.refdata.spi.ResponseCache;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer as the clients see it: its transport (rate limit, circuit breaker, retries), an optional
 * cache, JSON decoding, and a cool-down that honours {@code Retry-After} across calls: once the
 * peer answered 429 with a delay, calls fail at once until the delay has passed instead of hitting
 * a peer that would ban the client.
 */
public final class ApiCaller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiCaller.class);

  private final String peer;
  private final HttpTransport transport;
  private final boolean ownsTransport;
  private final Json json = Json.create();
  private final ResponseCache cache;
  private final Duration cacheTtl;
  private final Clock clock;
  private final AtomicReference<Instant> coolDownUntil = new AtomicReference<>(Instant.MIN);

  /**
   * Creates the caller.
   *
   * @param peer a short name for messages, such as {@code "API Géo"}
   * @param transport the transport
   * @param ownsTransport whether {@link #close()} closes the transport (never a shared one)
   * @param cache a cache or null
   * @param cacheTtl the cache time to live
   * @param clock the clock of the cool-down
   */
  public ApiCaller(
      String peer,
      HttpTransport transport,
      boolean ownsTransport,
      ResponseCache cache,
      Duration cacheTtl,
      Clock clock) {
    this.peer = Objects.requireNonNull(peer, "peer");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.ownsTransport = ownsTransport;
    this.cache = cache;
    this.cacheTtl = cacheTtl;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * GETs a JSON document.
   *
   * @param uri the URL
   * @param headers extra headers
   * @param absentStatus a status meaning "no such thing" (404), or -1
   * @return the parsed document, or empty on {@code absentStatus}
   * @throws SocleServiceException if the peer answered another error or malformed JSON
   */
  public Optional<Object> getJson(URI uri, Map<String, String> headers, int absentStatus) {
    String key = uri.toString();
    if (cache != null) {
      Optional<byte[]> hit = cache.get(key);
      if (hit.isPresent()) {
        return Optional.of(parse(hit.get(), 200, null));
      }
    }
    HttpRequest.Builder b = HttpRequest.get(uri).header("Accept", "application/json");
    headers.forEach(b::header);
    HttpResponse response = send(b.build());
    if (response.status() == absentStatus) {
      return Optional.empty();
    }
    requireSuccess(response);
    Object parsed = parse(response.body(), response.status(), response);
    if (cache != null) {
      cache.put(key, response.body(), cacheTtl);
    }
    return Optional.of(parsed);
  }

  /**
   * Sends a request through the cool-down gate.
   *
   * @param request the request
   * @return the response, any status except 429
   * @throws ClientRateLimitedException during a cool-down (or the transport's own limit)
   * @throws RateLimitedException on a final 429
   */
  public HttpResponse send(HttpRequest request) {
    Instant now = clock.instant();
    Instant until = coolDownUntil.get();
    if (now.isBefore(until)) {
      throw new ClientRateLimitedException(
          peer + " asked to wait (Retry-After); the peer was not called",
          Duration.between(now, until));
    }
    try {
      return transport.execute(request);
    } catch (RateLimitedException e) {
      if (e.statusCode() == 429) {
        Duration wait = e.retryAfter().orElse(Duration.ofSeconds(5));
        coolDownUntil.accumulateAndGet(clock.instant().plus(wait), (a, b) -> a.isAfter(b) ? a : b);
        log.warn("{} rate-limited this client; pausing calls for {}", peer, wait);
      }
      throw e;
    }
  }

  /**
   * Throws unless the response is 2xx.
   *
   * @param response the response
   * @throws SocleServiceException on any other status
   */
  public void requireSuccess(HttpResponse response) {
    if (!response.isSuccessful()) {
      throw new SocleServiceException(
          peer + " answered HTTP " + response.status(),
          response.status(),
          null,
          response.correlationId().orElse(null));
    }
  }

  /**
   * Parses a JSON body, turning malformed content into a service error.
   *
   * @param body the body
   * @param status the status, for the error
   * @param response the response, for the correlation id, or null
   * @return the document: maps, lists, strings, numbers, booleans
   */
  public Object parse(byte[] body, int status, HttpResponse response) {
    try {
      return json.read(body, Object.class);
    } catch (SocleClientException e) {
      throw new SocleServiceException(
          peer + " answered a malformed JSON document",
          status,
          "malformed_response",
          response == null ? null : response.correlationId().orElse(null));
    }
  }

  /**
   * Returns the peer name.
   *
   * @return the name
   */
  public String peer() {
    return peer;
  }

  /**
   * Decodes a body as UTF-8.
   *
   * @param body the body
   * @return the text
   */
  public static String utf8(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    if (ownsTransport) {
      transport.close();
    }
    json.close();
  }
}
