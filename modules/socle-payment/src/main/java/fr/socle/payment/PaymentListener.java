package fr.socle.payment;

/**
 * The application's fulfilment: what to do when a payment is paid (mark the invoice paid, deliver
 * the service).
 *
 * <p>Guarantee. The ledger records, per payment, whether the listener has completed for its final
 * state ({@link #onPaid(Payment)} for {@link PaymentState#PAID}, {@link #onReview(Payment)} for
 * {@link PaymentState#REVIEW}). The node whose conditional update moved the payment to that state
 * takes a time-limited claim on its fulfilment in the ledger (a conditional update too, so one node
 * at a time), calls the listener after the state change is committed, and records the fulfilment as
 * done when the listener returns. Therefore:
 *
 * <ul>
 *   <li>under concurrent duplicate notifications and across nodes sharing the ledger, the listener
 *       runs once per payment;
 *   <li>if it throws, the claim is released and the payment stays awaiting fulfilment; every {@link
 *       Payments#reconcile()} run (on any node) calls it again until it returns normally. An
 *       exception never undoes the payment;
 *   <li>if the node stops before the listener returns, the claim expires ({@link
 *       Payments.Builder#fulfilmentLease(java.time.Duration)}) and a reconciliation calls it again.
 * </ul>
 *
 * <p>So the listener may be called a second time for the same payment only if a node stops (or
 * loses the database, or the database crashes before the completion record reaches its disk) after
 * the listener's side effects but before the ledger records them durably, or if the listener runs
 * longer than the lease. Make it idempotent on {@link Payment#idOp()}: for example record the
 * fulfilment in your own table with a unique constraint on {@code id_op} (an {@code INSERT ... ON
 * CONFLICT DO NOTHING} in the same transaction as the invoice update), and treat "already recorded"
 * as success.
 *
 * <p>Called on the thread that handled the notification, the return or the reconciliation; keep it
 * short (well within the lease) or hand the work to a durable queue.
 */
@FunctionalInterface
public interface PaymentListener {

  /**
   * Called when a payment becomes paid, and again by reconciliation until a call returns normally.
   *
   * @param payment the payment, in state {@link PaymentState#PAID}
   * @throws RuntimeException to have the call retried by the next reconciliation
   */
  void onPaid(Payment payment);

  /**
   * Called when a payment is flagged for review (PayFiP's answer did not match the ledger, or
   * carried an unknown result), with the same retry guarantee as {@link #onPaid(Payment)}. Does
   * nothing by default.
   *
   * @param payment the payment, in state {@link PaymentState#REVIEW}
   */
  default void onReview(Payment payment) {}

  /**
   * Called when an attempt reaches PayFiP's "paid" for a debt that another attempt already paid
   * (the payer paid twice, for example in two browser tabs). The debt was fulfilled once, by {@link
   * #onPaid(Payment)} for the first attempt; this attempt is in {@link PaymentState#REVIEW} ({@link
   * Payment#isDoublePayment()}) and its amount is to be refunded by the régie (a refund is an
   * accounting act: PayFiP has no refund operation). Same retry guarantee as {@link
   * #onPaid(Payment)}. By default, calls {@link #onReview(Payment)}.
   *
   * @param payment the second paid attempt, in state {@link PaymentState#REVIEW}
   */
  default void onDoublePayment(Payment payment) {
    onReview(payment);
  }
}
