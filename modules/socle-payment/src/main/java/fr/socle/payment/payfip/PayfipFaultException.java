package fr.socle.payment.payfip;

import fr.socle.core.SocleServiceException;
import java.util.Objects;
import java.util.Optional;

/**
 * PayFiP answered a SOAP fault. Thrown as {@link PayfipFunctionalException} for business errors and
 * {@link PayfipTechnicalException} for the three technical families; thrown as this type only for a
 * fault of no known family.
 *
 * <p>PayFiP's error code ({@code R3}, {@code A2}, {@code P1}, {@code P5}, {@code 999}...) is {@link
 * #errorCode()}.
 *
 * <p>The message holds the operation, the family, the code and PayFiP's label; never the request's
 * personal data.
 */
public class PayfipFaultException extends SocleServiceException {
  private static final long serialVersionUID = 1L;

  /** The SOAP operation that failed. */
  private final String operation;

  /** The fault family. */
  private final FaultType faultType;

  /** PayFiP's label for the error, or {@code null} when the fault had none. */
  private final String label;

  /**
   * Creates the exception.
   *
   * @param operation the SOAP operation, for example {@code creerPaiementSecurise}
   * @param httpStatus the HTTP status of the answer (PayFiP sends faults with 500)
   * @param faultType the family
   * @param code the fault's {@code code}, for example {@code P5}, or null
   * @param label the fault's {@code libelle}, or null
   */
  public PayfipFaultException(
      String operation, int httpStatus, FaultType faultType, String code, String label) {
    super(describe(operation, faultType, label), httpStatus, code, null);
    this.operation = Objects.requireNonNull(operation, "operation");
    this.faultType = Objects.requireNonNull(faultType, "faultType");
    this.label = label;
  }

  private static String describe(String operation, FaultType type, String label) {
    return "PayFiP "
        + operation
        + " failed with "
        + (type == FaultType.UNRECOGNISED ? "an unrecognised fault" : type.detailName())
        + (label == null || label.isEmpty() ? "" : ": " + label);
  }

  /**
   * Returns the SOAP operation that failed.
   *
   * @return for example {@code recupererDetailPaiementSecurise}
   */
  public String operation() {
    return operation;
  }

  /**
   * Returns the fault family.
   *
   * @return the family
   */
  public FaultType faultType() {
    return faultType;
  }

  /**
   * Returns PayFiP's label for the error.
   *
   * @return for example {@code IdOp incorrect.}, if present
   */
  public Optional<String> label() {
    return Optional.ofNullable(label);
  }
}
