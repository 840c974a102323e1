package fr.socle.onceonly;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One call to API Particulier or API Entreprise, as the audit trail needs it: who asked (which
 * token, through its fingerprint), what (the route, and for API Entreprise the SIREN, SIRET or RNA
 * looked up), for which recipient and purpose, and how it ended. It never holds the data received,
 * the person's identity, or the token itself.
 *
 * <p>The application adds its own "who" (the agent signed in, the case number) from its context:
 * the listener runs on the calling thread, after the call.
 *
 * @param at when the call started
 * @param api {@code particulier} or {@code entreprise}
 * @param route the route template, for example {@code /v3/dss/quotient_familial/france_connect}
 * @param tokenFingerprint the first 16 hex digits of the token's SHA-256, to tell habilitations
 *     apart
 * @param recipient the SIRET of the public body receiving the data
 * @param context the procedure (API Entreprise), if any
 * @param object the reason of the call (API Entreprise), if any
 * @param subject the company or association identifier looked up (API Entreprise); never set for
 *     API Particulier, whose subjects are people
 * @param status the HTTP status, or 0 if the API was not reached (limit, timeout, I/O error)
 * @param errorCode the API's error code, if any
 * @param coalesced true if this call shared the answer of an identical call in flight
 * @param duration how long the call took, waits included
 */
public record AuditEvent(
    Instant at,
    String api,
    String route,
    String tokenFingerprint,
    String recipient,
    Optional<String> context,
    Optional<String> object,
    Optional<String> subject,
    int status,
    Optional<String> errorCode,
    boolean coalesced,
    Duration duration) {

  /**
   * Validates the event.
   *
   * @param at when the call started
   * @param api {@code particulier} or {@code entreprise}
   * @param route the route template, for example {@code /v3/dss/quotient_familial/france_connect}
   * @param tokenFingerprint the first 16 hex digits of the token's SHA-256, to tell habilitations
   *     apart
   * @param recipient the SIRET of the public body receiving the data
   * @param context the procedure (API Entreprise), if any
   * @param object the reason of the call (API Entreprise), if any
   * @param subject the company or association identifier looked up (API Entreprise); never set for
   *     API Particulier, whose subjects are people
   * @param status the HTTP status, or 0 if the API was not reached (limit, timeout, I/O error)
   * @param errorCode the API's error code, if any
   * @param coalesced true if this call shared the answer of an identical call in flight
   * @param duration how long the call took, waits included
   */
  public AuditEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(tokenFingerprint, "tokenFingerprint");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(errorCode, "errorCode");
    Objects.requireNonNull(duration, "duration");
  }

  /**
   * Tells whether the API answered with data.
   *
   * @return true for a 2xx status
   */
  public boolean succeeded() {
    return status >= 200 && status < 300;
  }
}
