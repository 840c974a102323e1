package fr.socle.payment.payfip;

/**
 * PayFiP refused the request with a {@code FonctionnelleErreur}. The codes confirmed against the
 * real service are:
 *
 * <ul>
 *   <li>{@code R3}: refdet format refused;
 *   <li>{@code A2}: e-mail address refused;
 *   <li>{@code P1}: operation id unknown, purged, or sent as {@code idop} instead of {@code idOp}
 *       ({@link #isUnknownOperation()});
 *   <li>{@code P5}: the transaction has no result yet ({@link #isResultNotYetKnown()}).
 * </ul>
 *
 * Other codes (for example {@code T1}, {@code M5}, {@code P4}) are reported as they come.
 */
public class PayfipFunctionalException extends PayfipFaultException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param operation the SOAP operation
   * @param httpStatus the HTTP status of the answer
   * @param code the fault code, or null
   * @param label the fault label, or null
   */
  public PayfipFunctionalException(String operation, int httpStatus, String code, String label) {
    super(operation, httpStatus, FaultType.FUNCTIONAL, code, label);
  }

  /**
   * Tells whether PayFiP does not know the operation id ({@code P1}): never created, purged by the
   * nightly job, or expired. Such an id will never become valid.
   *
   * @return true for {@code P1}
   */
  public boolean isUnknownOperation() {
    return "P1".equals(errorCode().orElse(null));
  }

  /**
   * Tells whether the transaction has no result yet ({@code P5}): the payer is still on the payment
   * page, or never went there.
   *
   * @return true for {@code P5}
   */
  public boolean isResultNotYetKnown() {
    return "P5".equals(errorCode().orElse(null));
  }
}
