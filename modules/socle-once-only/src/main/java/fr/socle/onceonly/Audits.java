package fr.socle.onceonly;

import fr.socle.core.SocleClientException;
import fr.socle.onceonly.internal.Caller;
import java.util.function.Consumer;

/** Turns the caller's outcomes into {@link AuditEvent}s, failing closed when the listener fails. */
final class Audits {
  private Audits() {}

  static Consumer<Caller.Outcome> to(String api, AuditListener listener) {
    return o -> {
      AuditEvent event =
          new AuditEvent(
              o.at(),
              api,
              o.route().template(),
              o.fingerprint(),
              o.route().recipient(),
              o.route().context(),
              o.route().object(),
              o.route().subject(),
              o.status(),
              o.errorCode(),
              o.coalesced(),
              o.duration());
      try {
        listener.onCall(event);
      } catch (RuntimeException e) {
        throw new SocleClientException(
            "audit listener failed: the answer of " + api + " " + event.route() + " is withheld",
            e);
      }
    };
  }
}
