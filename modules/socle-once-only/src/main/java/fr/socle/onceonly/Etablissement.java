package fr.socle.onceonly;

import java.util.Objects;
import java.util.Optional;

/**
 * An establishment from the Sirene register, through API Entreprise ({@code
 * /v4/insee/sirene/etablissements/{siret}}).
 *
 * <p>{@link #toString()} shows the SIRET only.
 *
 * @param siret the SIRET
 * @param siren the legal unit's SIREN
 * @param siegeSocial true for the head office
 * @param actif true if open ({@code etat_administratif} A)
 * @param enseigne the sign, if any
 * @param activitePrincipale the main activity code (NAF), if returned
 * @param adresse the address lines as one text (number, street type and name), if diffusible
 * @param codePostal the postcode, if diffusible
 * @param commune the commune's name, if diffusible
 * @param codeCommune the commune's COG code, if diffusible
 * @param diffusible false when the establishment asked not to be published (partial diffusion)
 */
public record Etablissement(
    String siret,
    String siren,
    boolean siegeSocial,
    boolean actif,
    Optional<String> enseigne,
    Optional<String> activitePrincipale,
    Optional<String> adresse,
    Optional<String> codePostal,
    Optional<String> commune,
    Optional<String> codeCommune,
    boolean diffusible) {

  /**
   * Validates the record.
   *
   * @param siret the SIRET
   * @param siren the legal unit's SIREN
   * @param siegeSocial true for the head office
   * @param actif true if open ({@code etat_administratif} A)
   * @param enseigne the sign, if any
   * @param activitePrincipale the main activity code (NAF), if returned
   * @param adresse the address lines as one text (number, street type and name), if diffusible
   * @param codePostal the postcode, if diffusible
   * @param commune the commune's name, if diffusible
   * @param codeCommune the commune's COG code, if diffusible
   * @param diffusible false when the establishment asked not to be published (partial diffusion)
   */
  public Etablissement {
    Objects.requireNonNull(siret, "siret");
    Objects.requireNonNull(siren, "siren");
    Objects.requireNonNull(enseigne, "enseigne");
    Objects.requireNonNull(activitePrincipale, "activitePrincipale");
    Objects.requireNonNull(adresse, "adresse");
    Objects.requireNonNull(codePostal, "codePostal");
    Objects.requireNonNull(commune, "commune");
    Objects.requireNonNull(codeCommune, "codeCommune");
  }

  @Override
  public String toString() {
    return "Etablissement[" + siret + "]";
  }
}
