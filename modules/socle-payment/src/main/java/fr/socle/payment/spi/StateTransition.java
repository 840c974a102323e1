package fr.socle.payment.spi;

import fr.socle.core.InvalidInputException;
import fr.socle.payment.Payment;
import fr.socle.payment.PaymentMeans;
import fr.socle.payment.PaymentState;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A conditional state change: "move payment {@code idOp} to {@code to}, but only if it is still in
 * one of {@code from}". A ledger applies it atomically; exactly one of several concurrent callers
 * with overlapping {@code from} sets can win. The re-check time and the fulfilment claim are part
 * of the same atomic change.
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
 * @param recheckAt for {@link PaymentState#EXPIRED} and {@link PaymentState#ABANDONED}: when the
 *     reconciliation should look the payment up again (PayFiP may still report it paid); empty for
 *     no re-check. Any other transition clears the re-check.
 * @param claim for {@link PaymentState#PAID} and {@link PaymentState#REVIEW}: the fulfilment claim
 *     the winner of the transition takes in the same atomic change, so that the listener can run
 *     without another round trip to the ledger; empty to leave the payment unclaimed
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
    Optional<String> reviewReason,
    Optional<Instant> recheckAt,
    Optional<Claim> claim) {

  /**
   * A fulfilment claim taken with a transition.
   *
   * @param claimId an identifier unique to this claim (for example a random UUID)
   * @param until when the claim expires
   */
  public record Claim(String claimId, Instant until) {
    /**
     * Checks that no component is null.
     *
     * @param claimId an identifier unique to this claim (for example a random UUID)
     * @param until when the claim expires
     */
    public Claim {
      Objects.requireNonNull(claimId, "claimId");
      Objects.requireNonNull(until, "until");
    }
  }

  /**
   * A transition that schedules no re-check and takes no fulfilment claim.
   *
   * @param idOp the payment
   * @param from the source states
   * @param to the new state
   * @param at when the change happens
   * @param transactionTime the transaction time, if known
   * @param authorisationNumber the {@code numauto}, if known
   * @param means the means of payment
   * @param resultCode the PayFiP code, if any
   * @param reviewReason why review is needed, if any
   */
  public StateTransition(
      String idOp,
      Set<PaymentState> from,
      PaymentState to,
      Instant at,
      Optional<Instant> transactionTime,
      Optional<String> authorisationNumber,
      PaymentMeans means,
      Optional<String> resultCode,
      Optional<String> reviewReason) {
    this(
        idOp,
        from,
        to,
        at,
        transactionTime,
        authorisationNumber,
        means,
        resultCode,
        reviewReason,
        Optional.empty(),
        Optional.empty());
  }

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
   * @param recheckAt for {@link PaymentState#EXPIRED} and {@link PaymentState#ABANDONED}: when the
   *     reconciliation should look the payment up again (PayFiP may still report it paid); empty
   *     for no re-check. Any other transition clears the re-check.
   * @param claim for {@link PaymentState#PAID} and {@link PaymentState#REVIEW}: the fulfilment
   *     claim the winner of the transition takes in the same atomic change, so that the listener
   *     can run without another round trip to the ledger; empty to leave the payment unclaimed
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
    Objects.requireNonNull(recheckAt, "recheckAt");
    Objects.requireNonNull(claim, "claim");
    if (recheckAt.isPresent() && to != PaymentState.EXPIRED && to != PaymentState.ABANDONED) {
      throw new InvalidInputException("only expired or abandoned payments are re-checked");
    }
    if (claim.isPresent() && to != PaymentState.PAID && to != PaymentState.REVIEW) {
      throw new InvalidInputException("only paid or review payments have a fulfilment");
    }
    if (from == null || from.isEmpty()) {
      throw new InvalidInputException("a transition needs at least one source state");
    }
    if (from.contains(to)) {
      throw new InvalidInputException("a transition must change the state");
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
