package fr.socle.onceonly;

import fr.socle.core.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a crèche (EAJE, établissement d'accueil du jeune enfant) needs to compute the family's
 * hourly participation with the CNAF scale: annual resources, children in charge, children
 * receiving the AEEH.
 *
 * <p>Immutable. {@link #toString()} prints nothing personal.
 *
 * @param allocataires the beneficiaries
 * @param enfants the children
 * @param adresse the declared postal address, if returned
 * @param nombreEnfantsACharge children in the household's charge
 * @param nombreEnfantsBeneficiaireAeeh children receiving the AEEH
 * @param baseRessourcesAnnuelles annual resources, in euros
 * @param anneeCalculRessources the year the resources were computed
 */
public record ParticipationFamilialeEaje(
    List<Personne> allocataires,
    List<Personne> enfants,
    Optional<AdressePostale> adresse,
    int nombreEnfantsACharge,
    int nombreEnfantsBeneficiaireAeeh,
    long baseRessourcesAnnuelles,
    int anneeCalculRessources) {

  /**
   * Validates the record.
   *
   * @param allocataires the beneficiaries
   * @param enfants the children
   * @param adresse the declared postal address, if returned
   * @param nombreEnfantsACharge children in the household's charge
   * @param nombreEnfantsBeneficiaireAeeh children receiving the AEEH
   * @param baseRessourcesAnnuelles annual resources, in euros
   * @param anneeCalculRessources the year the resources were computed
   */
  public ParticipationFamilialeEaje {
    allocataires = List.copyOf(allocataires);
    enfants = List.copyOf(enfants);
    Objects.requireNonNull(adresse, "adresse");
    if (nombreEnfantsACharge < 0 || nombreEnfantsBeneficiaireAeeh < 0) {
      throw new InvalidInputException("children counts cannot be negative");
    }
  }

  @Override
  public String toString() {
    return "ParticipationFamilialeEaje[redacted]";
  }
}
