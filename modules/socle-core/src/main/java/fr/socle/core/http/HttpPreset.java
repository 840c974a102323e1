package fr.socle.core.http;

import java.time.Duration;

/**
 * Timeouts and deadline suited to one kind of peer, applied with {@link
 * HttpTransport.Builder#preset(HttpPreset)}. A preset only sets the connect timeout, the response
 * timeout and the deadline; any setter called after it overrides that value.
 *
 * <p>The deadline is the wall-clock bound of a whole call (connection, request, headers, body and
 * retries). It is what protects a caller from a peer that answers one byte at a time: the response
 * timeout only bounds the silence between two bytes.
 */
public enum HttpPreset {
  /** Any peer: connect 5 s, response timeout 30 s, deadline 60 s (the transport's defaults). */
  DEFAULT(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60)),

  /**
   * PayFiP's SOAP web service: connect 5 s, response timeout 15 s, deadline 15 s. Mature PayFiP
   * clients give a call 15 s in all; answers are under 2 KiB.
   */
  PAYFIP(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(15)),

  /**
   * An OpenID provider's discovery document, key set (JWKS), token and userinfo endpoints: connect
   * 5 s, response timeout 10 s, deadline 10 s. They are small documents a login waits for.
   */
  OPENID_PROVIDER(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10)),

  /**
   * The State's once-only APIs (API Particulier, API Entreprise): connect 5 s, response timeout 12
   * s (their slowest endpoints, documents, answer within 12 s; JSON calls get 5 s per request),
   * deadline 30 s (the clients' default call timeout).
   */
  ONCE_ONLY(Duration.ofSeconds(5), Duration.ofSeconds(12), Duration.ofSeconds(30));

  private final Duration connectTimeout;
  private final Duration responseTimeout;
  private final Duration deadline;

  HttpPreset(Duration connectTimeout, Duration responseTimeout, Duration deadline) {
    this.connectTimeout = connectTimeout;
    this.responseTimeout = responseTimeout;
    this.deadline = deadline;
  }

  /**
   * Returns the connect timeout of this preset.
   *
   * @return the timeout
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * Returns the response timeout (longest silence) of this preset.
   *
   * @return the timeout
   */
  public Duration responseTimeout() {
    return responseTimeout;
  }

  /**
   * Returns the overall per-call deadline of this preset.
   *
   * @return the deadline
   */
  public Duration deadline() {
    return deadline;
  }
}
