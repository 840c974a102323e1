package fr.socle.payment;

import fr.socle.core.Redaction;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A payment attempt as the ledger knows it: one PayFiP operation id, the debt it pays, and its
 * state. The ledger's copy is the source of truth; PayFiP's echo of these fields is only compared
 * with it.
 *
 * <p>Immutable. {@link #toString()} redacts the payer's e-mail address.
 *
 * @param idOp the PayFiP operation id (single use: a new attempt gets a new one)
 * @param numcli the régie's PayFiP client number
 * @param refdet the debt reference
 * @param exer the budget year sent to PayFiP
 * @param amountCents the amount in euro cents
 * @param label the normalised label shown to the payer
 * @param payerEmail the payer's e-mail address (personal data)
 * @param saisie the mode the payment was created in
 * @param state the current state
 * @param createdAt when the payment was created
 * @param updatedAt when the state last changed
 * @param transactionTime when PayFiP says the transaction happened, once known
 * @param authorisationNumber PayFiP's {@code numauto}, once known
 * @param means card or direct debit, {@link PaymentMeans#UNKNOWN} until known
 * @param resultCode the last definitive PayFiP code ({@code resultrans} letter, or {@code P1} /
 *     {@code P5} for an expiry)
 * @param reviewReason why the payment needs review, for {@link PaymentState#REVIEW}
 */
public record Payment(
    String idOp,
    String numcli,
    String refdet,
    int exer,
    long amountCents,
    String label,
    String payerEmail,
    Saisie saisie,
    PaymentState state,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> transactionTime,
    Optional<String> authorisationNumber,
    PaymentMeans means,
    Optional<String> resultCode,
    Optional<String> reviewReason) {

  /**
   * The review reason of an attempt paid for a debt another attempt had already paid: to refund.
   */
  public static final String DOUBLE_PAYMENT_REASON =
      "double payment: the debt was already paid by another attempt; refund this one";

  /**
   * Checks that no component is null.
   *
   * @param idOp the PayFiP operation id (single use: a new attempt gets a new one)
   * @param numcli the régie's PayFiP client number
   * @param refdet the debt reference
   * @param exer the budget year sent to PayFiP
   * @param amountCents the amount in euro cents
   * @param label the normalised label shown to the payer
   * @param payerEmail the payer's e-mail address (personal data)
   * @param saisie the mode the payment was created in
   * @param state the current state
   * @param createdAt when the payment was created
   * @param updatedAt when the state last changed
   * @param transactionTime when PayFiP says the transaction happened, once known
   * @param authorisationNumber PayFiP's {@code numauto}, once known
   * @param means card or direct debit, {@link PaymentMeans#UNKNOWN} until known
   * @param resultCode the last definitive PayFiP code ({@code resultrans} letter, or {@code P1} /
   *     {@code P5} for an expiry)
   * @param reviewReason why the payment needs review, for {@link PaymentState#REVIEW}
   */
  public Payment {
    Objects.requireNonNull(idOp, "idOp");
    Objects.requireNonNull(numcli, "numcli");
    Objects.requireNonNull(refdet, "refdet");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(payerEmail, "payerEmail");
    Objects.requireNonNull(saisie, "saisie");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(transactionTime, "transactionTime");
    Objects.requireNonNull(authorisationNumber, "authorisationNumber");
    Objects.requireNonNull(means, "means");
    Objects.requireNonNull(resultCode, "resultCode");
    Objects.requireNonNull(reviewReason, "reviewReason");
  }

  /**
   * Creates a new pending payment, as {@link Payments} records it.
   *
   * @param idOp the operation id
   * @param numcli the client number
   * @param refdet the debt reference
   * @param exer the budget year
   * @param amountCents the amount
   * @param label the label
   * @param payerEmail the payer's e-mail
   * @param saisie the mode
   * @param now the creation time
   * @return a {@link PaymentState#PENDING} payment
   */
  public static Payment pending(
      String idOp,
      String numcli,
      String refdet,
      int exer,
      long amountCents,
      String label,
      String payerEmail,
      Saisie saisie,
      Instant now) {
    return new Payment(
        idOp,
        numcli,
        refdet,
        exer,
        amountCents,
        label,
        payerEmail,
        saisie,
        PaymentState.PENDING,
        now,
        now,
        Optional.empty(),
        Optional.empty(),
        PaymentMeans.UNKNOWN,
        Optional.empty(),
        Optional.empty());
  }

  /**
   * Tells whether this attempt is a double payment: paid on PayFiP for a debt that another attempt
   * had already paid, and therefore put in {@link PaymentState#REVIEW} to be refunded.
   *
   * @return true for a double payment
   */
  public boolean isDoublePayment() {
    return state == PaymentState.REVIEW
        && reviewReason.filter(DOUBLE_PAYMENT_REASON::equals).isPresent();
  }

  @Override
  public String toString() {
    return "Payment[idOp="
        + idOp
        + ", numcli="
        + numcli
        + ", refdet="
        + refdet
        + ", amountCents="
        + amountCents
        + ", payerEmail="
        + Redaction.email(payerEmail)
        + ", saisie="
        + saisie
        + ", state="
        + state
        + ", createdAt="
        + createdAt
        + "]";
  }
}
