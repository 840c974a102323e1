package fr.socle.payment.payfip;

/**
 * The outcome of a PayFiP transaction, from its {@code resultrans} letter.
 *
 * <p>Only {@link #PAID} means money was collected. Any letter PayFiP may add in the future maps to
 * {@link #UNKNOWN}, which is never treated as paid.
 */
public enum TransactionStatus {
  /** {@code P} (card payment accepted) or {@code V} (single direct debit registered). */
  PAID,
  /** {@code R} (card refused) or {@code Z} (direct debit refused). */
  REFUSED,
  /** {@code A}: the payer left the payment page. */
  ABANDONED,
  /** Any other value: not a result Socle understands, never paid. */
  UNKNOWN;

  /**
   * Maps a {@code resultrans} letter. The match is exact: a lower-case letter is unknown.
   *
   * @param resultrans the letter PayFiP returned, possibly null
   * @return the status
   */
  public static TransactionStatus fromResultrans(String resultrans) {
    if (resultrans == null) {
      return UNKNOWN;
    }
    switch (resultrans) {
      case "P":
      case "V":
        return PAID;
      case "R":
      case "Z":
        return REFUSED;
      case "A":
        return ABANDONED;
      default:
        return UNKNOWN;
    }
  }
}
