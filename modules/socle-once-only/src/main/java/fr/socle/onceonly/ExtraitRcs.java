package fr.socle.onceonly;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The main data of a company's extract from the trade and companies register (the "Kbis"), from
 * Infogreffe through API Entreprise ({@code
 * /v3/infogreffe/rcs/unites_legales/{siren}/extrait_kbis}).
 *
 * @param siren the company
 * @param denomination the registered name, for a legal person
 * @param formeJuridique the legal form's label, if returned
 * @param greffe the registry court, if returned
 * @param dateImmatriculation the registration date, if returned
 * @param dateRadiation the striking-off date, if struck off
 * @param dateExtrait the extract's date, if returned
 * @param capital the share capital, if returned
 * @param devise the capital's currency, if returned
 */
public record ExtraitRcs(
    String siren,
    Optional<String> denomination,
    Optional<String> formeJuridique,
    Optional<String> greffe,
    Optional<LocalDate> dateImmatriculation,
    Optional<LocalDate> dateRadiation,
    Optional<LocalDate> dateExtrait,
    Optional<BigDecimal> capital,
    Optional<String> devise) {

  /**
   * Validates the record.
   *
   * @param siren the company
   * @param denomination the registered name, for a legal person
   * @param formeJuridique the legal form's label, if returned
   * @param greffe the registry court, if returned
   * @param dateImmatriculation the registration date, if returned
   * @param dateRadiation the striking-off date, if struck off
   * @param dateExtrait the extract's date, if returned
   * @param capital the share capital, if returned
   * @param devise the capital's currency, if returned
   */
  public ExtraitRcs {
    Objects.requireNonNull(siren, "siren");
    Objects.requireNonNull(denomination, "denomination");
    Objects.requireNonNull(formeJuridique, "formeJuridique");
    Objects.requireNonNull(greffe, "greffe");
    Objects.requireNonNull(dateImmatriculation, "dateImmatriculation");
    Objects.requireNonNull(dateRadiation, "dateRadiation");
    Objects.requireNonNull(dateExtrait, "dateExtrait");
    Objects.requireNonNull(capital, "capital");
    Objects.requireNonNull(devise, "devise");
  }

  /**
   * Tells whether the company is struck off the register.
   *
   * @return true if a striking-off date is present
   */
  public boolean radiee() {
    return dateRadiation.isPresent();
  }

  @Override
  public String toString() {
    return "ExtraitRcs[" + siren + "]";
  }
}
