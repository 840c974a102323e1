package fr.socle.payment.payfip;

import fr.socle.core.Redaction;
import fr.socle.payment.internal.SoapCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a SOAP fault PayFiP answered into the typed exception of its family. Stateless. */
final class PayfipFaults {
  // The client's log category, as before the split: operators filter on it.
  private static final Logger log = LoggerFactory.getLogger(PayfipClient.class);

  private PayfipFaults() {}

  static PayfipFaultException toException(String operation, int status, SoapCodec.Fault fault) {
    FaultType type = FaultType.fromName(fault.typeName());
    String label = fault.label() == null ? null : sanitise(fault.label());
    String code = fault.code() == null ? null : sanitise(fault.code());
    log.debug("PayFiP {} fault {} {}", operation, type, code);
    switch (type) {
      case FUNCTIONAL:
        return new PayfipFunctionalException(operation, status, code, label);
      case TECHNICAL_MALFUNCTION:
      case TECHNICAL_UNAVAILABLE:
      case TECHNICAL_PROTOCOL:
        return new PayfipTechnicalException(operation, status, type, code, label);
      default:
        return new PayfipFaultException(operation, status, type, code, label);
    }
  }

  /**
   * Keeps a peer's text printable and short before it reaches a message or a log: controls, Unicode
   * line separators and bidi controls become spaces.
   */
  private static String sanitise(String text) {
    return Redaction.peerText(text, 120);
  }
}
