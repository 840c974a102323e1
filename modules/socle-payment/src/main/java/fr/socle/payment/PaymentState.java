package fr.socle.payment;

/**
 * Where a payment stands in the ledger.
 *
 * <pre>
 *             create()            lookup says P or V (amount, refdet, numcli match)
 *   (none) ───────────▶ PENDING ─────────────────────────────────────────────▶ PAID
 *                        │  │ │ R or Z ──────────────────────────────────────▶ REFUSED
 *                        │  │ └ A, older than the pending timeout ───────────▶ ABANDONED
 *                        │  └ echo mismatch, or unknown resultrans ──────────▶ REVIEW
 *                        └ P1, or P5 older than the pending timeout ──────────▶ EXPIRED
 *   EXPIRED ─ a later lookup finds a result ─▶ PAID / REFUSED / ABANDONED / REVIEW
 * </pre>
 *
 * PAID, REFUSED, ABANDONED and REVIEW are final: nothing moves a payment out of them.
 */
public enum PaymentState {
  /** Created on PayFiP, no final result known yet. */
  PENDING,
  /** Paid (card or direct debit); the listener runs once for it (retried until it succeeds). */
  PAID,
  /** Refused by the bank. */
  REFUSED,
  /** Left by the payer. */
  ABANDONED,
  /**
   * No result came in time (P5 past the pending timeout) or PayFiP forgot the operation (P1). A
   * later notification is still looked up: money always wins over a heuristic.
   */
  EXPIRED,
  /**
   * PayFiP's answer did not match the ledger (amount, refdet, numcli or mode) or carried an unknown
   * result: never paid automatically; an operator must look.
   */
  REVIEW;

  /**
   * Tells whether nothing can move a payment out of this state.
   *
   * @return true for PAID, REFUSED, ABANDONED and REVIEW
   */
  public boolean isFinal() {
    return this == PAID || this == REFUSED || this == ABANDONED || this == REVIEW;
  }
}
