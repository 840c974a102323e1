package fr.socle.onceonly.internal;

import fr.socle.core.RateLimitedException;
import fr.socle.core.SocleClientException;
import fr.socle.core.SocleException;
import fr.socle.core.SocleServiceException;
import fr.socle.core.SocleTimeoutException;
import fr.socle.core.http.HttpRequest;
import fr.socle.core.http.HttpResponse;
import fr.socle.core.http.HttpTransport;
import fr.socle.core.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the calls of both clients: pacing, single flight, the {@code 409 00015} wait, rate-limit
 * headers, the overall deadline, the envelopes and the audit. Thread-safe.
 */
public final class Caller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Caller.class);

  /** Longest hold-off accepted from a peer's header: beyond, the header is not believed. */
  private static final Duration MAX_HOLD_OFF = Duration.ofHours(1);

  private static final Duration FIRST_CONFLICT_WAIT = Duration.ofMillis(200);

  private final String api;
  private final URI base;
  private final HttpTransport http;
  private final boolean ownsTransport;
  private final Pacer pacer;
  private final Json json;
  private final Consumer<Outcome> audit;
  private final Clock clock;
  private final Duration callTimeout;
  private final ConcurrentHashMap<String, CompletableFuture<HttpResponse>> inFlight =
      new ConcurrentHashMap<>();

  /**
   * Creates a caller.
   *
   * @param api {@code particulier} or {@code entreprise}
   * @param base the base URL, without a trailing slash
   * @param http the transport
   * @param ownsTransport true if {@link #close()} closes the transport
   * @param pacer the rate limiter
   * @param audit receives one outcome per call
   * @param clock the wall clock (audit timestamps, {@code RateLimit-Reset})
   * @param callTimeout the overall deadline of a call, waits included
   */
  public Caller(
      String api,
      URI base,
      HttpTransport http,
      boolean ownsTransport,
      Pacer pacer,
      Consumer<Outcome> audit,
      Clock clock,
      Duration callTimeout) {
    this.api = Objects.requireNonNull(api, "api");
    this.base = Objects.requireNonNull(base, "base");
    this.http = Objects.requireNonNull(http, "http");
    this.ownsTransport = ownsTransport;
    this.pacer = Objects.requireNonNull(pacer, "pacer");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
    this.json = Json.withMaxInputBytes(http.maxResponseBytes());
  }

  /**
   * What happened to one call, for the audit.
   *
   * @param route the call
   * @param fingerprint the token's fingerprint
   * @param at when it started
   * @param status the HTTP status, 0 if none
   * @param errorCode the API's error code, if any
   * @param coalesced true if it shared an identical call's answer
   * @param duration how long it took
   */
  public record Outcome(
      Route route,
      String fingerprint,
      Instant at,
      int status,
      Optional<String> errorCode,
      boolean coalesced,
      Duration duration) {}

  /**
   * Makes a call and returns the {@code data} member of the answer.
   *
   * @param route the call
   * @return the data, empty on 404
   * @throws SocleException on every failure; see the clients' javadoc
   */
  public Optional<Map<String, Object>> get(Route route) {
    Instant at = clock.instant();
    long start = System.nanoTime();
    long deadline = start + callTimeout.toNanos();
    String fingerprint = route.fingerprint().orElseGet(() -> Fingerprints.of(route.token()));
    URI uri = uri(route);
    String what = api + " " + route.template();
    String flightKey = fingerprint + ' ' + uri;
    CompletableFuture<HttpResponse> mine = new CompletableFuture<>();
    CompletableFuture<HttpResponse> flight = inFlight.putIfAbsent(flightKey, mine);
    boolean coalesced = flight != null;
    int status = 0;
    Optional<String> errorCode = Optional.empty();
    try {
      HttpResponse response;
      if (coalesced) {
        // API rule (409, code 00015): an identical request with the same token must not run in
        // parallel. Callers in this JVM wait for the one in flight and share its answer.
        response = await(flight, deadline, what);
      } else {
        try {
          response = send(route, uri, fingerprint, deadline, what);
          mine.complete(response);
        } catch (RuntimeException e) {
          mine.completeExceptionally(e);
          throw e;
        } finally {
          inFlight.remove(flightKey, mine);
        }
      }
      status = response.status();
      Envelope.Result result = Envelope.read(json, response, what);
      errorCode = result.errorCode();
      return result.data();
    } catch (SocleServiceException e) {
      status = e.statusCode();
      errorCode = e.errorCode();
      throw e;
    } finally {
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      audit.accept(new Outcome(route, fingerprint, at, status, errorCode, coalesced, took));
    }
  }

  private HttpResponse await(CompletableFuture<HttpResponse> flight, long deadline, String what) {
    try {
      return flight.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SocleException se) {
        throw se;
      }
      throw new SocleClientException("identical call in flight failed: " + what, e.getCause());
    } catch (TimeoutException e) {
      throw new SocleTimeoutException("deadline passed waiting for an identical call: " + what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SocleClientException("interrupted waiting for an identical call: " + what, e);
    }
  }

  private HttpResponse send(Route route, URI uri, String fingerprint, long deadline, String what) {
    String tokenKey = Pacer.tokenKey(api, fingerprint, route.group());
    Duration conflictWait = FIRST_CONFLICT_WAIT;
    while (true) {
      pacer.acquire(pacer.paces(api, fingerprint, route.group()), deadline, what);
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        throw new SocleTimeoutException("deadline passed before calling " + what, null);
      }
      Duration timeout = Duration.ofNanos(Math.min(remaining, route.responseTimeout().toNanos()));
      HttpRequest request =
          HttpRequest.get(uri)
              .header("Authorization", "Bearer " + route.token().reveal())
              .header("Accept", "application/json")
              .responseTimeout(timeout.isZero() ? Duration.ofMillis(1) : timeout)
              .build();
      HttpResponse response;
      try {
        response = http.execute(request);
      } catch (RateLimitedException e) {
        // The API said stop: every node stops for this token, for as long as it asked.
        Duration wait = e.retryAfter().orElse(route.group().period());
        pacer.holdOff(tokenKey, cap(wait));
        log.warn(
            "{} answered 429; calls with this token held off for {} s", what, wait.toSeconds());
        throw e;
      }
      honourRateLimitHeaders(response, tokenKey, what);
      if (response.status() == 409 && isConflict(response)) {
        long left = deadline - System.nanoTime();
        if (left <= conflictWait.toNanos()) {
          return response;
        }
        // Another node sent the same request; the API answers it first and caches the result.
        log.debug("{}: identical request in flight elsewhere, waiting {} ms", what, conflictWait);
        sleep(conflictWait);
        conflictWait = conflictWait.multipliedBy(2);
        continue;
      }
      return response;
    }
  }

  private static boolean isConflict(HttpResponse response) {
    return response.bodyAsString().contains("\"00015\"");
  }

  private void honourRateLimitHeaders(HttpResponse response, String tokenKey, String what) {
    Optional<String> remaining = response.header("RateLimit-Remaining");
    Optional<String> reset = response.header("RateLimit-Reset");
    if (remaining.isEmpty() || reset.isEmpty()) {
      return;
    }
    try {
      if (Long.parseLong(remaining.get().trim()) > 0) {
        return;
      }
      long resetEpoch = Long.parseLong(reset.get().trim());
      Duration wait = Duration.between(clock.instant(), Instant.ofEpochSecond(resetEpoch));
      if (!wait.isNegative()) {
        // RateLimit-Reset is the end of the API's window in whole seconds (rounded up): holding
        // off until then loses nothing of the next window.
        pacer.holdOff(tokenKey, cap(wait));
        log.debug("{}: token's window used up, holding off {} s", what, wait.toSeconds());
      }
    } catch (NumberFormatException e) {
      log.debug("{}: unreadable RateLimit headers ignored", what);
    }
  }

  private static Duration cap(Duration d) {
    return d.compareTo(MAX_HOLD_OFF) > 0 ? MAX_HOLD_OFF : d;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SocleClientException("interrupted", e);
    }
  }

  private URI uri(Route route) {
    StringBuilder sb = new StringBuilder(base.toString()).append(route.path());
    char sep = '?';
    for (Map.Entry<String, String> p : route.query()) {
      sb.append(sep)
          .append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    return URI.create(sb.toString());
  }

  /**
   * Returns the query as a list, for {@link Route}.
   *
   * @param pairs name, value, name, value...
   * @return the entries
   */
  public static List<Map.Entry<String, String>> query(String... pairs) {
    List<Map.Entry<String, String>> list = new java.util.ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      list.add(Map.entry(pairs[i], pairs[i + 1]));
    }
    return list;
  }

  /** Closes the transport if this caller built it; a transport it was given stays open. */
  @Override
  public void close() {
    if (ownsTransport) {
      http.close();
    }
  }
}
