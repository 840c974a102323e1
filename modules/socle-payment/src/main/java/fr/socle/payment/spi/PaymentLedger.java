package fr.socle.payment.spi;

import fr.socle.payment.Payment;
import fr.socle.payment.PaymentState;
import fr.socle.payment.StateTotal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where payments are stored, shared by every node of the application. The ledger, not the JVM,
 * decides who wins a state change: {@link #transition(StateTransition)} is a conditional update
 * that succeeds for exactly one of several concurrent callers, even on different machines. This is
 * what makes the fulfilment listener run exactly once.
 *
 * <p>Implementations must be thread-safe. Provided: {@link InMemoryPaymentLedger} (one process)
 * and, in {@code socle-payment-jdbc}, {@code JdbcPaymentLedger} (PostgreSQL, H2).
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
   * atomically.
   *
   * @param transition the change
   * @return true if this call changed the payment; false if it was not in a source state (or does
   *     not exist)
   */
  boolean transition(StateTransition transition);

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
}
