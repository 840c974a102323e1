package fr.socle.refdata.entreprises;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A legal unit (SIREN) as Recherche d'entreprises returns it. Non-diffusible units are not returned
 * by the API.
 *
 * @param siren the SIREN
 * @param nomComplet the full name
 * @param natureJuridique the legal category code, for example {@code 7210} (commune)
 * @param activitePrincipale the NAF code
 * @param categorieEntreprise {@code PME}, {@code ETI}, {@code GE}
 * @param etatAdministratif {@code A} active, {@code C} ceased
 * @param dateCreation the creation date as sent ({@code AAAA-MM-JJ})
 * @param siege the head office
 * @param matchingEtablissements the establishments matching the query
 * @param collectivite the local authority it is, if it is one
 */
public record Entreprise(
    String siren,
    String nomComplet,
    Optional<String> natureJuridique,
    Optional<String> activitePrincipale,
    Optional<String> categorieEntreprise,
    Optional<String> etatAdministratif,
    Optional<String> dateCreation,
    Optional<Etablissement> siege,
    List<Etablissement> matchingEtablissements,
    Optional<CollectiviteTerritoriale> collectivite) {

  /**
   * Validates the record.
   *
   * @param siren the SIREN
   * @param nomComplet the full name
   * @param natureJuridique the legal category code, for example {@code 7210} (commune)
   * @param activitePrincipale the NAF code
   * @param categorieEntreprise {@code PME}, {@code ETI}, {@code GE}
   * @param etatAdministratif {@code A} active, {@code C} ceased
   * @param dateCreation the creation date as sent ({@code AAAA-MM-JJ})
   * @param siege the head office
   * @param matchingEtablissements the establishments matching the query
   * @param collectivite the local authority it is, if it is one
   */
  public Entreprise {
    Objects.requireNonNull(siren, "siren");
    Objects.requireNonNull(nomComplet, "nomComplet");
    matchingEtablissements = List.copyOf(matchingEtablissements);
  }
}
