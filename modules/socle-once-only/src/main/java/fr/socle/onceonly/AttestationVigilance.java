package fr.socle.onceonly;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The URSSAF attestation de vigilance of a company (social contributions paid), required from a
 * public contract's holder every six months ({@code /v4/urssaf/unites_legales/{siren}/
 * attestation_vigilance}).
 *
 * <p>When URSSAF refuses to deliver it ({@link #delivree()} false: contributions not paid), there
 * is no document and no validity dates. The validity end is computed by API Entreprise (six months
 * after the start, end of month).
 *
 * @param siren the company
 * @param delivree true if URSSAF delivered the attestation ({@code ok}), false if it refused
 *     ({@code refus_de_delivrance})
 * @param dateDebutValidite the start of validity, when delivered
 * @param dateFinValidite the end of validity, when delivered
 * @param codeSecurite the code to check the document on urssaf.fr, when delivered
 * @param documentUrl the PDF's download URL, when delivered (a bearer link: do not log it)
 * @param documentUrlExpiresIn how long the URL stays valid, if said
 */
public record AttestationVigilance(
    String siren,
    boolean delivree,
    Optional<LocalDate> dateDebutValidite,
    Optional<LocalDate> dateFinValidite,
    Optional<String> codeSecurite,
    Optional<URI> documentUrl,
    Optional<Duration> documentUrlExpiresIn) {

  /**
   * Validates the record.
   *
   * @param siren the company
   * @param delivree true if URSSAF delivered the attestation ({@code ok}), false if it refused
   *     ({@code refus_de_delivrance})
   * @param dateDebutValidite the start of validity, when delivered
   * @param dateFinValidite the end of validity, when delivered
   * @param codeSecurite the code to check the document on urssaf.fr, when delivered
   * @param documentUrl the PDF's download URL, when delivered (a bearer link: do not log it)
   * @param documentUrlExpiresIn how long the URL stays valid, if said
   */
  public AttestationVigilance {
    Objects.requireNonNull(siren, "siren");
    Objects.requireNonNull(dateDebutValidite, "dateDebutValidite");
    Objects.requireNonNull(dateFinValidite, "dateFinValidite");
    Objects.requireNonNull(codeSecurite, "codeSecurite");
    Objects.requireNonNull(documentUrl, "documentUrl");
    Objects.requireNonNull(documentUrlExpiresIn, "documentUrlExpiresIn");
  }

  /**
   * Tells whether the attestation is delivered and valid on a date.
   *
   * @param date the date, typically today or the contract's signature date
   * @return true only if delivered and the date is within the validity dates
   */
  public boolean valideLe(LocalDate date) {
    Objects.requireNonNull(date, "date");
    return delivree
        && dateDebutValidite.map(d -> !date.isBefore(d)).orElse(false)
        && dateFinValidite.map(d -> !date.isAfter(d)).orElse(false);
  }

  @Override
  public String toString() {
    return "AttestationVigilance["
        + siren
        + (delivree ? ", delivered, valid to " + dateFinValidite.orElse(null) : ", refused")
        + "]";
  }
}
