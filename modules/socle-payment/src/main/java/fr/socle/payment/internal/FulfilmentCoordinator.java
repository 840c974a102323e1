package fr.socle.payment.internal;

import fr.socle.payment.DebtAlreadyPaidException;
import fr.socle.payment.Payment;
import fr.socle.payment.PaymentListener;
import fr.socle.payment.PaymentState;
import fr.socle.payment.spi.FulfilmentRecord;
import fr.socle.payment.spi.PaymentLedger;
import fr.socle.payment.spi.StateTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies settlement decisions to the ledger and runs the listener exactly once per paid or review
 * payment: the claim (taken with the winning transition, or afterwards by the reconciliation), its
 * lease, the listener call and the completion record. The ledger, not this JVM, decides who runs
 * the listener. Thread-safe.
 */
public final class FulfilmentCoordinator {
  private static final Logger log = LoggerFactory.getLogger(FulfilmentCoordinator.class);

  /** What happened to a payment's listener call. */
  public enum Fulfilment {
    /** No listener call due (the payment did not reach PAID or REVIEW here). */
    NONE,
    /** Another node holds the claim, or the fulfilment is already done. */
    NOT_CLAIMED,
    /**
     * The listener returned and the ledger recorded it, or will within the record delay (see {@code
     * Payments.Builder#fulfilmentRecordDelay}).
     */
    DONE,
    /** The listener threw, or the ledger failed; reconciliation retries. */
    FAILED
  }

  /**
   * The result of settling one payment.
   *
   * @param payment the payment after processing
   * @param changed whether this call moved it
   * @param fulfilment what happened to its listener call
   * @param forgotten PayFiP answered P1 for an expired or abandoned payment: no more re-checks
   */
  public record Outcome(
      Payment payment, boolean changed, Fulfilment fulfilment, boolean forgotten) {
    /** Validates the outcome. */
    public Outcome {
      Objects.requireNonNull(payment, "payment");
      Objects.requireNonNull(fulfilment, "fulfilment");
    }

    /**
     * An outcome where nothing changed.
     *
     * @param payment the payment
     * @return the outcome
     */
    public static Outcome unchanged(Payment payment) {
      return new Outcome(payment, false, Fulfilment.NONE, false);
    }
  }

  private final PaymentLedger ledger;
  private final PaymentListener listener;
  private final Duration lease;
  private final Supplier<Instant> now;
  private final FulfilmentRecorder recorder;

  /**
   * Claim ids: a random prefix per instance (unique across nodes and restarts) and a counter. A
   * claim id only has to be unique, not secret; a random UUID per claim cost a read of the system's
   * random source on every paid notification.
   */
  private final String claimPrefix = UUID.randomUUID().toString();

  private final AtomicLong claims = new AtomicLong();

  /**
   * Creates the coordinator.
   *
   * @param ledger the ledger
   * @param listener the application's listener
   * @param lease how long a claim holds
   * @param now the clock, at the ledger's precision
   * @param recorder writes the records that the listener completed
   */
  public FulfilmentCoordinator(
      PaymentLedger ledger,
      PaymentListener listener,
      Duration lease,
      Supplier<Instant> now,
      FulfilmentRecorder recorder) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.lease = Objects.requireNonNull(lease, "lease");
    this.now = Objects.requireNonNull(now, "now");
    this.recorder = Objects.requireNonNull(recorder, "recorder");
  }

  /**
   * Moves a payment as decided and, if this node won the move to PAID or REVIEW, runs its listener.
   * A debt is paid once: a second attempt PayFiP reports paid for a debt already paid (two tabs) is
   * a double payment; the ledger refuses the second PAID atomically, and the attempt goes to
   * REVIEW, to be refunded, with its own listener call.
   *
   * @param p the ledger's row
   * @param decision a {@link Settlement.Kind#MOVE} decision
   * @param at the time of the move
   * @return the outcome
   */
  public Outcome move(Payment p, Settlement.Decision decision, Instant at) {
    if (decision.to() != PaymentState.PAID) {
      return transition(p, decision, at);
    }
    try {
      return transition(p, decision, at);
    } catch (DebtAlreadyPaidException e) {
      log.warn(
          "PayFiP reports {} paid, but debt {} is already paid: double payment, to refund",
          p.idOp(),
          p.refdet());
      return transition(p, decision.toReview(Payment.DOUBLE_PAYMENT_REASON), at);
    }
  }

  private Outcome transition(Payment p, Settlement.Decision decision, Instant at) {
    PaymentState to = decision.to();
    boolean fulfils = to == PaymentState.PAID || to == PaymentState.REVIEW;
    // The winner of the transition holds the fulfilment claim from the same atomic change: one
    // ledger round trip fewer than claiming afterwards, and no window where another node could
    // see the payment paid but unclaimed.
    String claimId = newClaimId();
    Instant leaseEnd = at.plus(lease);
    Optional<StateTransition.Claim> claim =
        fulfils ? Optional.of(new StateTransition.Claim(claimId, leaseEnd)) : Optional.empty();
    StateTransition t = decision.transition(p.idOp(), at, claim);
    boolean won = ledger.transition(t);
    Payment after = won ? t.applyTo(p) : ledger.find(p.idOp()).orElse(p);
    Fulfilment f = Fulfilment.NONE;
    if (won) {
      log.debug("payment {} moved from {} to {}", p.idOp(), p.state(), to);
      if (fulfils) {
        f = runClaimed(after, claimId, leaseEnd);
      }
    }
    return new Outcome(after, won, f, false);
  }

  /**
   * Runs the listener for a paid or review payment under a claim taken in the ledger, and records
   * the fulfilment as done if it returns.
   *
   * @param payment the payment
   * @return what happened
   */
  public Fulfilment fulfil(Payment payment) {
    if (payment.state() != PaymentState.PAID && payment.state() != PaymentState.REVIEW) {
      return Fulfilment.NONE;
    }
    String claimId = newClaimId();
    Instant at = now.get();
    boolean claimed;
    try {
      claimed = ledger.claimFulfilment(payment.idOp(), claimId, at, at.plus(lease));
    } catch (RuntimeException e) {
      log.warn(
          "fulfilment of {} not claimed, ledger failed ({}); reconciliation will retry",
          payment.idOp(),
          e.getClass().getName());
      return Fulfilment.FAILED;
    }
    if (!claimed) {
      return Fulfilment.NOT_CLAIMED;
    }
    return runClaimed(payment, claimId, at.plus(lease));
  }

  private String newClaimId() {
    return claimPrefix + "-" + Long.toString(claims.incrementAndGet(), 36);
  }

  /**
   * Calls the listener under a claim this node holds, then records the fulfilment as done (the
   * record may wait a few milliseconds to be written with others, see {@link FulfilmentRecorder}).
   */
  private Fulfilment runClaimed(Payment payment, String claimId, Instant leaseEnd) {
    try {
      callListener(payment);
    } catch (RuntimeException e) {
      log.warn(
          "payment listener failed for {} ({}); the payment stays {} awaiting fulfilment,"
              + " reconciliation will call the listener again",
          payment.idOp(),
          e.getClass().getName(),
          payment.state());
      try {
        ledger.releaseFulfilment(payment.idOp(), claimId);
      } catch (RuntimeException released) {
        log.warn(
            "fulfilment claim of {} not released ({}); it expires in {}",
            payment.idOp(),
            released.getClass().getName(),
            lease);
      }
      return Fulfilment.FAILED;
    }
    try {
      recorder.record(new FulfilmentRecord(payment.idOp(), claimId, now.get()), leaseEnd);
    } catch (RuntimeException e) {
      log.warn(
          "payment listener completed for {} but the ledger did not record it ({}); after the"
              + " claim expires the listener may be called again",
          payment.idOp(),
          e.getClass().getName());
      return Fulfilment.FAILED;
    }
    return Fulfilment.DONE;
  }

  private void callListener(Payment payment) {
    if (payment.state() == PaymentState.PAID) {
      listener.onPaid(payment);
    } else if (payment.isDoublePayment()) {
      listener.onDoublePayment(payment);
    } else {
      listener.onReview(payment);
    }
  }
}
