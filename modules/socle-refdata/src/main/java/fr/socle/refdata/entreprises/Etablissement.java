package fr.socle.refdata.entreprises;

import fr.socle.refdata.client.GeoPoint;
import java.util.Objects;
import java.util.Optional;

/**
 * An establishment (SIRET) as Recherche d'entreprises returns it.
 *
 * @param siret the SIRET
 * @param adresse the address on one line, if public
 * @param codePostal the postal code
 * @param codeCommune the INSEE commune code
 * @param libelleCommune the commune name
 * @param position the geocoded position, if any
 * @param activitePrincipale the NAF code
 * @param etatAdministratif {@code A} active, {@code F} closed
 * @param siege whether it is the head office
 */
public record Etablissement(
    String siret,
    Optional<String> adresse,
    Optional<String> codePostal,
    Optional<String> codeCommune,
    Optional<String> libelleCommune,
    Optional<GeoPoint> position,
    Optional<String> activitePrincipale,
    Optional<String> etatAdministratif,
    boolean siege) {

  /**
   * Validates the record.
   *
   * @param siret the SIRET
   * @param adresse the address on one line, if public
   * @param codePostal the postal code
   * @param codeCommune the INSEE commune code
   * @param libelleCommune the commune name
   * @param position the geocoded position, if any
   * @param activitePrincipale the NAF code
   * @param etatAdministratif {@code A} active, {@code F} closed
   * @param siege whether it is the head office
   */
  public Etablissement {
    Objects.requireNonNull(siret, "siret");
  }
}
