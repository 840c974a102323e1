package fr.socle.refdata.sirene;

import java.util.Objects;
import java.util.Optional;

/**
 * A legal unit (SIREN) of the Sirene register, with the values of its current period. For partially
 * diffusible persons (article R123-232 of the Code de commerce) INSEE masks fields with {@code
 * [ND]}; they are returned as sent.
 *
 * @param siren the SIREN
 * @param denomination the name of a legal person, if any
 * @param nom the family name of a natural person, if any
 * @param prenom the first name of a natural person, if any
 * @param sigle the acronym, if any
 * @param categorieJuridique the legal category code (for example {@code 7210} commune)
 * @param activitePrincipale the APE/NAF code
 * @param etatAdministratif {@code A} active or {@code C} ceased
 * @param dateCreation the creation date ({@code AAAA-MM-JJ})
 * @param nicSiege the NIC of the head office
 * @param categorieEntreprise {@code PME}, {@code ETI} or {@code GE}
 * @param statutDiffusion {@code O} diffusible, {@code P} partially
 */
public record UniteLegale(
    String siren,
    Optional<String> denomination,
    Optional<String> nom,
    Optional<String> prenom,
    Optional<String> sigle,
    Optional<String> categorieJuridique,
    Optional<String> activitePrincipale,
    Optional<String> etatAdministratif,
    Optional<String> dateCreation,
    Optional<String> nicSiege,
    Optional<String> categorieEntreprise,
    Optional<String> statutDiffusion) {

  /**
   * Validates the record.
   *
   * @param siren the SIREN
   * @param denomination the name of a legal person, if any
   * @param nom the family name of a natural person, if any
   * @param prenom the first name of a natural person, if any
   * @param sigle the acronym, if any
   * @param categorieJuridique the legal category code (for example {@code 7210} commune)
   * @param activitePrincipale the APE/NAF code
   * @param etatAdministratif {@code A} active or {@code C} ceased
   * @param dateCreation the creation date ({@code AAAA-MM-JJ})
   * @param nicSiege the NIC of the head office
   * @param categorieEntreprise {@code PME}, {@code ETI} or {@code GE}
   * @param statutDiffusion {@code O} diffusible, {@code P} partially
   */
  public UniteLegale {
    Objects.requireNonNull(siren, "siren");
  }
}
