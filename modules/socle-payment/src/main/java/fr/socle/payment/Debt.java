package fr.socle.payment;

import fr.socle.core.Redaction;
import fr.socle.payment.payfip.PayfipPaymentRequest;
import java.util.Objects;

/**
 * What a payer owes: the input of {@link Payments#create(Debt)}. The fields are checked against
 * PayFiP's rules when the debt is constructed, so that a bad debt fails where it is made, not at
 * the first payment (see {@link PayfipPaymentRequest}).
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
   * Validates the debt, with Socle's error rule: a missing component raises a {@link
   * NullPointerException} naming it, a bad value a {@link fr.socle.core.InvalidInputException}
   * (whose message never contains the e-mail address).
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
    PayfipPaymentRequest.requireRefdet(refdet);
    PayfipPaymentRequest.requireAmount(amountCents);
    PayfipPaymentRequest.requireMel(payerEmail);
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
