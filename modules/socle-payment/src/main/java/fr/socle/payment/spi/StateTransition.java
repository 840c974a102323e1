package fr.socle.payment.spi;

import fr.socle.payment.Payment;
import fr.socle.payment.PaymentState;
import fr.socle.payment.payfip.PaymentMeans;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A conditional state change: "move payment {@code idOp} to {@code to}, but only if it is still in
 * one of {@code from}". A ledger applies it atomically; exactly one of several concurrent callers
 * with overlapping {@code from} sets can win.
 *
 * @param idOp the payment
 * @param from the states the payment must be in for the change to apply, not empty
 * @param to the new state
 * @param at when the change happens
 * @param transactionTime the transaction time to record, if known
 * @param authorisationNumber the {@code numauto} to record, if known
 * @param means the means of payment to record
 * @param resultCode the PayFiP code to record, if any
 * @param reviewReason why review is needed, for {@link PaymentState#REVIEW}
 */
public record StateTransition(
    String idOp,
    Set<PaymentState> from,
    PaymentState to,
    Instant at,
    Optional<Instant> transactionTime,
    Optional<String> authorisationNumber,
    PaymentMeans means,
    Optional<String> resultCode,
    Optional<String> reviewReason) {

  /**
   * Validates and freezes the transition.
   *
   * @param idOp the payment
   * @param from the states the payment must be in for the change to apply, not empty
   * @param to the new state
   * @param at when the change happens
   * @param transactionTime the transaction time to record, if known
   * @param authorisationNumber the {@code numauto} to record, if known
   * @param means the means of payment to record
   * @param resultCode the PayFiP code to record, if any
   * @param reviewReason why review is needed, for {@link PaymentState#REVIEW}
   */
  public StateTransition {
    Objects.requireNonNull(idOp, "idOp");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(transactionTime, "transactionTime");
    Objects.requireNonNull(authorisationNumber, "authorisationNumber");
    Objects.requireNonNull(means, "means");
    Objects.requireNonNull(resultCode, "resultCode");
    Objects.requireNonNull(reviewReason, "reviewReason");
    if (from == null || from.isEmpty()) {
      throw new IllegalArgumentException("a transition needs at least one source state");
    }
    if (from.contains(to)) {
      throw new IllegalArgumentException("a transition must change the state");
    }
    from = Set.copyOf(EnumSet.copyOf(from));
  }

  /**
   * Applies this transition to a payment, without checking its state.
   *
   * @param p the payment before
   * @return the payment after
   */
  public Payment applyTo(Payment p) {
    return new Payment(
        p.idOp(),
        p.numcli(),
        p.refdet(),
        p.exer(),
        p.amountCents(),
        p.label(),
        p.payerEmail(),
        p.saisie(),
        to,
        p.createdAt(),
        at,
        transactionTime.or(p::transactionTime),
        authorisationNumber.or(p::authorisationNumber),
        means == PaymentMeans.UNKNOWN ? p.means() : means,
        resultCode.or(p::resultCode),
        reviewReason.or(p::reviewReason));
  }
}
