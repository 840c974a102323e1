package fr.socle.payment.spi;

import fr.socle.payment.Payment;
import fr.socle.payment.PaymentState;
import fr.socle.payment.StateTotal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where payments are stored, shared by every node of the application. The ledger, not the JVM,
 * decides who wins a state change: {@link #transition(StateTransition)} is a conditional update
 * that succeeds for exactly one of several concurrent callers, even on different machines. This is
 * what makes the fulfilment listener run exactly once.
 *
 * <p>The ledger is also the arbiter of fulfilment: for each payment in a final state that has a
 * listener call ({@link PaymentState#PAID}, {@link PaymentState#REVIEW}) it records whether the
 * listener has completed, and hands out a time-limited claim ({@link #claimFulfilment}) so that
 * exactly one node at a time runs the listener for a payment.
 *
 * <p>Implementations must be thread-safe and must implement every method, the fulfilment ones
 * included: a ledger that could not record fulfilment would let a paid payment go unserved. They
 * follow Socle's error rule: a limit under 1 raises {@code fr.socle.core.InvalidInputException}, a
 * null argument a {@code NullPointerException} naming the parameter, a duplicate operation id or a
 * storage failure a {@code fr.socle.core.SocleClientException}. Provided: {@link
 * InMemoryPaymentLedger} (one process) and, in {@code socle-payment-jdbc}, {@code
 * JdbcPaymentLedger} (PostgreSQL, H2).
 */
public interface PaymentLedger {

  /**
   * Records a new payment.
   *
   * @param payment the payment, usually {@link PaymentState#PENDING}
   * @throws fr.socle.core.SocleClientException if a payment with the same {@code idOp} exists, or
   *     on storage errors
   */
  void insert(Payment payment);

  /**
   * Finds a payment.
   *
   * @param idOp the operation id
   * @return the payment, if recorded
   */
  Optional<Payment> find(String idOp);

  /**
   * Applies a transition if and only if the payment is in one of {@link StateTransition#from()},
   * atomically, with its re-check time and fulfilment claim.
   *
   * <p>A debt is paid once: a transition to {@link PaymentState#PAID} must also fail, atomically
   * with the change and against concurrent callers on any node, if another payment of the same
   * numcli and refdet is already PAID. The caller then records this attempt as a double payment.
   *
   * @param transition the change
   * @return true if this call changed the payment; false if it was not in a source state (or does
   *     not exist)
   * @throws fr.socle.payment.DebtAlreadyPaidException if the transition is to PAID and another
   *     payment of the same debt is PAID (nothing changed)
   * @throws fr.socle.core.SocleClientException on storage errors
   */
  boolean transition(StateTransition transition);

  /**
   * Lists a régie's {@link PaymentState#EXPIRED} and {@link PaymentState#ABANDONED} payments whose
   * re-check time (set by {@link StateTransition#recheckAt()} or {@link #scheduleRecheck}) is at or
   * before {@code now}, earliest re-check first.
   *
   * @param numcli the client number
   * @param now the caller's current time
   * @param limit the maximum number returned, positive
   * @return the payments, possibly empty
   * @throws fr.socle.core.SocleClientException on storage errors
   */
  List<Payment> findDueForRecheck(String numcli, Instant now, int limit);

  /**
   * Sets or clears the re-check time of a payment, if it is still in {@code state}.
   *
   * @param idOp the payment
   * @param state the state it must be in
   * @param at the next re-check; empty for none
   * @throws fr.socle.core.SocleClientException on storage errors
   */
  void scheduleRecheck(String idOp, PaymentState state, Optional<Instant> at);

  /**
   * Counts and totals a régie's {@link PaymentState#REVIEW} payments with one review reason,
   * created in {@code [from, to)}; used for the double payments of the daily report.
   *
   * @param numcli the client number
   * @param reviewReason the exact reason
   * @param from inclusive lower bound of the creation time
   * @param to exclusive upper bound
   * @return the total, in state REVIEW, zero if none
   * @throws fr.socle.core.SocleClientException on storage errors
   */
  StateTotal reviewTotal(String numcli, String reviewReason, Instant from, Instant to);

  /**
   * Lists payments in a state created before a time, oldest first.
   *
   * @param state the state
   * @param createdBefore only payments created strictly before this instant
   * @param limit the maximum number returned, positive
   * @return the payments, possibly empty
   */
  List<Payment> findByState(PaymentState state, Instant createdBefore, int limit);

  /**
   * Lists every attempt for one debt of one régie.
   *
   * @param numcli the client number
   * @param refdet the debt reference
   * @return the payments, possibly empty
   */
  List<Payment> findByRefdet(String numcli, String refdet);

  /**
   * Counts and totals the payments of a régie created in {@code [from, to)}, by state.
   *
   * @param numcli the client number
   * @param from inclusive lower bound of the creation time
   * @param to exclusive upper bound
   * @return one entry per state that has payments
   */
  List<StateTotal> totals(String numcli, Instant from, Instant to);

  /**
   * Claims the right to run the listener for a payment until {@code until}, atomically: succeeds
   * only if the payment is {@link PaymentState#PAID} or {@link PaymentState#REVIEW}, its fulfilment
   * is not recorded as done, and it holds no claim or a claim that expired at or before {@code
   * now}. Of several concurrent callers, on any node, at most one wins.
   *
   * @param idOp the payment
   * @param claimId an identifier of this claim, unique per call (for example a random UUID)
   * @param now the caller's current time
   * @param until when the claim expires, after {@code now}
   * @return true if this call took the claim
   * @throws fr.socle.core.SocleClientException on storage errors
   */
  boolean claimFulfilment(String idOp, String claimId, Instant now, Instant until);

  /**
   * Records that the listener completed for a payment, whoever holds the claim now (the listener's
   * side effects have happened). Idempotent: the first recorded time is kept.
   *
   * @param idOp the payment
   * @param claimId the claim under which the listener ran
   * @param at when it completed
   * @return true if this call recorded it; false if it was already recorded (or the payment does
   *     not exist)
   * @throws fr.socle.core.SocleClientException on storage errors
   */
  boolean completeFulfilment(String idOp, String claimId, Instant at);

  /**
   * Records several completions at once, each exactly as {@link #completeFulfilment(String, String,
   * Instant)} would, in order: of two records of one payment, the first is kept. A ledger in a
   * database should write them in one round trip; the default records them one by one.
   *
   * @param records the completions, possibly empty
   * @return the operation ids this call recorded (those already recorded, or unknown, are absent)
   * @throws fr.socle.core.SocleClientException on storage errors; then none of them is known to be
   *     recorded, and the caller may pass them again
   */
  default Set<String> completeFulfilments(List<FulfilmentRecord> records) {
    Set<String> recorded = new HashSet<>();
    for (FulfilmentRecord r : records) {
      if (completeFulfilment(r.idOp(), r.claimId(), r.at())) {
        recorded.add(r.idOp());
      }
    }
    return recorded;
  }

  /**
   * Gives a claim back after the listener failed, so that the next reconciliation may retry at
   * once. Does nothing if the claim is no longer {@code claimId}'s (it expired and another node
   * took it) or the fulfilment is recorded as done.
   *
   * @param idOp the payment
   * @param claimId the claim to release
   * @throws fr.socle.core.SocleClientException on storage errors
   */
  void releaseFulfilment(String idOp, String claimId);

  /**
   * Tells when the listener completed for a payment.
   *
   * @param idOp the payment
   * @return the completion time; empty if not completed, not needed (state without listener call)
   *     or unknown payment
   * @throws fr.socle.core.SocleClientException on storage errors
   */
  Optional<Instant> fulfilledAt(String idOp);

  /**
   * Lists the {@link PaymentState#PAID} and {@link PaymentState#REVIEW} payments whose fulfilment
   * is not recorded as done, least recently changed first, whether claimed or not.
   *
   * @param limit the maximum number returned, positive
   * @return the payments, possibly empty
   * @throws fr.socle.core.SocleClientException on storage errors
   */
  List<Payment> findAwaitingFulfilment(int limit);

  /**
   * Lists the payments {@link #findAwaitingFulfilment(int)} would return that hold no claim, or a
   * claim expired at or before {@code now}: those a reconciliation should fulfil.
   *
   * @param now the caller's current time
   * @param limit the maximum number returned, positive
   * @return the payments, possibly empty
   * @throws fr.socle.core.SocleClientException on storage errors
   */
  List<Payment> findClaimableFulfilments(Instant now, int limit);
}
