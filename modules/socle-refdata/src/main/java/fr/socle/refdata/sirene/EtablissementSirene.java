package fr.socle.refdata.sirene;

import java.util.Objects;
import java.util.Optional;

/**
 * An establishment (SIRET) of the Sirene register, with the values of its current period.
 *
 * @param siret the SIRET
 * @param siren the SIREN of its legal unit
 * @param siege whether it is the head office
 * @param etatAdministratif {@code A} active or {@code F} closed
 * @param activitePrincipale the APE/NAF code
 * @param enseigne the first sign line, if any
 * @param denominationUniteLegale the name of its legal unit, if returned
 * @param numeroVoie the street number
 * @param typeVoie the street type code
 * @param libelleVoie the street name
 * @param codePostal the postal code
 * @param libelleCommune the commune name
 * @param codeCommune the INSEE commune code
 * @param dateCreation the creation date
 * @param statutDiffusion {@code O} or {@code P}
 */
public record EtablissementSirene(
    String siret,
    String siren,
    boolean siege,
    Optional<String> etatAdministratif,
    Optional<String> activitePrincipale,
    Optional<String> enseigne,
    Optional<String> denominationUniteLegale,
    Optional<String> numeroVoie,
    Optional<String> typeVoie,
    Optional<String> libelleVoie,
    Optional<String> codePostal,
    Optional<String> libelleCommune,
    Optional<String> codeCommune,
    Optional<String> dateCreation,
    Optional<String> statutDiffusion) {

  /**
   * Validates the record.
   *
   * @param siret the SIRET
   * @param siren the SIREN of its legal unit
   * @param siege whether it is the head office
   * @param etatAdministratif {@code A} active or {@code F} closed
   * @param activitePrincipale the APE/NAF code
   * @param enseigne the first sign line, if any
   * @param denominationUniteLegale the name of its legal unit, if returned
   * @param numeroVoie the street number
   * @param typeVoie the street type code
   * @param libelleVoie the street name
   * @param codePostal the postal code
   * @param libelleCommune the commune name
   * @param codeCommune the INSEE commune code
   * @param dateCreation the creation date
   * @param statutDiffusion {@code O} or {@code P}
   */
  public EtablissementSirene {
    Objects.requireNonNull(siret, "siret");
    Objects.requireNonNull(siren, "siren");
  }
}
