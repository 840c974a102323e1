package fr.socle.payment.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * That the listener completed for a payment, as handed to {@link
 * PaymentLedger#completeFulfilments(java.util.List)}.
 *
 * @param idOp the payment
 * @param claimId the claim under which the listener ran
 * @param at when the listener completed
 */
public record FulfilmentRecord(String idOp, String claimId, Instant at) {
  /**
   * Checks that no component is null.
   *
   * @param idOp the payment
   * @param claimId the claim under which the listener ran
   * @param at when the listener completed
   */
  public FulfilmentRecord {
    Objects.requireNonNull(idOp, "idOp");
    Objects.requireNonNull(claimId, "claimId");
    Objects.requireNonNull(at, "at");
  }
}
