package fr.socle.payment;

/**
 * The application's fulfilment: what to do when a payment is paid (mark the invoice paid, deliver
 * the service).
 *
 * <p>{@link #onPaid(Payment)} is called exactly once per paid payment across every node sharing the
 * ledger: only the caller whose conditional update moved the payment to {@link PaymentState#PAID}
 * calls it, after the update is committed. If that node stops between the commit and the call, the
 * call is lost (never repeated): record the fulfilment in the same database or query {@link
 * Payments#find(String)} at start-up if that matters to you. An exception thrown by the listener is
 * logged and does not undo the payment.
 *
 * <p>Called on the thread that handled the notification, the return or the reconciliation; keep it
 * short or hand the work to a queue.
 */
@FunctionalInterface
public interface PaymentListener {

  /**
   * Called once when a payment becomes paid.
   *
   * @param payment the payment, in state {@link PaymentState#PAID}
   */
  void onPaid(Payment payment);

  /**
   * Called once when a payment is flagged for review (PayFiP's answer did not match the ledger, or
   * carried an unknown result). Does nothing by default.
   *
   * @param payment the payment, in state {@link PaymentState#REVIEW}
   */
  default void onReview(Payment payment) {}
}
