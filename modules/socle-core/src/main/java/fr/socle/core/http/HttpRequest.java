package fr.socle.core.http;

import fr.socle.core.Redaction;
import fr.socle.core.SocleClientException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An HTTP request for {@link HttpTransport#execute(HttpRequest)}: method, absolute URI, headers, an
 * optional body held in memory (so it can be retried), and per-request options that override the
 * transport's defaults.
 *
 * <p>Retries: a request is retried on I/O errors, 429 and 503 only if it is <em>idempotent</em>.
 * GET, HEAD, PUT, DELETE and OPTIONS are by default; POST is not, unless the caller states it with
 * {@link Builder#idempotent(boolean)} (for example a read-only SOAP query).
 *
 * <p>Immutable and thread-safe. {@link #toString()} redacts the query string and omits the body.
 *
 * <pre>{@code
 * HttpRequest request = HttpRequest.get(URI.create("https://geo.api.gouv.fr/communes?code=75056"))
 *     .header("Accept", "application/json")
 *     .build();
 * }</pre>
 */
public final class HttpRequest {
  private static final Set<String> IDEMPOTENT_METHODS =
      Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");

  private final String method;
  private final URI uri;
  private final List<Map.Entry<String, String>> headers;
  private final byte[] body;
  private final String contentType;
  private final boolean idempotent;
  private final Duration responseTimeout;
  private final Duration deadline;
  private final Long maxResponseBytes;

  private HttpRequest(Builder b) {
    this.method = b.method;
    this.uri = b.uri;
    this.headers = List.copyOf(b.headers);
    this.body = b.body;
    this.contentType = b.contentType;
    this.idempotent = b.idempotent != null ? b.idempotent : IDEMPOTENT_METHODS.contains(b.method);
    this.responseTimeout = b.responseTimeout;
    this.deadline = b.deadline;
    this.maxResponseBytes = b.maxResponseBytes;
  }

  /**
   * Starts a GET request.
   *
   * @param uri an absolute http or https URI
   * @return a builder
   */
  public static Builder get(URI uri) {
    return new Builder("GET", uri);
  }

  /**
   * Starts a POST request, not idempotent unless stated.
   *
   * @param uri an absolute http or https URI
   * @return a builder
   */
  public static Builder post(URI uri) {
    return new Builder("POST", uri);
  }

  /**
   * Starts a request with any method.
   *
   * @param method the HTTP method, for example {@code PUT}
   * @param uri an absolute http or https URI
   * @return a builder
   */
  public static Builder builder(String method, URI uri) {
    return new Builder(method, uri);
  }

  /**
   * Returns the method.
   *
   * @return the upper-case HTTP method
   */
  public String method() {
    return method;
  }

  /**
   * Returns the URI.
   *
   * @return the absolute URI
   */
  public URI uri() {
    return uri;
  }

  /**
   * Returns the headers in the order they were added.
   *
   * @return name/value pairs, possibly with repeated names
   */
  public List<Map.Entry<String, String>> headers() {
    return headers;
  }

  /**
   * Returns a copy of the body.
   *
   * @return the body bytes, if the request has a body
   */
  public Optional<byte[]> body() {
    return Optional.ofNullable(body).map(byte[]::clone);
  }

  /**
   * Returns the body's media type.
   *
   * @return the content type, if the request has a body
   */
  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /**
   * Tells whether the transport may send this request more than once.
   *
   * @return true if retries are allowed
   */
  public boolean idempotent() {
    return idempotent;
  }

  /**
   * Returns the response timeout for this request.
   *
   * @return the override, if set; otherwise the transport's default applies
   */
  public Optional<Duration> responseTimeout() {
    return Optional.ofNullable(responseTimeout);
  }

  /**
   * Returns the overall deadline of this request: the longest wall-clock time from the start of
   * {@link HttpTransport#execute(HttpRequest)} to the last byte of the body, retries included.
   *
   * @return the override, if set; otherwise the transport's default applies
   */
  public Optional<Duration> deadline() {
    return Optional.ofNullable(deadline);
  }

  /**
   * Returns the response size cap for this request.
   *
   * @return the override in bytes, if set; otherwise the transport's default applies
   */
  public OptionalLong maxResponseBytes() {
    return maxResponseBytes == null ? OptionalLong.empty() : OptionalLong.of(maxResponseBytes);
  }

  byte[] bodyUnsafe() {
    return body;
  }

  @Override
  public String toString() {
    return "HttpRequest[" + method + " " + Redaction.url(uri) + "]";
  }

  /** Builds an {@link HttpRequest}. Not thread-safe. */
  public static final class Builder {
    private final String method;
    private final URI uri;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private byte[] body;
    private String contentType;
    private Boolean idempotent;
    private Duration responseTimeout;
    private Duration deadline;
    private Long maxResponseBytes;

    private Builder(String method, URI uri) {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(uri, "uri");
      if (!uri.isAbsolute()
          || !("http".equalsIgnoreCase(uri.getScheme())
              || "https".equalsIgnoreCase(uri.getScheme()))
          || uri.getHost() == null) {
        throw new SocleClientException(
            "request URI must be an absolute http(s) URI with a host, got " + Redaction.url(uri));
      }
      this.method = method.toUpperCase(Locale.ROOT);
      this.uri = uri;
    }

    /**
     * Adds a header. Repeated names are sent as repeated headers.
     *
     * @param name the header name
     * @param value the header value; CR and LF are refused
     * @return this builder
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || name.indexOf(':') >= 0) {
        throw new SocleClientException("header " + name + " contains a forbidden character");
      }
      headers.add(Map.entry(name, value));
      return this;
    }

    /**
     * Sets the body. The array is copied.
     *
     * @param body the bytes to send
     * @param contentType their media type, for example {@code application/json}
     * @return this builder
     */
    public Builder body(byte[] body, String contentType) {
      this.body = Objects.requireNonNull(body, "body").clone();
      this.contentType = Objects.requireNonNull(contentType, "contentType");
      return this;
    }

    /**
     * Sets a UTF-8 text body.
     *
     * @param body the text to send
     * @param contentType its media type; {@code ; charset=UTF-8} is added if absent
     * @return this builder
     */
    public Builder body(String body, String contentType) {
      Objects.requireNonNull(contentType, "contentType");
      String type =
          contentType.toLowerCase(Locale.ROOT).contains("charset")
              ? contentType
              : contentType + "; charset=UTF-8";
      this.body = Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8);
      this.contentType = type;
      return this;
    }

    /**
     * Sets an {@code application/x-www-form-urlencoded} body, as OAuth token endpoints expect.
     *
     * @param fields the form fields, in iteration order
     * @return this builder
     */
    public Builder form(Map<String, String> fields) {
      StringBuilder sb = new StringBuilder();
      for (Map.Entry<String, String> field : fields.entrySet()) {
        if (sb.length() > 0) {
          sb.append('&');
        }
        sb.append(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8))
            .append('=')
            .append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
      }
      this.body = sb.toString().getBytes(StandardCharsets.US_ASCII);
      this.contentType = "application/x-www-form-urlencoded";
      return this;
    }

    /**
     * States whether the request may be sent more than once (overrides the method's default).
     *
     * @param idempotent true to allow retries
     * @return this builder
     */
    public Builder idempotent(boolean idempotent) {
      this.idempotent = idempotent;
      return this;
    }

    /**
     * Overrides the transport's response timeout for this request.
     *
     * @param timeout the maximum wait for response data, positive
     * @return this builder
     */
    public Builder responseTimeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new SocleClientException("response timeout must be positive");
      }
      this.responseTimeout = timeout;
      return this;
    }

    /**
     * Overrides the transport's overall deadline for this request (see {@link
     * HttpTransport.Builder#deadline(Duration)}).
     *
     * @param deadline the longest wall-clock time for the whole call, positive
     * @return this builder
     */
    public Builder deadline(Duration deadline) {
      if (deadline == null || deadline.isNegative() || deadline.isZero()) {
        throw new SocleClientException("deadline must be positive");
      }
      this.deadline = deadline;
      return this;
    }

    /**
     * Overrides the transport's response size cap for this request.
     *
     * @param maxBytes the largest body accepted, positive
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
     * Builds the request.
     *
     * @return the immutable request
     */
    public HttpRequest build() {
      return new HttpRequest(this);
    }
  }
}
