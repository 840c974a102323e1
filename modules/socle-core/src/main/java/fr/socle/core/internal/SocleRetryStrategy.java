package fr.socle.core.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.utils.DateUtils;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * HttpClient 5's retry strategy with Socle's rules: only requests the caller marked idempotent are
 * retried (a POST that creates a payment must never be sent twice); 429 and 503 are retried after
 * the peer's {@code Retry-After}, unless it asks for longer than the cap, in which case the caller
 * gets the error at once; otherwise capped exponential backoff with jitter.
 */
public final class SocleRetryStrategy extends DefaultHttpRequestRetryStrategy {
  /** Context attribute holding {@link Boolean#TRUE} when the request may be retried. */
  public static final String IDEMPOTENT = "fr.socle.core.idempotent";

  private final Duration baseDelay;
  private final Duration maxDelay;

  /**
   * Creates the strategy.
   *
   * @param maxRetries retries after the first attempt
   * @param baseDelay first backoff delay
   * @param maxDelay cap on any delay, including {@code Retry-After}
   */
  public SocleRetryStrategy(int maxRetries, Duration baseDelay, Duration maxDelay) {
    super(
        maxRetries,
        TimeValue.ofMilliseconds(baseDelay.toMillis()),
        // Not retried: the peer is unreachable or the TLS setup is wrong, or the call already timed
        // out (retrying would multiply the caller's wait).
        List.of(
            InterruptedIOException.class,
            UnknownHostException.class,
            ConnectException.class,
            ConnectionClosedException.class,
            NoRouteToHostException.class,
            SSLException.class),
        List.of(HttpStatus.SC_TOO_MANY_REQUESTS, HttpStatus.SC_SERVICE_UNAVAILABLE));
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
  }

  @Override
  public boolean retryRequest(
      HttpRequest request, IOException exception, int execCount, HttpContext context) {
    return idempotent(context) && super.retryRequest(request, exception, execCount, context);
  }

  @Override
  public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
    if (!idempotent(context) || !super.retryRequest(response, execCount, context)) {
      return false;
    }
    Optional<Duration> retryAfter = retryAfter(response);
    return retryAfter.isEmpty() || retryAfter.get().compareTo(maxDelay) <= 0;
  }

  @Override
  public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
    Optional<Duration> retryAfter = retryAfter(response);
    if (retryAfter.isPresent()) {
      return TimeValue.ofMilliseconds(retryAfter.get().toMillis());
    }
    return backoff(execCount);
  }

  @Override
  public TimeValue getRetryInterval(
      HttpRequest request, IOException exception, int execCount, HttpContext context) {
    return backoff(execCount);
  }

  @Override
  protected boolean handleAsIdempotent(HttpRequest request) {
    // Idempotency is decided per request by the caller and checked in retryRequest().
    return true;
  }

  private TimeValue backoff(int execCount) {
    long exp = baseDelay.toMillis() << Math.min(Math.max(execCount - 1, 0), 20);
    long capped = Math.min(exp, maxDelay.toMillis());
    // "Equal jitter": half fixed, half random, so that clients that failed together spread out.
    long half = capped / 2;
    long delay = half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0);
    return TimeValue.ofMilliseconds(delay);
  }

  private static boolean idempotent(HttpContext context) {
    return Boolean.TRUE.equals(context.getAttribute(IDEMPOTENT));
  }

  /**
   * Parses {@code Retry-After}: delta-seconds or an HTTP date.
   *
   * @param response the response
   * @return the delay, if the header is present and valid
   */
  public static Optional<Duration> retryAfter(HttpResponse response) {
    org.apache.hc.core5.http.Header header = response.getFirstHeader("Retry-After");
    if (header == null || header.getValue() == null) {
      return Optional.empty();
    }
    String value = header.getValue().trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      Instant date = DateUtils.parseStandardDate(value);
      if (date == null) {
        return Optional.empty();
      }
      Duration d = Duration.between(Instant.now(), date);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    }
  }
}
