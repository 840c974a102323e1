package fr.socle.payment.payfip;

import fr.socle.payment.PaymentMeans;
import fr.socle.payment.Saisie;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The answer of {@code recupererDetailPaiementSecurise}: the result of one payment attempt.
 *
 * <p>PayFiP echoes the request fields in this answer, and the echo is not reliable (a recorded real
 * answer echoed {@code exer} as {@code 20} for {@code 2019}). The echoed amount, reference, client
 * number and mode are therefore exposed only so that a caller can <em>compare</em> them with its
 * own record of the payment (which {@link fr.socle.payment.Payments} does); they are never a source
 * of truth. The echoed {@code exer}, {@code objet} and {@code mel} are not exposed at all. A
 * missing or unreadable echo is empty: {@code Payments} treats it as a disagreement (review).
 *
 * @param idOp the operation id that was looked up (the one requested, not the echo)
 * @param resultrans the raw {@code resultrans} letter, as received (may be empty)
 * @param status the typed outcome; only {@link TransactionStatus#PAID} means paid
 * @param means card or direct debit, when the letter tells
 * @param transactionTime when the transaction happened ({@code dattrans} + {@code heurtrans},
 *     Europe/Paris, minute precision), if present and well formed
 * @param authorisationNumber the {@code numauto}, if present
 * @param echoedAmountCents the amount echoed by PayFiP, if present and numeric
 * @param echoedRefdet the debt reference echoed by PayFiP, if present
 * @param echoedNumcli the client number echoed by PayFiP, if present
 * @param echoedSaisie the mode echoed by PayFiP, if present and valid
 * @param echoedIdOp the operation id echoed by PayFiP, if present (compare it ignoring case: see
 *     {@code docs/payment.md})
 */
public record PayfipPaymentDetail(
    String idOp,
    String resultrans,
    TransactionStatus status,
    PaymentMeans means,
    Optional<Instant> transactionTime,
    Optional<String> authorisationNumber,
    OptionalLong echoedAmountCents,
    Optional<String> echoedRefdet,
    Optional<String> echoedNumcli,
    Optional<Saisie> echoedSaisie,
    Optional<String> echoedIdOp) {

  /**
   * A detail without the echoed operation id.
   *
   * @param idOp the operation id that was looked up
   * @param resultrans the raw letter
   * @param status the typed outcome
   * @param means card or direct debit
   * @param transactionTime when the transaction happened, if known
   * @param authorisationNumber the {@code numauto}, if present
   * @param echoedAmountCents the echoed amount, if present
   * @param echoedRefdet the echoed reference, if present
   * @param echoedNumcli the echoed client number, if present
   * @param echoedSaisie the echoed mode, if present
   */
  public PayfipPaymentDetail(
      String idOp,
      String resultrans,
      TransactionStatus status,
      PaymentMeans means,
      Optional<Instant> transactionTime,
      Optional<String> authorisationNumber,
      OptionalLong echoedAmountCents,
      Optional<String> echoedRefdet,
      Optional<String> echoedNumcli,
      Optional<Saisie> echoedSaisie) {
    this(
        idOp,
        resultrans,
        status,
        means,
        transactionTime,
        authorisationNumber,
        echoedAmountCents,
        echoedRefdet,
        echoedNumcli,
        echoedSaisie,
        Optional.empty());
  }

  /**
   * Checks that no component is null.
   *
   * @param idOp the operation id that was looked up (the one requested, not the echo)
   * @param resultrans the raw {@code resultrans} letter, as received (may be empty)
   * @param status the typed outcome; only {@link TransactionStatus#PAID} means paid
   * @param means card or direct debit, when the letter tells
   * @param transactionTime when the transaction happened ({@code dattrans} + {@code heurtrans},
   *     Europe/Paris, minute precision), if present and well formed
   * @param authorisationNumber the {@code numauto}, if present
   * @param echoedAmountCents the amount echoed by PayFiP, if present and numeric
   * @param echoedRefdet the debt reference echoed by PayFiP, if present
   * @param echoedNumcli the client number echoed by PayFiP, if present
   * @param echoedSaisie the mode echoed by PayFiP, if present and valid
   * @param echoedIdOp the operation id echoed by PayFiP, if present (compare it ignoring case: see
   *     {@code docs/payment.md})
   */
  public PayfipPaymentDetail {
    Objects.requireNonNull(idOp, "idOp");
    Objects.requireNonNull(resultrans, "resultrans");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(means, "means");
    Objects.requireNonNull(transactionTime, "transactionTime");
    Objects.requireNonNull(authorisationNumber, "authorisationNumber");
    Objects.requireNonNull(echoedAmountCents, "echoedAmountCents");
    Objects.requireNonNull(echoedRefdet, "echoedRefdet");
    Objects.requireNonNull(echoedNumcli, "echoedNumcli");
    Objects.requireNonNull(echoedSaisie, "echoedSaisie");
    Objects.requireNonNull(echoedIdOp, "echoedIdOp");
  }

  /**
   * Tells whether the payment was made. Same as {@code status() == PAID}.
   *
   * @return true only for {@code P} and {@code V}
   */
  public boolean isPaid() {
    return status == TransactionStatus.PAID;
  }
}
