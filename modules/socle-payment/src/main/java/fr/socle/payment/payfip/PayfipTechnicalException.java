package fr.socle.payment.payfip;

import fr.socle.core.InvalidInputException;

/**
 * PayFiP failed with one of its technical faults ({@code TechDysfonctionnementErreur}, {@code
 * TechIndisponibiliteErreur}, {@code TechProtocolaireErreur}). The outcome of a creation is then
 * unknown; a lookup can be tried again later (the DGFiP advises waiting 30 minutes).
 */
public class PayfipTechnicalException extends PayfipFaultException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param operation the SOAP operation
   * @param httpStatus the HTTP status of the answer
   * @param faultType one of the technical families
   * @param code the fault code, or null
   * @param label the fault label, or null
   */
  public PayfipTechnicalException(
      String operation, int httpStatus, FaultType faultType, String code, String label) {
    super(operation, httpStatus, requireTechnical(faultType), code, label);
  }

  private static FaultType requireTechnical(FaultType type) {
    if (type == null || !type.isTechnical()) {
      throw new InvalidInputException("not a technical fault type: " + type);
    }
    return type;
  }
}
