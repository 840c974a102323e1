package fr.socle.testkit.payfip;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One call the simulator made (or tried to make) to a merchant's {@code urlnotif}.
 *
 * @param idOp the operation the notification is about
 * @param method {@code POST} (the real service) or {@code GET} (on demand)
 * @param parameterName the name carrying the operation id, {@code idop} unless changed on demand
 * @param target the notification URL as sent (for GET, with the query string)
 * @param sentAt when it was sent, on the simulator's clock
 * @param status the HTTP status the merchant answered, empty if the call failed
 * @param error why the call failed (connection refused, timeout...), empty if it was answered
 */
public record NotificationAttempt(
    String idOp,
    String method,
    String parameterName,
    URI target,
    Instant sentAt,
    OptionalInt status,
    Optional<String> error) {

  /**
   * Validates the fields.
   *
   * @param idOp the operation the notification is about
   * @param method {@code POST} (the real service) or {@code GET} (on demand)
   * @param parameterName the name carrying the operation id, {@code idop} unless changed on demand
   * @param target the notification URL as sent (for GET, with the query string)
   * @param sentAt when it was sent, on the simulator's clock
   * @param status the HTTP status the merchant answered, empty if the call failed
   * @param error why the call failed (connection refused, timeout...), empty if it was answered
   */
  public NotificationAttempt {
    Objects.requireNonNull(idOp, "idOp");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(parameterName, "parameterName");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(error, "error");
  }

  /**
   * Tells whether the merchant answered with a 2xx status.
   *
   * @return true if delivered and accepted
   */
  public boolean delivered() {
    return status.isPresent() && status.getAsInt() / 100 == 2;
  }
}
