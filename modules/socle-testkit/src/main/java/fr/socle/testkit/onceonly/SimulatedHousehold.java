package fr.socle.testkit.onceonly;

import fr.socle.core.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A household of the simulator's catalogue: what CNAF or MSA would return for it.
 *
 * @param fournisseur {@code CNAF} or {@code MSA}
 * @param quotientFamilial the current quotient familial, in euros
 * @param allocataires the beneficiaries (the people that can be looked up)
 * @param enfants the children
 * @param adresse the postal address lines (destinataire, voie, code postal et ville)
 * @param franceConnectToken the FranceConnect access token that stands for the first allocataire,
 *     if any
 * @param prestations the social benefits received ({@code revenu_solidarite_active}, ...)
 */
public record SimulatedHousehold(
    String fournisseur,
    int quotientFamilial,
    List<SimulatedPerson> allocataires,
    List<SimulatedPerson> enfants,
    List<String> adresse,
    Optional<String> franceConnectToken,
    List<String> prestations) {

  /**
   * Validates the record.
   *
   * @param fournisseur {@code CNAF} or {@code MSA}
   * @param quotientFamilial the current quotient familial, in euros
   * @param allocataires the beneficiaries (the people that can be looked up)
   * @param enfants the children
   * @param adresse the postal address lines (destinataire, voie, code postal et ville)
   * @param franceConnectToken the FranceConnect access token that stands for the first allocataire,
   *     if any
   * @param prestations the social benefits received ({@code revenu_solidarite_active}, ...)
   */
  public SimulatedHousehold {
    Objects.requireNonNull(fournisseur, "fournisseur");
    allocataires = List.copyOf(Objects.requireNonNull(allocataires, "allocataires"));
    enfants = List.copyOf(Objects.requireNonNull(enfants, "enfants"));
    adresse = List.copyOf(Objects.requireNonNull(adresse, "adresse"));
    Objects.requireNonNull(franceConnectToken, "franceConnectToken");
    prestations = List.copyOf(Objects.requireNonNull(prestations, "prestations"));
    if (allocataires.isEmpty()) {
      throw new InvalidInputException("allocataires must hold at least one allocataire");
    }
  }
}
