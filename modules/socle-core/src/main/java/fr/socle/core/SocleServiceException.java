package fr.socle.core;

import java.util.Optional;

/**
 * The peer answered, and its answer was an error: an HTTP error status, a SOAP fault, an OAuth
 * error response. Carries the HTTP status, the peer's error code when it gave one, and a
 * correlation id to quote to the peer's support.
 */
public class SocleServiceException extends SocleException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status of the peer's answer, or 0 when there was none. */
  private final int statusCode;

  /** The peer's error code, or {@code null} when it gave none. */
  private final String errorCode;

  /** The peer's correlation id, or {@code null} when it gave none. */
  private final String correlationId;

  /**
   * Creates the exception.
   *
   * @param message what the peer said, safe to log (no token, secret or personal datum)
   * @param statusCode the HTTP status of the answer, or 0 when there was none at the HTTP level
   * @param errorCode the peer's own error code, or {@code null}
   * @param correlationId the peer's request or correlation id, or {@code null}
   */
  public SocleServiceException(
      String message, int statusCode, String errorCode, String correlationId) {
    this(message, statusCode, errorCode, correlationId, null);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what the peer said, safe to log (no token, secret or personal datum)
   * @param statusCode the HTTP status of the answer, or 0 when there was none at the HTTP level
   * @param errorCode the peer's own error code, or {@code null}
   * @param correlationId the peer's request or correlation id, or {@code null}
   * @param cause the underlying error, or {@code null}
   */
  public SocleServiceException(
      String message, int statusCode, String errorCode, String correlationId, Throwable cause) {
    super(describe(message, statusCode, errorCode, correlationId), cause);
    this.statusCode = statusCode;
    this.errorCode = errorCode;
    this.correlationId = correlationId;
  }

  /**
   * Returns the HTTP status of the error answer.
   *
   * @return the HTTP status, or 0 when the error was not carried by an HTTP status
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Returns the peer's error code.
   *
   * @return the code (for example {@code invalid_grant} or PayFiP's {@code P1}), if the peer gave
   *     one
   */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /**
   * Returns the peer's correlation id.
   *
   * @return the id to quote to the peer's support, if the peer gave one
   */
  public Optional<String> correlationId() {
    return Optional.ofNullable(correlationId);
  }

  private static String describe(String message, int status, String code, String correlationId) {
    StringBuilder sb = new StringBuilder(message);
    if (status > 0) {
      sb.append(" (HTTP ").append(status);
    } else {
      sb.append(" (");
    }
    if (code != null) {
      sb.append(status > 0 ? ", " : "").append("code ").append(code);
    }
    if (correlationId != null) {
      sb.append(status > 0 || code != null ? ", " : "")
          .append("correlation id ")
          .append(correlationId);
    }
    sb.append(')');
    String text = sb.toString();
    return text.endsWith(" ()") ? text.substring(0, text.length() - 3) : text;
  }
}
