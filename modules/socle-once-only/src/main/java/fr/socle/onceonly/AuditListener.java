package fr.socle.onceonly;

/**
 * Receives one {@link AuditEvent} per call, on the calling thread, after the call and before its
 * result is returned.
 *
 * <p>Fail closed: if the listener throws, the call fails with a {@link
 * fr.socle.core.SocleClientException} and its data is not returned, so that no data obtained from
 * the administration goes unaudited. Implementations must be thread-safe and fast (write to a queue
 * or a table, not to a remote service without a timeout).
 *
 * <pre>{@code
 * AuditListener audit = e -> auditLog.info("once-only {} {} recipient={} status={} by={}",
 *     e.api(), e.route(), e.recipient(), e.status(), currentAgent());
 * }</pre>
 */
@FunctionalInterface
public interface AuditListener {
  /** A listener that does nothing. */
  AuditListener NONE = event -> {};

  /**
   * Records a call.
   *
   * @param event the call, without the data
   */
  void onCall(AuditEvent event);
}
