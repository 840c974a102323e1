package fr.socle.payment;

/** How the payer paid (or tried to), from the {@code resultrans} letter. */
public enum PaymentMeans {
  /** Bank card ({@code P}, {@code R}). */
  CARD,
  /** Single SEPA direct debit, "prélèvement unique" ({@code V}, {@code Z}). */
  DIRECT_DEBIT,
  /** Not known: abandoned or an unknown letter. */
  UNKNOWN;

  /**
   * Maps a {@code resultrans} letter.
   *
   * @param resultrans the letter, possibly null
   * @return the means
   */
  public static PaymentMeans fromResultrans(String resultrans) {
    if ("P".equals(resultrans) || "R".equals(resultrans)) {
      return CARD;
    }
    if ("V".equals(resultrans) || "Z".equals(resultrans)) {
      return DIRECT_DEBIT;
    }
    return UNKNOWN;
  }
}
