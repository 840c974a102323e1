package fr.socle.testkit.onceonly;

import java.time.Instant;
import java.util.Objects;

/**
 * A request the simulator received, for assertions: when, which route, which token (by
 * fingerprint), and the status it answered.
 *
 * @param at when the request arrived
 * @param api {@code particulier} or {@code entreprise}
 * @param route the route template, for example {@code /v3/dss/quotient_familial/identite}
 * @param token the first 16 hex digits of the bearer token's SHA-256, empty if none
 * @param group the rate-limit group the request counted in ({@code json}, {@code documents}, ...)
 * @param status the status answered (0 if the connection was held without answer)
 */
public record ServedRequest(
    Instant at, String api, String route, String token, String group, int status) {

  /**
   * Validates the record.
   *
   * @param at when the request arrived
   * @param api {@code particulier} or {@code entreprise}
   * @param route the route template, for example {@code /v3/dss/quotient_familial/identite}
   * @param token the first 16 hex digits of the bearer token's SHA-256, empty if none
   * @param group the rate-limit group the request counted in ({@code json}, {@code documents}, ...)
   * @param status the status answered (0 if the connection was held without answer)
   */
  public ServedRequest {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(group, "group");
  }
}
