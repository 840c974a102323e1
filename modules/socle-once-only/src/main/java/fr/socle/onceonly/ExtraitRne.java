package fr.socle.onceonly;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The main data of a company's extract from the national register of companies (RNE, kept by INPI),
 * through API Entreprise ({@code /v3/inpi/rne/unites_legales/{siren}/extrait_rne}): since 2023 the
 * register of every company, trades and crafts included, not only those at the RCS.
 *
 * <p>API Entreprise limits this endpoint to 15 calls a minute per token.
 *
 * @param siren the company
 * @param denomination the registered name, for a legal person
 * @param formeJuridique the legal form's label, if returned
 * @param dateImmatriculation the registration date in the RNE, if returned
 * @param dateDebutActivite the start of activity, if returned
 * @param dateDissolution the dissolution date, if dissolved
 * @param capital the share capital, if returned
 * @param devise the capital's currency, if returned
 * @param documentUrl the PDF extract's download URL, if returned (a bearer link: do not log it)
 */
public record ExtraitRne(
    String siren,
    Optional<String> denomination,
    Optional<String> formeJuridique,
    Optional<LocalDate> dateImmatriculation,
    Optional<LocalDate> dateDebutActivite,
    Optional<LocalDate> dateDissolution,
    Optional<BigDecimal> capital,
    Optional<String> devise,
    Optional<URI> documentUrl) {

  /**
   * Validates the record.
   *
   * @param siren the company
   * @param denomination the registered name, for a legal person
   * @param formeJuridique the legal form's label, if returned
   * @param dateImmatriculation the registration date in the RNE, if returned
   * @param dateDebutActivite the start of activity, if returned
   * @param dateDissolution the dissolution date, if dissolved
   * @param capital the share capital, if returned
   * @param devise the capital's currency, if returned
   * @param documentUrl the PDF extract's download URL, if returned (a bearer link: do not log it)
   */
  public ExtraitRne {
    Objects.requireNonNull(siren, "siren");
    Objects.requireNonNull(denomination, "denomination");
    Objects.requireNonNull(formeJuridique, "formeJuridique");
    Objects.requireNonNull(dateImmatriculation, "dateImmatriculation");
    Objects.requireNonNull(dateDebutActivite, "dateDebutActivite");
    Objects.requireNonNull(dateDissolution, "dateDissolution");
    Objects.requireNonNull(capital, "capital");
    Objects.requireNonNull(devise, "devise");
    Objects.requireNonNull(documentUrl, "documentUrl");
  }

  /**
   * Tells whether the company is dissolved.
   *
   * @return true if a dissolution date is present
   */
  public boolean dissoute() {
    return dateDissolution.isPresent();
  }

  @Override
  public String toString() {
    return "ExtraitRne[" + siren + "]";
  }
}
