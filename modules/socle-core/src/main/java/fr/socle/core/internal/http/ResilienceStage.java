package fr.socle.core.internal.http;

import fr.socle.core.CircuitOpenException;
import fr.socle.core.ClientRateLimitedException;
import fr.socle.core.RateLimitedException;
import fr.socle.core.SocleException;
import fr.socle.core.SocleServiceException;
import fr.socle.core.http.CircuitBreakerPolicy;
import fr.socle.core.http.HttpRequest;
import fr.socle.core.http.HttpResponse;
import fr.socle.core.http.RateLimitPolicy;
import fr.socle.core.internal.SocleRetryStrategy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.message.BasicHttpResponse;

/**
 * What a transport does around each exchange, with resilience4j: the client-side rate limit and the
 * circuit breaker before the call, the outcome recorded after it, and a final 429 turned into a
 * {@link RateLimitedException}. Retries are not here: HttpClient runs them inside the exchange
 * ({@link SocleRetryStrategy}), under the call's deadline. Thread-safe.
 */
public final class ResilienceStage {
  private final CircuitBreaker circuitBreaker;
  private final RateLimiter rateLimiter;

  /**
   * Creates the stage.
   *
   * @param circuitBreaker the breaker policy, or {@code null} for none
   * @param rateLimit the client-side rate limit, or {@code null} for none
   */
  public ResilienceStage(CircuitBreakerPolicy circuitBreaker, RateLimitPolicy rateLimit) {
    this.circuitBreaker = circuitBreaker == null ? null : circuitBreaker(circuitBreaker);
    this.rateLimiter = rateLimit == null ? null : rateLimiter(rateLimit);
  }

  /**
   * Asks for permission to call the peer.
   *
   * @param request the request about to be sent
   * @param target the redacted method and URL, for messages
   * @throws ClientRateLimitedException if the client-side limit could not be met in time
   * @throws CircuitOpenException if the breaker is open
   */
  public void beforeCall(HttpRequest request, String target) {
    if (rateLimiter != null && !rateLimiter.acquirePermission()) {
      throw new ClientRateLimitedException(
          "client-side rate limit reached for " + target + "; the peer was not called", null);
    }
    if (circuitBreaker != null && !circuitBreaker.tryAcquirePermission()) {
      throw new CircuitOpenException(
          "circuit breaker open for "
              + request.uri().getHost()
              + " after repeated failures; the peer was not called");
    }
  }

  /**
   * Records an answer of the peer; a final 429 becomes an exception.
   *
   * @param request the request sent
   * @param target the redacted method and URL, for messages
   * @param startNanos {@link System#nanoTime()} before the call
   * @param response the answer
   * @return the answer, when it is not a 429
   * @throws RateLimitedException when the peer still answered 429 after the retries
   */
  public HttpResponse afterResponse(
      HttpRequest request, String target, long startNanos, HttpResponse response) {
    if (circuitBreaker != null) {
      long elapsed = System.nanoTime() - startNanos;
      if (response.status() >= 500 || response.status() == 429) {
        circuitBreaker.onError(
            elapsed,
            TimeUnit.NANOSECONDS,
            new SocleServiceException("peer error", response.status(), null, null));
      } else {
        circuitBreaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
      }
    }
    if (response.status() == 429) {
      throw new RateLimitedException(
          "rate limited by " + request.uri().getHost() + " on " + target,
          429,
          retryAfter(response),
          response.correlationId().orElse(null));
    }
    return response;
  }

  /**
   * Records a failed exchange (time-out, I/O error). Service errors were recorded from the
   * response.
   *
   * @param startNanos {@link System#nanoTime()} before the call
   * @param e the failure
   */
  public void afterFailure(long startNanos, SocleException e) {
    if (circuitBreaker != null && !(e instanceof SocleServiceException)) {
      circuitBreaker.onError(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS, e);
    }
  }

  private static Duration retryAfter(HttpResponse response) {
    return response
        .header("Retry-After")
        .flatMap(
            v -> {
              BasicHttpResponse r = new BasicHttpResponse(response.status());
              r.addHeader("Retry-After", v);
              return SocleRetryStrategy.retryAfter(r);
            })
        .orElse(null);
  }

  private static CircuitBreaker circuitBreaker(CircuitBreakerPolicy p) {
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

  private static RateLimiter rateLimiter(RateLimitPolicy p) {
    return RateLimiter.of(
        "socle-http",
        RateLimiterConfig.custom()
            .limitForPeriod(p.permits())
            .limitRefreshPeriod(p.period())
            .timeoutDuration(p.maxWait())
            .build());
  }
}
