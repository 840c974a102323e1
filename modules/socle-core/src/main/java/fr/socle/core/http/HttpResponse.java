package fr.socle.core.http;

import fr.socle.core.SocleServiceException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A complete HTTP response: status, headers (case-insensitive names) and a body already read in
 * full and within the transport's size cap.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the status and size, never the body.
 */
public final class HttpResponse {
  private static final List<String> CORRELATION_HEADERS =
      List.of("X-Correlation-Id", "X-Request-Id", "X-Amzn-RequestId", "Request-Id");

  private final int status;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  /**
   * Creates a response; used by the transport and by tests.
   *
   * @param status the HTTP status
   * @param headers the headers; names are matched case-insensitively
   * @param body the body bytes, copied
   */
  public HttpResponse(int status, Map<String, List<String>> headers, byte[] body) {
    this.status = status;
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> copy.merge(k, List.copyOf(v), (a, b) -> concat(a, b)));
    this.headers = Collections.unmodifiableMap(copy);
    this.body = body.clone();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  /**
   * Returns the status.
   *
   * @return the HTTP status code
   */
  public int status() {
    return status;
  }

  /**
   * Tells whether the status is 2xx.
   *
   * @return true for 200 to 299
   */
  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }

  /**
   * Returns all headers.
   *
   * @return an unmodifiable map whose keys are compared case-insensitively
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * Returns the first value of a header.
   *
   * @param name the header name, any case
   * @return the first value, if present
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Returns the media type without parameters, lower-cased.
   *
   * @return for example {@code application/jwt}, if the peer sent a Content-Type
   */
  public Optional<String> mediaType() {
    return header("Content-Type")
        .map(v -> v.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
        .filter(v -> !v.isEmpty());
  }

  /**
   * Returns a copy of the body.
   *
   * @return the body bytes (empty if there was none)
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * Returns the body's length.
   *
   * @return the number of body bytes
   */
  public int bodyLength() {
    return body.length;
  }

  /**
   * Decodes the body with the charset of the Content-Type, UTF-8 if none is given.
   *
   * @return the body as text
   */
  public String bodyAsString() {
    return new String(body, charset());
  }

  /**
   * Returns the peer's correlation id, from the usual request-id headers.
   *
   * @return the id, if the peer sent one
   */
  public Optional<String> correlationId() {
    for (String name : CORRELATION_HEADERS) {
      Optional<String> value = header(name);
      if (value.isPresent()) {
        return value;
      }
    }
    return Optional.empty();
  }

  /**
   * Returns this response if it is 2xx, else throws a {@link SocleServiceException} carrying the
   * status and correlation id (never the body, which may hold personal data).
   *
   * @param what a short description of the call, for the message (for example {@code "token
   *     request"})
   * @return this response
   * @throws SocleServiceException if the status is not 2xx
   */
  public HttpResponse requireSuccess(String what) {
    if (!isSuccessful()) {
      throw new SocleServiceException(what + " failed", status, null, correlationId().orElse(null));
    }
    return this;
  }

  private Charset charset() {
    return header("Content-Type")
        .flatMap(
            v -> {
              for (String param : v.split(";")) {
                String p = param.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                  try {
                    return Optional.of(Charset.forName(p.substring(8).replace("\"", "").trim()));
                  } catch (RuntimeException e) {
                    return Optional.empty();
                  }
                }
              }
              return Optional.empty();
            })
        .orElse(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "HttpResponse[" + status + ", " + body.length + " bytes]";
  }
}
