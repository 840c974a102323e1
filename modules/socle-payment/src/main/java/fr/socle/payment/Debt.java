package fr.socle.payment;

import fr.socle.core.Redaction;
import java.util.Objects;

/**
 * What a payer owes: the input of {@link Payments#create(Debt)}. The fields are checked against
 * PayFiP's rules when the payment is created, before any network call (see {@link
 * fr.socle.payment.payfip.PayfipPaymentRequest}).
 *
 * <p>{@link #toString()} redacts the e-mail address.
 *
 * @param refdet the debt reference, 6 to 30 letters or digits (your invoice or order number)
 * @param amountCents the amount in euro cents
 * @param label the label shown to the payer (normalised: accents removed, at most 100 characters)
 * @param payerEmail the payer's e-mail address, where PayFiP sends the receipt
 */
public record Debt(String refdet, long amountCents, String label, String payerEmail) {

  /**
   * Checks that no component is null.
   *
   * @param refdet the debt reference, 6 to 30 letters or digits (your invoice or order number)
   * @param amountCents the amount in euro cents
   * @param label the label shown to the payer (normalised: accents removed, at most 100 characters)
   * @param payerEmail the payer's e-mail address, where PayFiP sends the receipt
   */
  public Debt {
    Objects.requireNonNull(refdet, "refdet");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(payerEmail, "payerEmail");
  }

  @Override
  public String toString() {
    return "Debt[refdet="
        + refdet
        + ", amountCents="
        + amountCents
        + ", payerEmail="
        + Redaction.email(payerEmail)
        + "]";
  }
}
