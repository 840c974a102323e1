package fr.socle.onceonly;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The DGFiP attestation de régularité fiscale of a company (taxes paid), required from a public
 * contract's holder ({@code /v4/dgfip/unites_legales/{siren}/attestation_fiscale}). The situation
 * is assessed on the last day of the month before the request.
 *
 * <p>API Entreprise limits this endpoint to 5 calls a minute per token: fetch it once per procedure
 * and keep the document.
 *
 * @param siren the company
 * @param documentUrl the PDF's download URL (a bearer link: do not log it)
 * @param documentUrlExpiresIn how long the URL stays valid
 * @param dateDelivrance the delivery date
 * @param datePeriodeAnalysee the date the situation was assessed on
 */
public record AttestationFiscale(
    String siren,
    URI documentUrl,
    Duration documentUrlExpiresIn,
    LocalDate dateDelivrance,
    LocalDate datePeriodeAnalysee) {

  /**
   * Validates the record.
   *
   * @param siren the company
   * @param documentUrl the PDF's download URL (a bearer link: do not log it)
   * @param documentUrlExpiresIn how long the URL stays valid
   * @param dateDelivrance the delivery date
   * @param datePeriodeAnalysee the date the situation was assessed on
   */
  public AttestationFiscale {
    Objects.requireNonNull(siren, "siren");
    Objects.requireNonNull(documentUrl, "documentUrl");
    Objects.requireNonNull(documentUrlExpiresIn, "documentUrlExpiresIn");
    Objects.requireNonNull(dateDelivrance, "dateDelivrance");
    Objects.requireNonNull(datePeriodeAnalysee, "datePeriodeAnalysee");
  }

  @Override
  public String toString() {
    return "AttestationFiscale[" + siren + ", delivered " + dateDelivrance + "]";
  }
}
