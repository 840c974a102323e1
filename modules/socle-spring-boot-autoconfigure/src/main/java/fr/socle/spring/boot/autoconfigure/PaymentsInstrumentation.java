package fr.socle.spring.boot.autoconfigure;

import fr.socle.payment.PaymentListener;
import fr.socle.payment.spi.PaymentLedger;

/**
 * Wraps the ledger and the listener that the auto-configured {@code Payments} uses, for metrics.
 * Package-private: the metrics auto-configuration provides the one implementation, so that the
 * payment auto-configuration never loads Micrometer itself.
 */
interface PaymentsInstrumentation {

  PaymentLedger ledger(PaymentLedger ledger);

  PaymentListener listener(PaymentListener listener);
}
