package fr.socle.payment.internal;

import fr.socle.payment.Payment;
import fr.socle.payment.PaymentMeans;
import fr.socle.payment.PaymentState;
import fr.socle.payment.payfip.PayfipFunctionalException;
import fr.socle.payment.payfip.PayfipPaymentDetail;
import fr.socle.payment.spi.StateTransition;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The settlement decision, as a pure function: from what PayFiP answered about a payment and the
 * ledger's row, the next state (or none) and, for review, the reason. No I/O, no clock, no ledger:
 * {@link FulfilmentCoordinator} applies the decision, {@link PaymentSettler} asks PayFiP.
 */
public final class Settlement {

  /** States a PayFiP result may still change. */
  public static final Set<PaymentState> OPEN =
      EnumSet.of(PaymentState.PENDING, PaymentState.EXPIRED, PaymentState.ABANDONED);

  private Settlement() {}

  /** What to do with the payment. */
  public enum Kind {
    /** Nothing changes; an open payment keeps its re-check schedule. */
    KEEP,
    /** PayFiP forgot an expired or abandoned payment (P1): stop re-checking it. */
    FORGET,
    /** Move the payment to {@link Decision#to()}. */
    MOVE
  }

  /**
   * A settlement decision: the complete next state of the payment when {@link #kind()} is {@link
   * Kind#MOVE}.
   *
   * @param kind what to do
   * @param from the states the move is allowed from (empty unless a move)
   * @param to the next state (null unless a move)
   * @param transactionTime PayFiP's transaction time
   * @param authorisationNumber the authorisation number
   * @param means how the payer paid
   * @param resultCode the {@code resultrans} letter or the fault code
   * @param reviewReason why a payment goes to review
   * @param recheckAt when to look an expired or abandoned payment up again
   */
  public record Decision(
      Kind kind,
      Set<PaymentState> from,
      PaymentState to,
      Optional<Instant> transactionTime,
      Optional<String> authorisationNumber,
      PaymentMeans means,
      Optional<String> resultCode,
      Optional<String> reviewReason,
      Optional<Instant> recheckAt) {

    /** Nothing changes. */
    public static final Decision KEEP =
        new Decision(
            Kind.KEEP,
            Set.of(),
            null,
            Optional.empty(),
            Optional.empty(),
            PaymentMeans.UNKNOWN,
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    /** Stop re-checking. */
    public static final Decision FORGET =
        new Decision(
            Kind.FORGET,
            Set.of(),
            null,
            Optional.empty(),
            Optional.empty(),
            PaymentMeans.UNKNOWN,
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    /** Validates the decision. */
    public Decision {
      Objects.requireNonNull(kind, "kind");
      from = Set.copyOf(Objects.requireNonNull(from, "from"));
      Objects.requireNonNull(transactionTime, "transactionTime");
      Objects.requireNonNull(authorisationNumber, "authorisationNumber");
      Objects.requireNonNull(means, "means");
      Objects.requireNonNull(resultCode, "resultCode");
      Objects.requireNonNull(reviewReason, "reviewReason");
      Objects.requireNonNull(recheckAt, "recheckAt");
      if ((kind == Kind.MOVE) != (to != null)) {
        throw new IllegalArgumentException("a move, and only a move, has a target state");
      }
    }

    static Decision move(
        Set<PaymentState> from,
        PaymentState to,
        PayfipPaymentDetail d,
        String code,
        String reason,
        Optional<Instant> recheckAt) {
      return new Decision(
          Kind.MOVE,
          from,
          to,
          d == null ? Optional.empty() : d.transactionTime(),
          d == null ? Optional.empty() : d.authorisationNumber(),
          d == null ? PaymentMeans.UNKNOWN : d.means(),
          code == null || code.isEmpty() ? Optional.empty() : Optional.of(code),
          Optional.ofNullable(reason),
          recheckAt);
    }

    /**
     * The same move, to review instead (a debt already paid: a double payment).
     *
     * @param reason the review reason
     * @return the decision
     */
    public Decision toReview(String reason) {
      return new Decision(
          Kind.MOVE,
          from,
          PaymentState.REVIEW,
          transactionTime,
          authorisationNumber,
          means,
          resultCode,
          Optional.of(reason),
          Optional.empty());
    }

    /**
     * The ledger transition of this move.
     *
     * @param idOp the payment's operation id
     * @param at when
     * @param claim the fulfilment claim taken with it, if any
     * @return the transition
     */
    public StateTransition transition(
        String idOp, Instant at, Optional<StateTransition.Claim> claim) {
      return new StateTransition(
          idOp,
          from,
          to,
          at,
          transactionTime,
          authorisationNumber,
          means,
          resultCode,
          reviewReason,
          recheckAt,
          claim);
    }
  }

  /**
   * Decides on a functional fault PayFiP answered instead of a result.
   *
   * @param p the ledger's row
   * @param e the fault
   * @param now the current time
   * @param timedOut whether the payment is past its pending timeout
   * @param recheck the re-check policy
   * @return the decision, empty if the fault is not one the settlement handles (P1, P5)
   */
  public static Optional<Decision> onFault(
      Payment p,
      PayfipFunctionalException e,
      Instant now,
      boolean timedOut,
      RecheckPolicy recheck) {
    if (e.isUnknownOperation()) {
      if (p.state() == PaymentState.PENDING) {
        // P1 on a young operation may mean "not known yet": look again until the pending
        // timeout; past it, PayFiP forgot it (nightly purge) and it never becomes valid again.
        Optional<Instant> next = timedOut ? Optional.empty() : recheck.next(p, now);
        return Optional.of(
            Decision.move(
                EnumSet.of(PaymentState.PENDING), PaymentState.EXPIRED, null, "P1", null, next));
      }
      // An expired or abandoned payment PayFiP no longer reports: nothing more to learn.
      return Optional.of(Decision.FORGET);
    }
    if (e.isResultNotYetKnown()) {
      if (p.state() == PaymentState.PENDING && timedOut) {
        return Optional.of(
            Decision.move(
                EnumSet.of(PaymentState.PENDING),
                PaymentState.EXPIRED,
                null,
                "P5",
                null,
                recheck.next(p, now)));
      }
      return Optional.of(Decision.KEEP);
    }
    return Optional.empty();
  }

  /**
   * Decides on PayFiP's result.
   *
   * @param p the ledger's row
   * @param d PayFiP's answer
   * @param now the current time
   * @param timedOut whether the payment is past its pending timeout
   * @param recheck the re-check policy
   * @return the decision
   */
  public static Decision onDetail(
      Payment p, PayfipPaymentDetail d, Instant now, boolean timedOut, RecheckPolicy recheck) {
    String mismatch = mismatch(p, d);
    if (mismatch != null) {
      return Decision.move(
          OPEN, PaymentState.REVIEW, d, d.resultrans(), mismatch, Optional.empty());
    }
    switch (d.status()) {
      case PAID:
        // A debt already paid makes this a double payment: see Decision#toReview.
        return Decision.move(OPEN, PaymentState.PAID, d, d.resultrans(), null, Optional.empty());
      case REFUSED:
        return Decision.move(OPEN, PaymentState.REFUSED, d, d.resultrans(), null, Optional.empty());
      case ABANDONED:
        // eopayment's rule: an abandoned operation may still be paid while it is young; and an
        // abandoned payment is re-checked afterwards, for a payer who came back and paid.
        if (p.state() == PaymentState.ABANDONED
            || (!timedOut && p.state() == PaymentState.PENDING)) {
          return Decision.KEEP;
        }
        return Decision.move(
            EnumSet.of(PaymentState.PENDING, PaymentState.EXPIRED),
            PaymentState.ABANDONED,
            d,
            d.resultrans(),
            null,
            recheck.next(p, now));
      default:
        return Decision.move(
            OPEN, PaymentState.REVIEW, d, d.resultrans(), "unknown resultrans", Optional.empty());
    }
  }

  /**
   * An answer that disagrees with, or omits, any of the ledger's fields goes to review (fail
   * closed): operation id (compared ignoring case, see {@link IdOps}), amount, refdet, numcli and
   * mode. A missing or unreadable {@code saisie} is a disagreement too: a test result must never
   * pay a production debt.
   */
  static String mismatch(Payment p, PayfipPaymentDetail d) {
    if (!d.echoedIdOp().map(id -> IdOps.same(id, p.idOp())).orElse(false)) {
      return "idOp differs from the ledger";
    }
    if (d.echoedAmountCents().isEmpty() || d.echoedAmountCents().getAsLong() != p.amountCents()) {
      return "amount differs from the ledger";
    }
    if (!d.echoedRefdet().map(p.refdet()::equals).orElse(false)) {
      return "refdet differs from the ledger";
    }
    if (!d.echoedNumcli().map(p.numcli()::equals).orElse(false)) {
      return "numcli differs from the ledger";
    }
    if (!d.echoedSaisie().map(s -> s == p.saisie()).orElse(false)) {
      return "saisie differs from the ledger";
    }
    return null;
  }
}
