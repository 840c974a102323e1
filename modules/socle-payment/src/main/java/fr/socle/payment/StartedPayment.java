package fr.socle.payment;

import java.net.URI;
import java.util.Objects;

/**
 * A payment just created and recorded in the ledger: send the payer's browser to {@link
 * #redirectUrl()} (HTTP 303 or a link).
 *
 * @param payment the ledger record, {@link PaymentState#PENDING}
 * @param redirectUrl the PayFiP payment page for this operation
 */
public record StartedPayment(Payment payment, URI redirectUrl) {

  /**
   * Checks that no component is null.
   *
   * @param payment the ledger record, {@link PaymentState#PENDING}
   * @param redirectUrl the PayFiP payment page for this operation
   */
  public StartedPayment {
    Objects.requireNonNull(payment, "payment");
    Objects.requireNonNull(redirectUrl, "redirectUrl");
  }

  /**
   * Returns the operation id.
   *
   * @return the PayFiP idOp
   */
  public String idOp() {
    return payment.idOp();
  }
}
