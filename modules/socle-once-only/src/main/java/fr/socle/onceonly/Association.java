package fr.socle.onceonly;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * An association, from the RNA and the "API Association" of the DJEPVA through API Entreprise
 * ({@code /v4/djepva/api-association/associations/{siren_or_rna}}), as a grant file needs it.
 *
 * @param rna the RNA number (W + 9 characters), if registered
 * @param siren the SIREN, if registered in Sirene
 * @param nom the name
 * @param sigle the acronym, if any
 * @param active false if dissolved
 * @param reconnueUtilitePublique true if recognised of public utility
 * @param siretSiege the head office's SIRET, if returned
 * @param dateCreation the creation date, if returned
 * @param dateDissolution the dissolution date, if dissolved
 * @param objet the declared purpose, if returned
 * @param communeSiege the head office's commune, if returned
 */
public record Association(
    Optional<String> rna,
    Optional<String> siren,
    String nom,
    Optional<String> sigle,
    boolean active,
    boolean reconnueUtilitePublique,
    Optional<String> siretSiege,
    Optional<LocalDate> dateCreation,
    Optional<LocalDate> dateDissolution,
    Optional<String> objet,
    Optional<String> communeSiege) {

  /**
   * Validates the record.
   *
   * @param rna the RNA number (W + 9 characters), if registered
   * @param siren the SIREN, if registered in Sirene
   * @param nom the name
   * @param sigle the acronym, if any
   * @param active false if dissolved
   * @param reconnueUtilitePublique true if recognised of public utility
   * @param siretSiege the head office's SIRET, if returned
   * @param dateCreation the creation date, if returned
   * @param dateDissolution the dissolution date, if dissolved
   * @param objet the declared purpose, if returned
   * @param communeSiege the head office's commune, if returned
   */
  public Association {
    Objects.requireNonNull(rna, "rna");
    Objects.requireNonNull(siren, "siren");
    Objects.requireNonNull(nom, "nom");
    Objects.requireNonNull(sigle, "sigle");
    Objects.requireNonNull(siretSiege, "siretSiege");
    Objects.requireNonNull(dateCreation, "dateCreation");
    Objects.requireNonNull(dateDissolution, "dateDissolution");
    Objects.requireNonNull(objet, "objet");
    Objects.requireNonNull(communeSiege, "communeSiege");
  }

  @Override
  public String toString() {
    return "Association[" + rna.orElse(siren.orElse("?")) + "]";
  }
}
