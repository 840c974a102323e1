package fr.socle.payment;

import fr.socle.core.SocleClientException;

/**
 * {@link Payments#create(Debt)} refused to start a new attempt because the ledger already holds a
 * paid payment for the same régie and debt reference. No call was made to PayFiP.
 */
public class DebtAlreadyPaidException extends SocleClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message safe to log
   */
  public DebtAlreadyPaidException(String message) {
    super(message);
  }
}
