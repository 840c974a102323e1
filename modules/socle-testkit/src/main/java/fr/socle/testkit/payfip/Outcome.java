package fr.socle.testkit.payfip;

import java.util.Optional;

/**
 * What the payer does on the simulated payment page: the buttons a tester clicks, or what {@link
 * PayfipSimulator#complete(String, Outcome)} does programmatically.
 *
 * <p>Each outcome but {@link #NO_ANSWER} records the {@code resultrans} letter that {@code
 * recupererDetailPaiementSecurise} then returns, notifies {@code urlnotif} and sends the browser to
 * {@code urlredirect}. The letters are those of the PayFiP guide as read back by the published
 * clients (spec §1.6).
 */
public enum Outcome {
  /** Card payment accepted: {@code resultrans=P}, with an authorisation number. */
  CARD_PAID("P"),
  /** Single SEPA direct debit registered: {@code resultrans=V}, with an operation number. */
  DIRECT_DEBIT_VALIDATED("V"),
  /** Card payment refused by the bank: {@code resultrans=R}. */
  CARD_REFUSED("R"),
  /** Direct debit refused: {@code resultrans=Z}. */
  DIRECT_DEBIT_REFUSED("Z"),
  /**
   * The payer clicked "abandon": {@code resultrans=A}. The operation can still be reopened and paid
   * until it expires (15 minutes after creation): mature clients of the real service treat A as not
   * final while the operation is young, and the simulator makes that case happen.
   */
  ABANDONED("A"),
  /**
   * The payer closed the window: no result is recorded, nobody is notified, the browser never comes
   * back, and {@code recupererDetailPaiementSecurise} keeps answering P5 until the nightly purge,
   * then P1.
   */
  NO_ANSWER(null);

  private final String resultrans;

  Outcome(String resultrans) {
    this.resultrans = resultrans;
  }

  /**
   * Returns the {@code resultrans} letter this outcome records.
   *
   * @return the letter, empty for {@link #NO_ANSWER}
   */
  public Optional<String> resultrans() {
    return Optional.ofNullable(resultrans);
  }

  /**
   * Tells whether the outcome moves money (P or V).
   *
   * @return true for {@link #CARD_PAID} and {@link #DIRECT_DEBIT_VALIDATED}
   */
  public boolean paid() {
    return this == CARD_PAID || this == DIRECT_DEBIT_VALIDATED;
  }
}
