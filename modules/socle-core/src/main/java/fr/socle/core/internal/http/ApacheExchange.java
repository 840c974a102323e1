package fr.socle.core.internal.http;

import fr.socle.core.SocleClientException;
import fr.socle.core.SocleTimeoutException;
import fr.socle.core.http.HttpRequest;
import fr.socle.core.http.HttpResponse;
import fr.socle.core.internal.SocleRetryStrategy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one request through the Apache client under its deadline and reads the bounded answer,
 * turning every failure of the library into a Socle exception (never an {@code
 * IllegalStateException} from a closed pool). Owns the client and the deadline timer. Thread-safe.
 */
public final class ApacheExchange implements AutoCloseable {
  private static final int MAX_CONTENT_TYPES = 32;
  private static final Logger log = LoggerFactory.getLogger("fr.socle.core.http.HttpTransport");

  private final CloseableHttpClient client;
  private final RequestConfig defaultRequestConfig;
  private final DeadlineTimer timer = new DeadlineTimer();

  /** Parsed content types: a client sends the same few, and parsing one cost more than a lookup. */
  private final ConcurrentHashMap<String, ContentType> contentTypes = new ConcurrentHashMap<>();

  private volatile boolean closed;

  /**
   * Builds the client for these settings.
   *
   * @param settings the transport's settings
   * @param userAgent the User-Agent of every request
   */
  public ApacheExchange(TransportSettings settings, String userAgent) {
    this.defaultRequestConfig = ApacheClientFactory.defaultRequestConfig(settings);
    this.client = ApacheClientFactory.create(settings, userAgent);
  }

  /**
   * Sends the request and reads the whole answer.
   *
   * @param request the request
   * @param body the request body, or {@code null}
   * @param cap the largest body accepted
   * @param deadline the wall-clock bound of the whole call, retries included
   * @param target the redacted method and URL, for logs and messages
   * @return the answer, whatever its status
   * @throws SocleTimeoutException on a timeout or a passed deadline
   * @throws SocleClientException on any other I/O error, an oversized body or a closed transport
   */
  public HttpResponse run(
      HttpRequest request, byte[] body, long cap, Duration deadline, String target) {
    if (closed) {
      throw closedError(target, null);
    }
    HttpUriRequestBase outgoing = new HttpUriRequestBase(request.method(), request.uri());
    for (Map.Entry<String, String> h : request.headers()) {
      outgoing.addHeader(h.getKey(), h.getValue());
    }
    if (body != null) {
      outgoing.setEntity(
          new ByteArrayEntity(body, contentType(request.contentType().orElseThrow())));
    }
    HttpClientContext context = HttpClientContext.create();
    context.setAttribute(SocleRetryStrategy.IDEMPOTENT, request.idempotent());
    if (request.responseTimeout().isPresent()) {
      context.setRequestConfig(
          RequestConfig.copy(defaultRequestConfig)
              .setResponseTimeout(Timeout.of(request.responseTimeout().get()))
              .build());
    }
    DeadlineTimer.Armed armed;
    try {
      armed = timer.arm(outgoing, deadline);
    } catch (RejectedExecutionException e) {
      throw closedError(target, e);
    }
    log.debug("HTTP {}", target);
    try (armed;
        ClassicHttpResponse response = client.executeOpen(null, outgoing, context)) {
      byte[] answer = BoundedBody.read(response.getEntity(), cap, target);
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (Header h : response.getHeaders()) {
        headers.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue());
      }
      log.debug("HTTP {} -> {} ({} bytes)", target, response.getCode(), answer.length);
      return new HttpResponse(response.getCode(), headers, answer);
    } catch (IOException | IllegalStateException e) {
      throw failure(e, target, armed.expired(), deadline);
    }
  }

  private ContentType contentType(String value) {
    ContentType known = contentTypes.get(value);
    if (known != null) {
      return known;
    }
    ContentType parsed = ContentType.parse(value);
    if (contentTypes.size() < MAX_CONTENT_TYPES) {
      contentTypes.putIfAbsent(value, parsed);
    }
    return parsed;
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

  /** Drops the pooled connections and the calls in flight at once. Idempotent. */
  @Override
  public void close() {
    closed = true;
    client.close(CloseMode.IMMEDIATE);
    timer.close();
  }
}
