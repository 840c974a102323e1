package fr.socle.payment;

import fr.socle.core.SocleClientException;

/**
 * A notification or return named an operation id the ledger does not hold (forged, from another
 * application, or malformed). Nothing was looked up or changed; answer it like any other
 * notification.
 */
public class UnknownPaymentException extends SocleClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message safe to log
   */
  public UnknownPaymentException(String message) {
    super(message);
  }
}
