package fr.socle.payment.payfip;

import fr.socle.core.SocleServiceException;

/**
 * PayFiP (or whatever answered at its address) sent something that is not a valid answer: not XML,
 * not a SOAP envelope, an HTML error page, a document with a DTD, missing or repeated fields, or an
 * answer about another operation id. Socle fails closed: nothing in such an answer is used.
 */
public class PayfipInvalidResponseException extends SocleServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, without the body; safe to log
   * @param httpStatus the HTTP status of the answer
   */
  public PayfipInvalidResponseException(String message, int httpStatus) {
    super(message, httpStatus, "invalid-response", null);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what was wrong, without the body; safe to log
   * @param httpStatus the HTTP status of the answer
   * @param cause the parser error
   */
  public PayfipInvalidResponseException(String message, int httpStatus, Throwable cause) {
    super(message, httpStatus, "invalid-response", null, cause);
  }
}
