package fr.socle.onceonly;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A legal unit (company, association, public body) from the Sirene register, through API Entreprise
 * ({@code /v4/insee/sirene/unites_legales/{siren}}).
 *
 * <p>A sole trader's unit carries a person's name in {@link #denomination()}: treat it as personal
 * data. {@link #toString()} shows the SIREN only.
 *
 * @param siren the SIREN
 * @param denomination the legal name, or the person's name for a sole trader
 * @param sigle the acronym, if any
 * @param formeJuridiqueCode the legal category code (for example {@code 5710} SAS), if returned
 * @param formeJuridique the legal category label, if returned
 * @param activitePrincipale the main activity code (NAF), if returned
 * @param actif true if the unit is active ({@code etat_administratif} A), false if ceased
 * @param siretSiegeSocial the head office's SIRET, if returned
 * @param diffusible false when the unit asked not to be published (partial diffusion)
 * @param dateCreation the creation date, if returned
 */
public record UniteLegale(
    String siren,
    Optional<String> denomination,
    Optional<String> sigle,
    Optional<String> formeJuridiqueCode,
    Optional<String> formeJuridique,
    Optional<String> activitePrincipale,
    boolean actif,
    Optional<String> siretSiegeSocial,
    boolean diffusible,
    Optional<LocalDate> dateCreation) {

  /**
   * Validates the record.
   *
   * @param siren the SIREN
   * @param denomination the legal name, or the person's name for a sole trader
   * @param sigle the acronym, if any
   * @param formeJuridiqueCode the legal category code (for example {@code 5710} SAS), if returned
   * @param formeJuridique the legal category label, if returned
   * @param activitePrincipale the main activity code (NAF), if returned
   * @param actif true if the unit is active ({@code etat_administratif} A), false if ceased
   * @param siretSiegeSocial the head office's SIRET, if returned
   * @param diffusible false when the unit asked not to be published (partial diffusion)
   * @param dateCreation the creation date, if returned
   */
  public UniteLegale {
    Objects.requireNonNull(siren, "siren");
    Objects.requireNonNull(denomination, "denomination");
    Objects.requireNonNull(sigle, "sigle");
    Objects.requireNonNull(formeJuridiqueCode, "formeJuridiqueCode");
    Objects.requireNonNull(formeJuridique, "formeJuridique");
    Objects.requireNonNull(activitePrincipale, "activitePrincipale");
    Objects.requireNonNull(siretSiegeSocial, "siretSiegeSocial");
    Objects.requireNonNull(dateCreation, "dateCreation");
  }

  @Override
  public String toString() {
    return "UniteLegale[" + siren + "]";
  }
}
