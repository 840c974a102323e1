package fr.socle.payment;

/**
 * Where a payment stands in the ledger.
 *
 * <pre>
 *             create()            lookup says P or V (every echoed field matches)
 *   (none) ───────────▶ PENDING ─────────────────────────────────────────────▶ PAID
 *                        │  │ │ R or Z ──────────────────────────────────────▶ REFUSED
 *                        │  │ └ A, older than the pending timeout ───────────▶ ABANDONED
 *                        │  └ echo mismatch or missing, unknown resultrans,
 *                        │    or P/V for a debt another attempt already paid ─▶ REVIEW
 *                        └ P1, or P5 older than the pending timeout ──────────▶ EXPIRED
 *   EXPIRED, ABANDONED ─ a later lookup (notification or re-check) finds a result
 *                        ─▶ PAID / REFUSED / REVIEW (EXPIRED ─ A ─▶ ABANDONED)
 * </pre>
 *
 * PAID, REFUSED and REVIEW are final: nothing moves a payment out of them. EXPIRED and ABANDONED
 * are settled but not final: the reconciliation keeps re-checking them for a while, because a payer
 * may still pay after them (see {@code Payments.Builder#recheckWindow}).
 */
public enum PaymentState {
  /** Created on PayFiP, no final result known yet. */
  PENDING,
  /** Paid (card or direct debit); the listener runs once for it (retried until it succeeds). */
  PAID,
  /** Refused by the bank. */
  REFUSED,
  /**
   * Left by the payer (A older than the pending timeout). Not final: a payer who comes back and
   * pays is still settled, by a notification or a re-check.
   */
  ABANDONED,
  /**
   * No result came in time (P5 past the pending timeout) or PayFiP forgot the operation (P1). A
   * later notification is still looked up: money always wins over a heuristic.
   */
  EXPIRED,
  /**
   * PayFiP's answer disagreed with or omitted one of the ledger's fields (operation id, amount,
   * refdet, numcli or mode), carried an unknown result, or reported paid a second attempt of a debt
   * already paid (a double payment to refund, {@link Payment#isDoublePayment()}): never paid
   * automatically; an operator must look.
   */
  REVIEW;

  /**
   * Tells whether nothing can move a payment out of this state.
   *
   * @return true for PAID, REFUSED and REVIEW
   */
  public boolean isFinal() {
    return this == PAID || this == REFUSED || this == REVIEW;
  }
}
